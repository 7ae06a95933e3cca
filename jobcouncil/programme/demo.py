"""A believable demo programme: a few hundred seekers across real timezones, some moderators,
a staff login and a seeker login. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from jobcouncil.accounts.availability import cells_from_windows, windows_from_cells
from jobcouncil.accounts.choices import FUNCTIONS, INDUSTRIES
from jobcouncil.accounts.models import Profile, User
from jobcouncil.pool.models import PoolEntry

DEMO_PASSWORD = "council-demo-2026"
DEMO_DOMAIN = "demo.jobcouncil.org"
STAFF_EMAIL = f"staff@{DEMO_DOMAIN}"
SEEKER_EMAIL = f"maya@{DEMO_DOMAIN}"
SEED = 20261129

# (timezone, weight, a few city names) roughly like a global English-speaking programme.
TIMEZONES = [
    ("America/New_York", 22, ["New York", "Boston", "Atlanta", "Toronto"]),
    ("America/Chicago", 12, ["Chicago", "Austin", "Minneapolis"]),
    ("America/Denver", 4, ["Denver", "Salt Lake City"]),
    ("America/Los_Angeles", 16, ["San Francisco", "Seattle", "Los Angeles"]),
    ("America/Sao_Paulo", 4, ["São Paulo", "Rio de Janeiro"]),
    ("America/Mexico_City", 3, ["Mexico City", "Guadalajara"]),
    ("Europe/London", 10, ["London", "Manchester", "Edinburgh"]),
    ("Europe/Berlin", 7, ["Berlin", "Munich", "Amsterdam", "Paris"]),
    ("Europe/Madrid", 3, ["Madrid", "Barcelona"]),
    ("Africa/Lagos", 2, ["Lagos"]),
    ("Africa/Nairobi", 2, ["Nairobi"]),
    ("Asia/Kolkata", 6, ["Bengaluru", "Mumbai", "Delhi"]),
    ("Asia/Singapore", 3, ["Singapore"]),
    ("Asia/Tokyo", 2, ["Tokyo"]),
    ("Australia/Sydney", 3, ["Sydney", "Melbourne"]),
    ("Australia/Adelaide", 1, ["Adelaide"]),
]
FIRST_NAMES = (
    "Maya Ana Liam Noah Priya Arjun Sofia Lucas Chen Aisha Omar Fatima Diego Elena Kenji Yuki "
    "Grace Daniel Sarah David Amara Kwame Leila Tomás Isabel Hannah Jonas Mei Ravi Nadia Samuel "
    "Zoe Marco Ines Oliver Chloe Ethan Layla Mateo Aiko Tariq Emma Lena Felix Rosa Ahmed Nina"
).split()
LAST_INITIALS = "ABCDEFGHJKLMNOPRSTVWYZ"
SENIORITY_WEIGHTS = [8, 18, 30, 26, 13, 5]
FUNCTION_WEIGHTS = [22, 14, 8, 10, 9, 8, 6, 7, 5, 5, 2, 4]
N_SEEKERS = 300


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


def _pick_weighted(rng: random.Random, items: list, weights: list[int]):
    return rng.choices(items, weights=weights, k=1)[0]


def _window_cells(day: int, start_h: float, end_h: float) -> set[int]:
    return set(range(day * 48 + int(start_h * 2), day * 48 + int(end_h * 2)))


def demo_availability(rng: random.Random, seeker_type: str) -> list[str]:
    """Evenings and early mornings for people at work; daytimes too for people who are not."""
    cells: set[int] = set()
    weekdays = [0, 1, 2, 3, 4]
    if seeker_type == "fast":
        # Two or three days spread over the week, so the 48-hour rule can be met.
        for day in rng.sample([[0, 3], [1, 4], [0, 2, 4], [1, 3, 5], [0, 3, 5]], 1)[0]:
            start = rng.choice([9, 10, 11, 13, 14, 15])
            cells |= _window_cells(day, start, start + rng.choice([2, 3, 4]))
        if rng.random() < 0.5:
            start = rng.choice([18, 18.5, 19])
            for day in rng.sample(weekdays, 2):
                cells |= _window_cells(day, start, start + 2)
    else:
        kind = rng.random()
        if kind < 0.6:
            start = rng.choice([18, 18.5, 19, 19.5, 20])
            for day in rng.sample(weekdays, rng.choice([2, 3])):
                cells |= _window_cells(day, start, min(24, start + rng.choice([2, 2.5, 3])))
        elif kind < 0.85:
            start = rng.choice([6.5, 7, 7.5])
            for day in rng.sample(weekdays, 2):
                cells |= _window_cells(day, start, start + 2)
        else:
            cells |= _window_cells(rng.choice([5, 6]), rng.choice([9, 10]), 13)
            cells |= _window_cells(rng.choice(weekdays), 19, 21)
    return windows_from_cells(cells)


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is slow on purpose; hash the shared demo password once, not 300 times.
    return make_password(DEMO_PASSWORD)


def _ensure_user(email: str, *, is_staff: bool = False) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "is_staff": is_staff,
            "is_superuser": is_staff,
            "password": _demo_password_hash(),
        },
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, created


@transaction.atomic
def seed_demo(*, now: dt.datetime | None = None) -> list[DemoLogin]:
    now = now or timezone.now()
    rng = random.Random(SEED)
    _ensure_user(STAFF_EMAIL, is_staff=True)
    tz_names = [t[0] for t in TIMEZONES]
    tz_weights = [t[1] for t in TIMEZONES]
    cities = {t[0]: t[2] for t in TIMEZONES}
    for i in range(N_SEEKERS):
        # Draw every value even when the person exists, so reruns see the same sequence.
        first = rng.choice(FIRST_NAMES)
        name = f"{first} {rng.choice(LAST_INITIALS)}."
        tzname = _pick_weighted(rng, tz_names, tz_weights)
        seeker_type = "fast" if rng.random() < 2 / 3 else "slow"
        seniority = _pick_weighted(rng, [1, 2, 3, 4, 5, 6], SENIORITY_WEIGHTS)
        function = _pick_weighted(rng, [f[0] for f in FUNCTIONS], FUNCTION_WEIGHTS)
        industry = rng.choice(INDUSTRIES)[0]
        moderator = rng.random() < 0.12
        windows = demo_availability(rng, seeker_type)
        waited = dt.timedelta(hours=rng.randint(2, 24 * 40))
        email = SEEKER_EMAIL if i == 0 else f"seeker{i:03d}@{DEMO_DOMAIN}"
        if i == 0:
            name, tzname, seeker_type, moderator = "Maya R.", "America/New_York", "fast", False
            windows = ["mon 10:00-13:00", "tue 19:00-21:00", "thu 10:00-13:00", "fri 09:00-11:00"]
        user, created = _ensure_user(email)
        if not created:
            continue
        assert cells_from_windows(windows), email
        joined = now - waited
        Profile.objects.create(
            user=user,
            display_name=name,
            timezone=tzname,
            seeker_type=seeker_type,
            seniority=seniority,
            function=function,
            industry=industry,
            location=f"{rng.choice(cities[tzname])}",
            linkedin_url=f"https://www.linkedin.com/in/demo-{first.lower()}-{i:03d}",
            volunteers_to_moderate=moderator,
            availability=windows,
            orientation_completed_at=joined - dt.timedelta(hours=1),
            moderator_training_completed_at=joined if moderator else None,
            moderator_approved_at=joined + dt.timedelta(hours=20) if moderator else None,
        )
        PoolEntry.objects.create(user=user, joined_at=joined)
    return [
        DemoLogin("staff", STAFF_EMAIL, DEMO_PASSWORD),
        DemoLogin("seeker (in the pool)", SEEKER_EMAIL, DEMO_PASSWORD),
    ]
