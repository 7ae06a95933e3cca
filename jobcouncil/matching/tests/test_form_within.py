"""New councils only at slots that first meet soon (MatchOptions.form_within_hours)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from jobcouncil.matching.applicants import ExistingCouncil
from jobcouncil.matching.check import validate_result
from jobcouncil.matching.engine import REASON_LATER, REASON_TOO_FEW, match, result_to_json
from jobcouncil.matching.soon import key_waits
from jobcouncil.matching.timegrid import parse_slot, seconds_until, slots_starting_within

from .factory import applicant, group, options
from .strategies import match_options, pools, random_pool

RULES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Wednesday 2 December 2026, 15:00 UTC: a day after the tests' clock.
EARLIEST = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def soon(hours, **overrides):
    return options(earliest_meeting=EARLIEST, form_within_hours=hours, **overrides)


def test_the_slots_within_a_window_are_those_whose_next_start_comes_before_its_end():
    near = slots_starting_within(EARLIEST, 24)
    assert near >> parse_slot("wed 15:00") & 1  # starts at that moment
    assert near >> parse_slot("thu 14:30") & 1  # 23.5 hours later
    assert not near >> parse_slot("thu 15:00") & 1  # 24 hours later: out
    assert not near >> parse_slot("wed 14:30") & 1  # just missed: a week less half an hour
    assert near.bit_count() == 48


def test_a_council_whose_only_slot_is_days_away_waits_for_a_later_round():
    # Monday 18:00 UTC is five days and three hours after Wednesday 15:00.
    people = group(8, volunteers=1, availability=["mon 18:00-19:00"])
    later = match(people, options=soon(48))
    assert later.councils == []
    assert {u.reason for u in later.unplaced} == {REASON_LATER}
    # A window that reaches Monday evening, or none, forms it there.
    for opts in (soon(7 * 24), options(earliest_meeting=EARLIEST)):
        (council,) = match(people, options=opts).councils
        assert council.slots == (parse_slot("mon 18:00"),)


def test_the_window_counts_from_the_earliest_meeting_not_from_now():
    people = group(8, volunteers=1, availability=["mon 18:00-19:00"])
    sunday = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)  # Monday 18:00 is 30 hours on
    (council,) = match(
        people, options=options(earliest_meeting=sunday, form_within_hours=48)
    ).councils
    assert council.slots == (parse_slot("mon 18:00"),)


def test_people_with_a_near_and_a_far_slot_meet_at_the_near_one():
    people = group(8, volunteers=1, availability=["mon 18:00-19:00", "thu 18:00-19:00"])
    (council,) = match(people, options=soon(48)).councils
    assert council.slots == (parse_slot("thu 18:00"),)


def test_a_fast_council_forms_when_its_first_slot_is_near_and_its_second_far():
    windows = ["wed 16:00-17:00", "sat 10:00-11:00"]
    people = group(7, volunteers=1, seeker_type="fast", availability=windows)
    (council,) = match(people, options=soon(24)).councils
    assert council.slots == (parse_slot("wed 16:00"), parse_slot("sat 10:00"))
    # Both days away: Saturday 10:00 is 67 hours on, Monday 10:00 115 hours.
    windows = ["sat 10:00-11:00", "mon 10:00-11:00"]
    far = group(7, volunteers=1, seeker_type="fast", availability=windows)
    later = match(far, options=soon(24))
    assert later.councils == []
    assert {u.reason for u in later.unplaced} == {REASON_LATER}
    (council,) = match(far, options=soon(72)).councils
    assert council.slots == (parse_slot("mon 10:00"), parse_slot("sat 10:00"))


def test_a_free_seat_at_a_far_slot_is_still_taken():
    # The window is for new councils only: a running council meets anyway.
    members = tuple(applicant(availability=["mon 18:00-19:00"]) for _ in range(6))
    running = ExistingCouncil("running", "slow", (parse_slot("mon 18:00"),), members, None)
    newcomer = applicant(availability=["mon 18:00-19:00"])
    result = match([newcomer], existing=[running], options=soon(24))
    assert [(r.council, r.added) for r in result.refilled] == [("running", (newcomer.id,))]


def test_too_few_people_is_still_said_as_such():
    people = group(3, volunteers=1, availability=["mon 18:00-19:00"])
    assert {u.reason for u in match(people, options=soon(48)).unplaced} == {REASON_TOO_FEW}


def test_the_option_needs_an_earliest_meeting_and_a_week_at_most():
    with pytest.raises(ValueError, match="earliest-meeting"):
        options(form_within_hours=48)
    for hours in (0, -1, 169):
        with pytest.raises(ValueError, match="between"):
            soon(hours)


def test_the_output_records_the_window():
    people = group(6, volunteers=1, availability=["thu 18:00-19:00"])
    document = result_to_json(match(people, options=soon(48)))
    assert document["options"]["form_within_hours"] == 48
    assert "form_within_hours" not in result_to_json(match(people, options=options()))["options"]


@RULES
@given(pool=pools(), opts=match_options())
def test_every_new_council_first_meets_within_the_window(pool, opts):
    windowed = dataclasses.replace(opts, earliest_meeting=EARLIEST, form_within_hours=36)
    result = match(pool, options=windowed)
    assert validate_result(pool, result_to_json(result), windowed) == []
    for council in result.councils:
        assert key_waits(council.slots, EARLIEST)[0] < 36 * 3600
    # A window of the whole week changes nothing.
    week = match(pool, options=dataclasses.replace(windowed, form_within_hours=168))
    free = match(pool, options=dataclasses.replace(windowed, form_within_hours=None))
    assert result_to_json(week)["councils"] == result_to_json(free)["councils"]
    assert week.unplaced == free.unplaced


def test_seconds_until_is_the_same_moment_as_the_slot():
    slot = parse_slot("thu 18:00")
    assert EARLIEST + timedelta(seconds=seconds_until(slot, EARLIEST)) == datetime(
        2026, 12, 3, 18, 0, tzinfo=UTC
    )


def test_a_council_is_not_moved_to_a_far_slot_to_seat_more_people():
    # Six can meet Thursday (27 hours on) and Monday (123 hours on); two more only Monday.
    both = group(6, volunteers=1, availability=["mon 18:00-19:00", "thu 18:00-19:00"])
    monday_only = group(2, volunteers=0, availability=["mon 18:00-19:00"])
    result = match(both + monday_only, options=soon(48))
    (council,) = result.councils
    assert council.slots == (parse_slot("thu 18:00"),)
    assert {u.id: u.reason for u in result.unplaced} == {a.id: REASON_LATER for a in monday_only}
    # Without the window all eight meet on Monday.
    (council,) = match(both + monday_only, options=options(earliest_meeting=EARLIEST)).councils
    assert len(council.members) == 8 and council.slots == (parse_slot("mon 18:00"),)


@pytest.mark.parametrize(("seed", "n"), [(0, 200), (5, 600)])
def test_no_search_step_moves_a_council_out_of_the_window(seed, n):
    # Dense pools, where the search moves councils to other shared slots to seat more people.
    pool = random_pool(seed, n)
    windowed = soon(36)
    result = match(pool, options=windowed)
    assert result.councils
    assert validate_result(pool, result_to_json(result), windowed) == []
    for council in result.councils:
        assert key_waits(council.slots, EARLIEST)[0] < 36 * 3600
