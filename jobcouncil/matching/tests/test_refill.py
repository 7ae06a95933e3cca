"""Existing councils with free seats are refilled first; their members and slots stay."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcouncil.matching.applicants import parse_existing
from jobcouncil.matching.check import validate_result
from jobcouncil.matching.engine import match, result_to_json

from .factory import group, options, record
from .strategies import existing_councils, match_options, pools


def existing_council(size: int, *, slots=("mon 18:00",), seeker_type="slow", cid="old-1"):
    members = [record(id=f"{cid}-m{k}", moderator=k == 0) for k in range(size)]
    return parse_existing(
        [{"id": cid, "seeker_type": seeker_type, "slots": list(slots), "members": members}]
    )


def test_it_refills_an_existing_council_before_forming_a_new_one():
    existing = existing_council(5)
    people = group(3, volunteers=0)
    result = match(people, existing=existing, options=options())
    assert result.councils == []
    assert [(r.council, set(r.added)) for r in result.refilled] == [
        ("old-1", {a.id for a in people})
    ]
    document = result_to_json(result)
    assert document["refilled"] == [{"council": "old-1", "added": [a.id for a in people]}]
    assert validate_result(people, document, options(), existing) == []


def test_it_never_fills_an_existing_council_above_the_maximum():
    existing = existing_council(7)
    people = group(3, volunteers=0)
    result = match(people, existing=existing, options=options())
    assert [len(r.added) for r in result.refilled] == [1]
    assert len(result.unplaced) == 2


def test_it_only_refills_with_people_of_the_same_type_who_can_attend_every_slot():
    existing = existing_council(4)
    wrong_type = group(2, volunteers=0, seeker_type="fast")
    wrong_time = group(2, volunteers=0, availability=["tue 18:00-20:00"])
    result = match(wrong_type + wrong_time, existing=existing, options=options())
    assert result.refilled == []
    assert len(result.unplaced) == 4


def test_it_still_forms_a_new_council_when_refilling_would_leave_people_out():
    existing = existing_council(5)
    people = group(7, volunteers=1)
    result = match(people, existing=existing, options=options())
    placed = {m for c in result.councils for m in c.members}
    placed |= {m for r in result.refilled for m in r.added}
    assert placed == {a.id for a in people}
    assert result.refilled and len(result.councils) == 1
    document = result_to_json(result)
    assert validate_result(people, document, options(), existing) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), pool=pools(max_size=40), opts=match_options())
def test_refills_never_break_a_rule_on_random_pools(data, pool, opts):
    existing = parse_existing(data.draw(existing_councils(pool, opts)))
    result = match(pool, existing=existing, options=opts)
    assert validate_result(pool, result_to_json(result), opts, existing) == []
    by_id = {ex.id: ex for ex in existing}
    for refill in result.refilled:
        assert len(by_id[refill.council].members) + len(refill.added) <= max(
            opts.max_size, len(by_id[refill.council].members)
        )
