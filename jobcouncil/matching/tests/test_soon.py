"""First meetings soon (the last objective) and one newcomer into a free seat (place_one)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings

from jobcouncil.matching.applicants import ExistingCouncil
from jobcouncil.matching.check import validate_result
from jobcouncil.matching.engine import match, result_to_json
from jobcouncil.matching.soon import (
    first_start,
    key_waits,
    next_meeting,
    place_one,
    seats_for,
    seconds_until,
)
from jobcouncil.matching.timegrid import (
    FULL_WEEK,
    gap_ok,
    meeting_slots,
    parse_slot,
    slot_bits_list,
    window_slots,
)

from .factory import applicant, group, options
from .strategies import match_options, pools

RULES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Tuesday 1 December 2026, 15:00 UTC, plus a day's notice.
EARLIEST = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def starts_of(person, opts):
    available = window_slots(person.availability, person.timezone, opts.reference_date)
    return meeting_slots(available, opts.meeting_minutes)


def test_seconds_until_counts_round_the_week():
    wednesday_15 = parse_slot("wed 15:00")
    assert seconds_until(wednesday_15, EARLIEST) == 0
    assert seconds_until(parse_slot("wed 16:00"), EARLIEST) == 3600
    # Just missed: a whole week less half an hour.
    assert seconds_until(parse_slot("wed 14:30"), EARLIEST) == 7 * 86400 - 1800
    assert first_start([parse_slot("mon 09:00"), parse_slot("thu 09:00")], EARLIEST) == datetime(
        2026, 12, 3, 9, 0, tzinfo=UTC
    )


def test_a_new_council_meets_at_the_shared_slot_that_comes_first():
    # Everyone is free Monday and Thursday evenings: Thursday comes first after Wednesday.
    people = group(8, volunteers=1, availability=["mon 18:00-19:00", "thu 18:00-19:00"])
    without = match(people, options=options())
    soon = match(people, options=options(earliest_meeting=EARLIEST))
    assert [c.members for c in soon.councils] == [c.members for c in without.councils]
    (council,) = soon.councils
    assert council.slots == (parse_slot("thu 18:00"),)
    assert validate_result(people, result_to_json(soon), options()) == []


def test_a_fast_council_picks_the_pair_whose_first_meeting_comes_soonest():
    windows = ["mon 10:00-11:00", "wed 16:00-17:00", "fri 18:00-19:00", "sat 10:00-11:00"]
    people = group(7, volunteers=1, seeker_type="fast", availability=windows)
    result = match(people, options=options(earliest_meeting=EARLIEST))
    (council,) = result.councils
    # Wednesday 16:00 is an hour after the notice ends; its partner must be 48 h away.
    assert parse_slot("wed 16:00") in council.slots
    assert gap_ok(*council.slots)
    assert council.slots == (parse_slot("wed 16:00"), parse_slot("fri 18:00"))


@RULES
@given(pool=pools(), opts=match_options())
def test_the_last_objective_moves_slots_only_and_picks_the_soonest_it_may(pool, opts):
    soon_opts = dataclasses.replace(opts, earliest_meeting=EARLIEST)
    before = match(pool, options=opts)
    after = match(pool, options=soon_opts)
    document = result_to_json(after)
    assert validate_result(pool, document, soon_opts) == []
    # Exactly as good on coverage, fairness and fit: the same people in the same councils.
    assert after.unplaced == before.unplaced
    assert after.refilled == before.refilled
    old_slots = {frozenset(c.members): c.slots for c in before.councils}
    assert set(old_slots) == {frozenset(c.members) for c in after.councils}
    assert after.stats["mean_similarity"] == before.stats["mean_similarity"]
    by_id = {a.id: a for a in pool}
    unplaced = [by_id[u.id] for u in after.unplaced]
    for council in after.councils:
        common = FULL_WEEK
        for m in council.members:
            common &= starts_of(by_id[m], soon_opts)
        shared = slot_bits_list(common)
        if council.seeker_type == "slow":
            keys = [(s,) for s in shared]
        else:
            keys = [(a, b) for a in shared for b in shared if a < b and gap_ok(a, b)]

        def attendees(key, council=council):
            return {
                u.id
                for u in unplaced
                if u.seeker_type == council.seeker_type
                and all(starts_of(u, soon_opts) >> s & 1 for s in key)
            }

        old = old_slots[frozenset(council.members)]
        allowed = [k for k in keys if attendees(k) <= attendees(old)]
        assert council.slots in allowed
        assert min(key_waits(k, EARLIEST) for k in allowed) == key_waits(council.slots, EARLIEST)


def test_the_output_without_the_option_does_not_name_it():
    people = group(6, volunteers=1)
    assert "earliest_meeting" not in result_to_json(match(people, options=options()))["options"]
    document = result_to_json(match(people, options=options(earliest_meeting=EARLIEST)))
    assert document["options"]["earliest_meeting"] == EARLIEST.isoformat()


# ----- one newcomer into a free seat -----


def council(cid, size, *, slots=("mon 18:00",), seeker_type="slow", meets_from=None, **traits):
    members = tuple(applicant(seeker_type=seeker_type, **traits) for _ in range(size))
    return ExistingCouncil(
        cid, seeker_type, tuple(parse_slot(s) for s in slots), members, meets_from
    )


def test_place_one_takes_a_free_seat_the_newcomer_can_attend():
    newcomer = applicant()
    full = council("full", 8)
    elsewhere = council("tuesday", 6, slots=("tue 18:00",))
    fast = council("fast", 6, seeker_type="fast", slots=("mon 18:00", "thu 18:00"))
    open_seat = council("open", 7)
    seat = place_one(newcomer, [full, elsewhere, fast, open_seat], options=options())
    assert seat is not None and seat.council == "open" and seat.size == 7
    assert place_one(newcomer, [full, elsewhere, fast], options=options()) is None


def test_place_one_never_seats_someone_twice_in_one_council():
    seat_holder = council("c", 6)
    member = seat_holder.members[0]
    assert place_one(member, [seat_holder], options=options()) is None


def test_place_one_keeps_volunteers_for_new_councils_unless_asked():
    volunteer = applicant(moderator=True)
    councils = [council("c", 6)]
    assert place_one(volunteer, councils, options=options()) is None
    seat = place_one(volunteer, councils, options=options(), keep_volunteers=False)
    assert seat is not None and seat.council == "c"


def test_place_one_ranks_a_small_council_then_fit_then_the_sooner_first_meeting():
    newcomer = applicant(function="design", industry="health", seniority=2)
    # Monday 18:00 is five days after the notice ends, Thursday 18:00 one day.
    monday_alike = council("monday-alike", 6, function="design", industry="health", seniority=2)
    thursday_alike = council(
        "thursday-alike",
        6,
        slots=("thu 18:00",),
        function="design",
        industry="health",
        seniority=2,
    )
    thursday_unlike = council("thursday-unlike", 6, slots=("thu 18:00",))
    small_unlike = council("small-unlike", 4, slots=("mon 18:00",))
    newcomer = dataclasses.replace(newcomer, availability=("mon 18:00-19:00", "thu 18:00-19:00"))
    everyone = [monday_alike, thursday_unlike, small_unlike, thursday_alike]
    seats = seats_for(newcomer, everyone, options=options(), earliest=EARLIEST)
    assert [s.council for s in seats] == [
        "small-unlike",  # below the minimum size: a seat there keeps it going
        "thursday-alike",  # alike, and meets on Thursday 3 December
        "monday-alike",  # alike, meets on Monday 7 December
        "thursday-unlike",
    ]
    assert seats[1].first_meeting == datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
    assert seats[2].first_meeting == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


def test_a_slow_council_meets_every_second_week_from_its_first_meeting():
    first = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # a Monday
    slow = council("slow", 6, meets_from=first)
    # The Monday after EARLIEST (7 December) is two weeks after 23 November: a meeting day.
    assert next_meeting(slow, EARLIEST) == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
    odd = council("odd", 6, meets_from=first + timedelta(weeks=1))
    assert next_meeting(odd, EARLIEST) == datetime(2026, 12, 14, 18, 0, tzinfo=UTC)
    # A council whose first meeting is still ahead first meets then.
    later = council("later", 6, meets_from=datetime(2026, 12, 21, 18, 0, tzinfo=UTC))
    assert next_meeting(later, EARLIEST) == datetime(2026, 12, 21, 18, 0, tzinfo=UTC)


def _placement(people):
    from jobcouncil.matching.bucketing import Pool
    from jobcouncil.matching.placement import Placement

    ordered = sorted(people, key=lambda a: (a.applied_at, a.id))
    return Placement(Pool(ordered, False, [], options(), {}))


def test_a_council_never_moves_to_slots_that_would_open_it_to_someone_unplaced():
    from jobcouncil.matching.soon import soonest_pass

    both = ["mon 18:00-19:00", "thu 18:00-19:00"]
    monday, thursday = parse_slot("mon 18:00"), parse_slot("thu 18:00")
    alone = _placement(group(8, volunteers=1, availability=both))
    alone.new_council((monday,), 0, list(range(1, 8)))
    assert soonest_pass(alone, EARLIEST)  # Thursday comes first after Wednesday
    assert alone.councils[0].key == (thursday,)
    # A ninth, free on Thursdays only, waits: on Thursday the council would be open to them
    # (and owe them the seat of its latest member), so it stays on Monday.
    crowded = _placement(
        group(8, volunteers=1, availability=both) + [applicant(availability=both[1:])]
    )
    crowded.new_council((monday,), 0, list(range(1, 8)))
    assert not soonest_pass(crowded, EARLIEST)
    assert crowded.councils[0].key == (monday,)
