"""match-check's rule checker catches every kind of broken result."""

from __future__ import annotations

import copy

import pytest

from jobcouncil.matching.applicants import parse_existing
from jobcouncil.matching.check import validate_result
from jobcouncil.matching.engine import match, result_to_json

from .factory import applicant, group, options, record

WINDOWS = ["mon 08:00-10:00", "thu 08:00-10:00"]


@pytest.fixture
def pool():
    fast = group(8, volunteers=2, seeker_type="fast", availability=WINDOWS)
    slow = group(7, volunteers=1, availability=["tue 18:00-20:00"])
    loner = [applicant(availability=["sat 05:00-06:00"])]
    return fast + slow + loner


@pytest.fixture
def document(pool):
    doc = result_to_json(match(pool, options=options()))
    assert validate_result(pool, doc, options()) == []
    assert len(doc["councils"]) == 2 and len(doc["unplaced"]) == 1
    return doc


def council(doc, seeker_type):
    return next(c for c in doc["councils"] if c["seeker_type"] == seeker_type)


def broken(pool, doc):
    return validate_result(pool, doc, options())


def test_it_catches_a_council_below_the_minimum(pool, document):
    doc = copy.deepcopy(document)
    slow = council(doc, "slow")
    removed = slow["members"][2:]
    slow["members"] = slow["members"][:2]
    doc["unplaced"] += [{"id": m, "reason": "x"} for m in removed]
    assert broken(pool, doc) == ["rule 1: council c-0002 has 2 members (6 to 8 allowed)"]


def test_it_catches_mixed_seeker_types(pool, document):
    doc = copy.deepcopy(document)
    fast, slow = council(doc, "fast"), council(doc, "slow")
    fast["members"].append(slow["members"].pop())
    problems = broken(pool, doc)
    assert any(p.startswith("rule 2: council c-0001") for p in problems)


def test_it_catches_a_moderator_who_is_not_a_volunteer(pool, document):
    doc = copy.deepcopy(document)
    slow = council(doc, "slow")
    slow["moderator"] = slow["members"][-1]
    assert any(p.startswith("rule 3:") and "not a volunteer" in p for p in broken(pool, doc))


def test_it_catches_a_moderator_outside_the_council(pool, document):
    doc = copy.deepcopy(document)
    council(doc, "slow")["moderator"] = council(doc, "fast")["moderator"]
    assert any(p.startswith("rule 3:") and "not a member" in p for p in broken(pool, doc))


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        (["mon 08:00"], "rule 4: council c-0001 (fast) has 1 slots"),
        (["mon 08:00", "tue 08:00"], "rule 4: council c-0001 slots are less than 48 hours apart"),
        (["mon 08:00", "thu 08:15"], "rule 4: council c-0001: slot 'thu 08:15' is not on the"),
    ],
)
def test_it_catches_bad_fast_slots(pool, document, slots, expected):
    doc = copy.deepcopy(document)
    council(doc, "fast")["slots"] = slots
    assert any(p.startswith(expected) for p in broken(pool, doc))


def test_it_catches_a_member_who_cannot_attend_the_whole_meeting(pool, document):
    doc = copy.deepcopy(document)
    council(doc, "fast")["slots"] = ["mon 09:30", "thu 08:00"]  # 09:30-10:30 leaves at 10
    problems = broken(pool, doc)
    assert len(problems) == 8
    assert all(p.startswith("rule 5:") for p in problems)


def test_it_checks_availability_with_the_meeting_length(pool, document):
    assert validate_result(pool, document, options(meeting_minutes=150)) != []


def test_it_catches_someone_placed_twice_missing_or_unknown(pool, document):
    doc = copy.deepcopy(document)
    doc["unplaced"].append({"id": council(doc, "slow")["members"][1], "reason": "x"})
    doc["unplaced"].append({"id": "ghost", "reason": "x"})
    lost = doc["unplaced"].pop(0)
    problems = broken(pool, doc)
    assert any(p.startswith("rule 6:") and "appears in council" in p for p in problems)
    assert any("'ghost', who is not an applicant" in p for p in problems)
    assert any(f"missing from the result: {lost['id']!r}" in p for p in problems)


def test_it_catches_an_unplaced_person_without_a_reason(pool, document):
    doc = copy.deepcopy(document)
    doc["unplaced"][0]["reason"] = ""
    assert broken(pool, doc) == [f"rule 6: unplaced {doc['unplaced'][0]['id']!r} has no reason"]


def test_it_catches_refills_that_break_rule_7(pool, document):
    members = [record(id=f"old-m{k}", moderator=k == 0) for k in range(7)]
    existing = parse_existing(
        [
            {
                "id": "old",
                "seeker_type": "fast",
                "slots": ["mon 08:00", "thu 08:00"],
                "members": members,
            }
        ]
    )
    doc = copy.deepcopy(document)
    slow = council(doc, "slow")
    doc["councils"].remove(slow)
    doc["unplaced"] += [{"id": m, "reason": "x"} for m in slow["members"][2:]]
    doc["refilled"] = [{"council": "old", "added": slow["members"][:2]}]
    problems = validate_result(pool, doc, options(), existing)
    assert "rule 7: refill takes council old above 8" in problems
    assert any("is not a fast seeker like old" in p for p in problems)
    assert any("cannot attend every slot of council old" in p for p in problems)
    doc["refilled"][0]["council"] = "elsewhere"
    assert any("not an existing council" in p for p in validate_result(pool, doc, options()))
