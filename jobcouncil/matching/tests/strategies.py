"""Hypothesis strategies: random but dense pools, across awkward timezones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from jobcouncil.matching.applicants import Applicant, MatchOptions, parse_applicant
from jobcouncil.matching.timegrid import DAYS

# DST north and south, half-hour and 45-minute offsets, and zones whose evenings cross
# midnight (and Sunday to Monday) in UTC.
ZONES = (
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "America/St_Johns",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Asia/Tokyo",
)
# Reference dates on both sides of the spring and autumn changes, north and south.
REFERENCE_DATES = (
    date(2026, 3, 2),
    date(2026, 3, 9),
    date(2026, 3, 30),
    date(2026, 4, 6),
    date(2026, 10, 5),
    date(2026, 10, 26),
    date(2026, 11, 2),
    date(2026, 11, 30),
)


def _hhmm(half_hours: int) -> str:
    return f"{half_hours // 2:02d}:{30 * (half_hours % 2):02d}"


@st.composite
def window(draw: st.DrawFn) -> str:
    day = draw(st.sampled_from(DAYS))
    start = draw(st.integers(0, 46))
    length = draw(st.integers(1, 8))
    end = min(48, start + length)
    return f"{day} {_hhmm(start)}-{_hhmm(end)}"


@st.composite
def pools(draw: st.DrawFn, max_size: int = 60) -> list[Applicant]:
    """A pool sharing a few zones and a few windows, so councils can actually form."""
    zones = draw(st.lists(st.sampled_from(ZONES), min_size=1, max_size=3, unique=True))
    templates = draw(st.lists(window(), min_size=2, max_size=6, unique=True))
    n = draw(st.integers(0, max_size))
    share = draw(st.sampled_from((0.1, 0.2, 0.4)))
    out = []
    for k in range(n):
        record = {
            "id": f"x{k}",
            "seeker_type": draw(st.sampled_from(("fast", "slow"))),
            "moderator": draw(st.floats(0, 1)) < share,
            "timezone": draw(st.sampled_from(zones)),
            "availability": draw(st.lists(st.sampled_from(templates), min_size=0, max_size=4)),
            "seniority": draw(st.integers(1, 6)),
            "function": draw(st.sampled_from(("engineering", "Product ", "design"))),
            "industry": draw(st.sampled_from(("software", "health"))),
            "applied_at": (
                datetime(2026, 9, 1, tzinfo=UTC) + timedelta(hours=draw(st.integers(0, 2000)))
            ).isoformat(),
        }
        out.append(parse_applicant(record, k + 1))
    return out


@st.composite
def match_options(draw: st.DrawFn) -> MatchOptions:
    low = draw(st.integers(3, 6))
    return MatchOptions(
        reference_date=draw(st.sampled_from(REFERENCE_DATES)),
        seed=draw(st.integers(0, 3)),
        min_size=low,
        max_size=draw(st.integers(low, 8)),
        meeting_minutes=draw(st.sampled_from((30, 60, 90))),
    )


def random_pool(seed: int, n: int) -> list[Applicant]:
    """A dense pool from a seeded generator: a few zones, a few shared windows."""
    import random

    rng = random.Random(seed)
    zones = rng.sample(ZONES, k=rng.randint(1, 3))
    templates = []
    for _ in range(rng.randint(3, 7)):
        day = rng.choice(DAYS)
        start = rng.randint(0, 44)
        templates.append(f"{day} {_hhmm(start)}-{_hhmm(min(48, start + rng.randint(2, 6)))}")
    share = rng.choice((0.1, 0.2, 0.3))
    out = []
    for k in range(n):
        record = {
            "id": f"r{k}",
            "seeker_type": "fast" if rng.random() < 2 / 3 else "slow",
            "moderator": rng.random() < share,
            "timezone": rng.choice(zones),
            "availability": rng.sample(templates, k=rng.randint(1, min(4, len(templates)))),
            "seniority": rng.randint(1, 6),
            "function": rng.choice(("engineering", "product", "design")),
            "industry": rng.choice(("software", "health")),
            "applied_at": (
                datetime(2026, 9, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 2000))
            ).isoformat(),
        }
        out.append(parse_applicant(record, k + 1))
    return out


@st.composite
def existing_councils(draw: st.DrawFn, pool: list[Applicant], opts: MatchOptions) -> list[dict]:
    """Up to two running councils, on slots taken from the pool's own availability."""
    from jobcouncil.matching.timegrid import (
        format_slot,
        meeting_slots,
        partner_mask,
        slot_bits_list,
        window_slots,
    )

    councils = []
    for number in range(draw(st.integers(1 if pool else 0, 2))):
        seeker_type = draw(st.sampled_from(("fast", "slow")))
        starts = 0
        if pool:
            # Slots someone in the pool can attend, so refills really happen.
            person = draw(st.sampled_from(pool))
            seeker_type = person.seeker_type
            starts = meeting_slots(
                window_slots(person.availability, person.timezone, opts.reference_date),
                opts.meeting_minutes,
            )
        slots = slot_bits_list(starts) or [draw(st.integers(0, 335))]
        first = draw(st.sampled_from(slots))
        chosen = [first]
        if seeker_type == "fast":
            partners = slot_bits_list(starts & partner_mask(first)) or [(first + 120) % 336]
            chosen.append(draw(st.sampled_from(partners)))
        size = draw(st.integers(1, opts.max_size - 1))
        members = [
            {
                "id": f"old{number}-{k}",
                "seeker_type": seeker_type,
                "moderator": k == 0,
                "timezone": "UTC",
                "availability": [],
                "seniority": draw(st.integers(1, 6)),
                "function": "engineering",
                "industry": "software",
                "applied_at": "2026-01-01T00:00:00+00:00",
            }
            for k in range(size)
        ]
        councils.append(
            {
                "id": f"old-{number}",
                "seeker_type": seeker_type,
                "slots": [format_slot(s) for s in chosen],
                "members": members,
            }
        )
    return councils
