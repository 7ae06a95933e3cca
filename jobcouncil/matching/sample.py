"""A realistic random pool of applicants, for tests, demos and benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

from .timegrid import DAYS, hhmm

# Weighted like a global programme run from North America and Europe with a strong
# presence in India; includes half-hour and 45-minute zones and southern-hemisphere DST.
TIMEZONES: tuple[tuple[str, float], ...] = (
    ("America/New_York", 16),
    ("America/Chicago", 7),
    ("America/Denver", 3),
    ("America/Los_Angeles", 9),
    ("America/Toronto", 3),
    ("America/Mexico_City", 2),
    ("America/Bogota", 1.5),
    ("America/Sao_Paulo", 3),
    ("America/Argentina/Buenos_Aires", 1),
    ("America/St_Johns", 0.5),
    ("Europe/London", 9),
    ("Europe/Dublin", 1.5),
    ("Europe/Berlin", 5),
    ("Europe/Paris", 3),
    ("Europe/Madrid", 2),
    ("Europe/Amsterdam", 1.5),
    ("Europe/Warsaw", 1.5),
    ("Europe/Istanbul", 1),
    ("Africa/Lagos", 3),
    ("Africa/Nairobi", 1.5),
    ("Africa/Johannesburg", 1.5),
    ("Africa/Cairo", 1),
    ("Asia/Dubai", 1.5),
    ("Asia/Tehran", 0.5),
    ("Asia/Kolkata", 8),
    ("Asia/Kathmandu", 0.5),
    ("Asia/Dhaka", 0.5),
    ("Asia/Singapore", 2),
    ("Asia/Manila", 2),
    ("Asia/Jakarta", 1),
    ("Asia/Shanghai", 1),
    ("Asia/Tokyo", 1.5),
    ("Australia/Sydney", 2.5),
    ("Australia/Adelaide", 0.7),
    ("Australia/Perth", 0.5),
    ("Pacific/Auckland", 1),
)

FUNCTIONS: tuple[tuple[str, float], ...] = (
    ("engineering", 24),
    ("product", 12),
    ("design", 7),
    ("data", 9),
    ("marketing", 10),
    ("sales", 9),
    ("operations", 9),
    ("finance", 6),
    ("people", 5),
    ("customer success", 5),
    ("legal", 2),
    ("research", 2),
)

INDUSTRIES: tuple[tuple[str, float], ...] = (
    ("software", 28),
    ("finance", 12),
    ("healthcare", 11),
    ("education", 8),
    ("retail", 7),
    ("manufacturing", 6),
    ("media", 5),
    ("government", 5),
    ("nonprofit", 6),
    ("energy", 4),
    ("logistics", 4),
    ("consulting", 4),
)

SENIORITY_WEIGHTS = (14, 27, 26, 17, 11, 5)

# (start hour, end hour) of typical windows, local time.
EVENINGS = ((18, 20), (18, 21), (19, 21), (19, 22), (20, 22), (17, 19), (18.5, 20.5))
MORNINGS = ((6, 8), (7, 9), (6.5, 8.5), (7, 8.5), (6, 9))
DAYTIME = ((9, 12), (10, 12), (13, 16), (12, 14), (14, 17), (10, 13))
WEEKEND = ((9, 12), (10, 13), (16, 19), (8, 11))


def _hhmm(hours: float) -> str:
    return hhmm(round(hours * 60))


def _window(day: int, span: tuple[float, float]) -> str:
    return f"{DAYS[day]} {_hhmm(span[0])}-{_hhmm(span[1])}"


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([name for name, _ in table], weights=[w for _, w in table])[0]


def _availability(rng: random.Random, fast: bool) -> list[str]:
    windows: set[str] = set()
    # People tend to give the same evening or morning on several weekdays.
    habit = rng.choice(EVENINGS if rng.random() < 0.7 else MORNINGS)
    days = rng.sample(range(5), k=rng.choice((2, 3, 3, 4)))
    for day in days:
        windows.add(_window(day, habit))
    extra = rng.choice((0, 1, 1, 2))
    for _ in range(extra):
        windows.add(_window(rng.randrange(5), rng.choice(EVENINGS + MORNINGS)))
    if fast:
        # Seekers not in work can also meet during the day.
        for _ in range(rng.choice((1, 2, 3))):
            windows.add(_window(rng.randrange(5), rng.choice(DAYTIME)))
    if rng.random() < 0.35:
        windows.add(_window(rng.choice((5, 6)), rng.choice(WEEKEND)))
    # Keep a stable order without relying on set iteration (hash-seeded for str).
    return sorted(windows, key=lambda w: (DAYS.index(w[:3]), w))


def sample_applicants(
    n: int,
    *,
    seed: int = 1,
    reference_date: date = date(2026, 11, 30),
    zones: Sequence[str] | None = None,
    moderator_share: float = 0.10,
) -> Iterator[dict[str, object]]:
    """Yield n applicant records (the JSON Lines input format); same seed, same pool.

    `zones` narrows the pool to a region (dense small pools for exact comparisons).
    """
    rng = random.Random(seed)
    table = tuple((z, 1.0) for z in zones) if zones else TIMEZONES
    opened = datetime.combine(reference_date, time(0), tzinfo=UTC) - timedelta(days=120)
    for k in range(1, n + 1):
        fast = rng.random() < 2 / 3
        applied = opened + timedelta(minutes=rng.randrange(120 * 24 * 60))
        yield {
            "id": f"a{k}",
            "seeker_type": "fast" if fast else "slow",
            "moderator": rng.random() < moderator_share,
            "timezone": _pick(rng, table),
            "availability": _availability(rng, fast),
            "seniority": rng.choices(range(1, 7), weights=SENIORITY_WEIGHTS)[0],
            "function": _pick(rng, FUNCTIONS),
            "industry": _pick(rng, INDUSTRIES),
            "applied_at": applied.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
