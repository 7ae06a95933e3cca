"""The engine's results on seeded pools, pinned: a refactoring must leave them as they are.

Each case is a pool size and shape that takes a different path through the engine (tiny,
small and mid pools with their restarts and neighbourhood search, a large pool with cut
budgets, other sizes and meeting lengths, refills). The digest is of the whole output
document but `stats.seconds`. A change that is meant to change results (a better
heuristic) updates the digests here, and says in its commit why the results moved.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import pytest

from jobcouncil.matching.applicants import (
    Applicant,
    ExistingCouncil,
    MatchOptions,
    parse_applicant,
)
from jobcouncil.matching.engine import match, result_to_json
from jobcouncil.matching.sample import sample_applicants

from .factory import REFERENCE
from .strategies import random_pool

AMERICAS = ("America/New_York", "America/Chicago", "America/Toronto")
ASIA = ("Asia/Kolkata", "Asia/Kathmandu", "Asia/Dubai")


def sample(n: int, seed: int, prefix: str = "a", **kwargs: object) -> list[Applicant]:
    records = sample_applicants(n, seed=seed, reference_date=REFERENCE, **kwargs)  # type: ignore[arg-type]
    out = []
    for k, record in enumerate(records, start=1):
        record["id"] = prefix + str(record["id"])[1:]
        out.append(parse_applicant(record, k))
    return out


def running_councils(n: int, seed: int) -> list[ExistingCouncil]:
    """The councils of an earlier matching, each with one to three members gone."""
    earlier = sample(n, seed, prefix="x")
    by_id = {a.id: a for a in earlier}
    result = match(earlier, options=MatchOptions(reference_date=REFERENCE, seed=seed))
    return [
        ExistingCouncil(
            f"old-{c.id}",
            c.seeker_type,
            c.slots,
            tuple(by_id[m] for m in c.members[: -(1 + k % 3)]),
        )
        for k, c in enumerate(result.councils)
    ]


def options(seed: int, **kwargs: object) -> MatchOptions:
    return MatchOptions(reference_date=REFERENCE, seed=seed, **kwargs)  # type: ignore[arg-type]


People = Callable[[], list[Applicant]]
Running = Callable[[], list[ExistingCouncil]]
# name: (people, existing councils or None, options, digest)
CASES: dict[str, tuple[People, Running | None, MatchOptions, str]] = {
    "7 people": (lambda: sample(7, 1), None, options(1), "72910c9ccf0adc6a"),
    "45 people": (lambda: sample(45, 1), None, options(1), "53b6699df19b71a6"),
    "120 people": (lambda: sample(120, 1), None, options(1), "bf2fa23c192739c4"),
    "600 people": (lambda: sample(600, 1), None, options(1), "522a0522c478637b"),
    "10,000 people": (lambda: sample(10_000, 1), None, options(1), "7c37c5d33ea651f9"),
    "60 in the Americas": (
        lambda: sample(60, 1000, zones=AMERICAS, moderator_share=0.1),
        None,
        options(0),
        "a6dfca29920e2ca9",
    ),
    "400 in Asia": (
        lambda: sample(400, 1002, zones=ASIA, moderator_share=0.25),
        None,
        options(2),
        "44eddfa58c06a813",
    ),
    "a dense random pool": (
        lambda: random_pool(5, 60),
        None,
        options(5),
        "174fcc9a70306646",
    ),
    "councils of 3, half-hour meetings": (
        lambda: sample(300, 7, moderator_share=0.2),
        None,
        options(3, min_size=3, max_size=3, meeting_minutes=30),
        "db75ae7726478ac9",
    ),
    "refills": (
        lambda: sample(60, 11),
        lambda: running_councils(200, 12),
        options(5),
        "974f8f280058cf9a",
    ),
}


def digest(document: dict[str, object]) -> str:
    stats = document["stats"]
    assert isinstance(stats, dict)
    stats.pop("seconds")
    text = json.dumps(document, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize("case", CASES)
def test_the_engine_gives_the_pinned_result(case):
    people, existing, opts, expected = CASES[case]
    running = existing() if existing else []
    document = result_to_json(match(people(), existing=running, options=opts))
    assert digest(document) == expected
