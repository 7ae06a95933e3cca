"""The engine never breaks a hard rule, and keeps its promises on ties and volunteers."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from jobcouncil.matching.check import validate_result
from jobcouncil.matching.engine import match, result_to_json
from jobcouncil.matching.timegrid import meeting_slots, parse_slot, window_slots

from .factory import applicant, group, options
from .strategies import match_options, pools

RULES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def starts_of(person, opts):
    available = window_slots(person.availability, person.timezone, opts.reference_date)
    return meeting_slots(available, opts.meeting_minutes)


@RULES
@given(pool=pools(), opts=match_options())
def test_it_never_breaks_a_hard_rule_on_random_pools(pool, opts):
    document = result_to_json(match(pool, options=opts))
    assert validate_result(pool, document, opts) == []
    assert document["stats"]["placed"] <= document["stats"]["placeable_at_most"]


@RULES
@given(pool=pools(), opts=match_options())
def test_it_gives_a_seat_to_the_earlier_applicant_and_to_volunteers_first(pool, opts):
    result = match(pool, options=opts)
    by_id = {a.id: a for a in pool}
    unplaced = [by_id[u.id] for u in result.unplaced]
    for council in result.councils:
        slots = council.slots
        plain = [by_id[m] for m in council.members if not by_id[m].moderator]
        latest = max((a.applied_at, a.id) for a in plain) if plain else None
        for person in unplaced:
            if person.seeker_type != council.seeker_type:
                continue
            starts = starts_of(person, opts)
            if not all(starts >> s & 1 for s in slots):
                continue
            # Nobody who could sit here waits while a seat is free.
            assert len(council.members) == opts.max_size
            if person.moderator:
                # A volunteer is never left out for a plain member.
                assert not plain
            elif latest is not None:
                assert (person.applied_at, person.id) > latest


@settings(max_examples=25, deadline=None)
@given(pool=pools(max_size=40), opts=match_options())
def test_it_gives_the_same_result_for_the_same_seed(pool, opts):
    first = result_to_json(match(pool, options=opts))
    second = result_to_json(match(list(reversed(pool)), options=opts))
    for document in (first, second):
        document["stats"].pop("seconds")
    assert json.dumps(first) == json.dumps(second)


def test_it_places_the_volunteer_first_and_the_latest_applicant_last():
    people = group(7, volunteers=0) + group(2, volunteers=2)
    result = match(people, options=options(min_size=6, max_size=8))
    assert [u.id for u in result.unplaced] == [people[6].id]
    (council,) = result.councils
    assert council.moderator in {people[7].id, people[8].id}
    assert council.members[0] == council.moderator


def test_it_gives_fast_councils_two_slots_48_hours_apart_and_slow_councils_one():
    windows = ["mon 08:00-09:00", "thu 08:00-09:00"]
    fast = group(6, seeker_type="fast", availability=windows)
    slow = group(6, seeker_type="slow", availability=windows)
    result = match(fast + slow, options=options())
    slots = {c.seeker_type: c.slots for c in result.councils}
    assert slots["fast"] == (parse_slot("mon 08:00"), parse_slot("thu 08:00"))
    assert len(slots["slow"]) == 1


def test_it_never_mixes_fast_and_slow_seekers():
    people = group(4, seeker_type="fast") + group(4, seeker_type="slow", volunteers=0)
    result = match(people, options=options())
    assert result.councils == []
    assert len(result.unplaced) == 8


def test_it_explains_why_someone_is_unplaced():
    people = [
        applicant(availability=[]),
        applicant(seeker_type="fast", availability=["mon 08:00-10:00"]),
        applicant(availability=["sat 03:00-04:00"]),
        *group(6, volunteers=0, availability=["tue 18:00-20:00"]),
    ]
    result = match(people, options=options())
    reasons = {u.id: u.reason for u in result.unplaced}
    assert reasons[people[0].id] == "availability holds no full meeting"
    assert reasons[people[1].id] == "no two meeting slots 48 hours apart"
    assert reasons[people[2].id] == "no shared slot with enough people"
    assert reasons[people[3].id] == "no moderator shares a slot with enough people"


def test_it_spreads_extra_volunteers_so_each_council_has_a_backup():
    people = group(16, volunteers=4)
    result = match(people, options=options())
    assert len(result.councils) == 2
    by_id = {a.id: a for a in people}
    for council in result.councils:
        assert sum(by_id[m].moderator for m in council.members) == 2
    assert result.stats["councils_with_backup_moderator"] == 2


def test_it_groups_similar_people_together_when_the_slots_allow():
    engineers = group(8, function="engineering", industry="software", seniority=2)
    lawyers = group(8, function="legal", industry="government", seniority=6)
    result = match(lawyers + engineers, options=options())
    assert len(result.councils) == 2
    groups = {frozenset(c.members) for c in result.councils}
    assert frozenset(a.id for a in engineers) in groups
    assert result.stats["mean_similarity"] == 1.0


def test_it_reports_progress_from_zero_to_one():
    seen: list[float] = []
    match(group(20, volunteers=3), options=options(), progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in seen)
