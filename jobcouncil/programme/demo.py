"""A believable demo programme: a few hundred seekers across real timezones, some moderators,
a staff login and a seeker login. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass
from typing import TypeVar

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from jobcouncil.accounts.availability import windows_from_cells
from jobcouncil.accounts.choices import FUNCTIONS, INDUSTRIES
from jobcouncil.accounts.models import Profile, User
from jobcouncil.councils.attendance import attendance_weeks_rebuild
from jobcouncil.councils.exercises import PATH
from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CheckIn,
    Commitment,
    Council,
    Landing,
    Meeting,
    Membership,
)
from jobcouncil.councils.services import (
    SCHEDULE_AHEAD,
    council_health_update,
    meetings_ensure,
    membership_land,
)
from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule
from jobcouncil.rounds.services import round_confirm, round_run
from jobcouncil.workbook.demo import seed_workbooks

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


T = TypeVar("T")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


def _pick_weighted(rng: random.Random, items: list[T], weights: list[int]) -> T:
    return rng.choices(items, weights=weights, k=1)[0]


def _window_cells(day: int, start_h: float, end_h: float) -> set[int]:
    return set(range(day * 48 + int(start_h * 2), day * 48 + int(end_h * 2)))


def demo_availability(rng: random.Random, seeker_type: str) -> list[str]:
    """Daytimes for people not working; evenings, early mornings or weekends for the rest."""
    cells: set[int] = set()
    weekdays = [0, 1, 2, 3, 4]
    if seeker_type == "fast":
        days = rng.choice([[0, 2, 4], [0, 3], [1, 3, 4], [0, 1, 3], [1, 4], [0, 2, 3, 4]])
        start = rng.choice([9, 9.5, 10, 13, 14])
        length = rng.choice([3, 3.5, 4])
        for day in days:
            cells |= _window_cells(day, start, start + length)
        if rng.random() < 0.4:
            evening = rng.choice([18, 19])
            for day in rng.sample(weekdays, 2):
                cells |= _window_cells(day, evening, evening + 2)
    else:
        kind = rng.random()
        if kind < 0.65:
            start = rng.choice([18, 18.5, 19, 19.5])
            for day in rng.sample(weekdays, rng.choice([2, 3, 4])):
                cells |= _window_cells(day, start, min(24, start + rng.choice([2, 2.5, 3])))
        elif kind < 0.85:
            start = rng.choice([6.5, 7, 7.5])
            for day in rng.sample(weekdays, rng.choice([2, 3])):
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
        waited = dt.timedelta(hours=rng.randint(2, 24 * 35))
        if i % 5 < 3:  # the first cohort: joined before the councils formed six weeks ago
            waited = dt.timedelta(hours=rng.randint(24 * 45, 24 * 70))
        email = SEEKER_EMAIL if i == 0 else f"seeker{i:03d}@{DEMO_DOMAIN}"
        if i == 0:
            name, tzname, seeker_type, moderator = "Maya R.", "America/New_York", "fast", False
            waited = dt.timedelta(days=9, hours=3)
            windows = ["mon 10:00-13:00", "tue 19:00-21:00", "thu 10:00-13:00", "fri 09:00-11:00"]
        user, created = _ensure_user(email)
        if not created:
            continue
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
            # Volunteers who trained in the last week still wait for staff to approve them.
            moderator_approved_at=joined + dt.timedelta(hours=20)
            if moderator and waited > dt.timedelta(days=7)
            else None,
        )
        PoolEntry.objects.create(user=user, joined_at=joined)
    if not Council.objects.exists():
        seed_councils(rng, now=now)
    if not MatchingSchedule.objects.exists():
        # Someone who joins takes a free seat at once; rounds are set to run every two hours
        # (the cadence bench/programme.py measures) and confirm themselves after an hour's
        # review, but left off for staff to switch on
        # (the demo's pool would otherwise be matched while someone is looking at it).
        MatchingSchedule.objects.create(
            enabled=False,
            seeker_types=["fast", "slow"],
            hour_utc=2,
            every_hours=2,
            auto_confirm=True,
            review_hours=1,
            place_continuously=True,
        )
    seed_workbooks(rng, now=now, pool_seeker=User.objects.get(email=SEEKER_EMAIL))
    council = Council.objects.order_by("pk").first()
    logins = [
        DemoLogin("staff", STAFF_EMAIL, DEMO_PASSWORD),
        DemoLogin("seeker (in the pool)", SEEKER_EMAIL, DEMO_PASSWORD),
    ]
    if council is not None:
        active = council.active_memberships().select_related("user")
        moderator_user = active.get(role="moderator").user
        member_user = active.exclude(role="moderator")[0].user
        logins += [
            DemoLogin(f"moderator of {council.name}", moderator_user.email, DEMO_PASSWORD),
            DemoLogin(f"member of {council.name}", member_user.email, DEMO_PASSWORD),
        ]
        landed = Landing.objects.filter(council=council).select_related("user").first()
        if landed is not None:
            logins.append(
                DemoLogin(
                    f"alumnus of {council.name}, first 90 days", landed.user.email, DEMO_PASSWORD
                )
            )
    return logins


CHECKIN_LINES = [
    "Tired but hopeful.",
    "Had two good conversations this week.",
    "Rough week: a rejection after the final round.",
    "Excited, I have a first interview on Friday!",
    "Feeling stuck on my two-pager.",
    "Better than last time.",
    "Nervous about money, honestly.",
    "Good energy after the listening tour calls.",
]
COMMITMENTS = [
    "Finish the first draft of my two-pager",
    "Three listening-tour conversations with former colleagues",
    "Send my update note to 20 people",
    "Rewrite my LinkedIn headline from the fit statement",
    "Ask Priya for an intro to her team lead",
    "Research five target companies",
    "Practise the 'tell me about yourself' answer twice",
    "Write my gratitude house list",
]
ASKS = [
    "Does anyone know someone at a healthtech scale-up in Berlin?",
    "Could someone review my two-pager before Thursday?",
    "I'd love a mock interview for a product lead role.",
    "Any advice on negotiating a start date?",
    "Who can introduce me to a recruiter in fintech?",
]
WORDS = ["grateful", "lighter", "focused", "ready", "hopeful", "tired", "connected", "brave"]


def seed_councils(rng: random.Random, *, now: dt.datetime) -> None:
    """Form councils six weeks ago with a real matching round, then give them a history."""
    formed = now - dt.timedelta(weeks=6)
    recent = PoolEntry.objects.filter(joined_at__gt=formed)
    held_back = list(recent.values_list("pk", flat=True))
    recent.update(status=PoolEntry.Status.PAUSED)  # only the first cohort is matched
    matching_round = MatchingRound.objects.create(seeker_types=["fast", "slow"])
    round_run(matching_round=matching_round)
    MatchingRound.objects.filter(pk=matching_round.pk).update(created_at=formed)
    # History, not news: nobody is emailed about a match made six weeks ago.
    round_confirm(matching_round=matching_round, now=formed, notify=False)
    PoolEntry.objects.filter(pk__in=held_back).update(status=PoolEntry.Status.WAITING)
    councils = list(Council.objects.order_by("pk"))
    for council in councils:
        # From the council's first meeting: confirmation leaves a day's notice before it.
        first = council.meetings.order_by("starts_at").first()
        start = first.starts_at if first is not None else formed
        meetings_ensure(council=council, start=start, until=now + SCHEDULE_AHEAD)
        _seed_history(rng, council, now=now, thin_at_the_end=council is councils[-1])
        council_health_update(council=council, now=now)
    attendance_weeks_rebuild()  # the history was written in bulk, not closed meeting by meeting
    lander = councils[0].active_memberships().filter(role=Membership.Role.MEMBER).order_by("-pk")[0]
    membership_land(
        membership=lander,
        landing={
            "role": "Senior product manager",
            "company": "Northwind Health",
            "start_date": (now + dt.timedelta(days=21)).date(),
            "asked_for_more_money": True,
            "got_more_money": True,
            "wants_alumni_group": True,
        },
        now=now - dt.timedelta(days=2),
        invite_by_email=False,  # history: invited to moderate, but nobody is emailed
    )


def _seed_history(
    rng: random.Random, council: Council, *, now: dt.datetime, thin_at_the_end: bool
) -> None:
    members = [m.user for m in council.active_memberships().order_by("pk")]
    past = list(council.meetings.filter(starts_at__lt=now - dt.timedelta(hours=2)))
    # The last past meeting's commitments are due when the council next meets, which is where
    # they are reviewed.
    coming = council.meetings.filter(starts_at__gte=now - dt.timedelta(hours=2)).first()
    due_last = coming.starts_at if coming is not None else now + dt.timedelta(days=3)
    attendance, checkins, commitments, asks = [], [], [], []
    open_commitments: list[Commitment] = []
    for index, meeting in enumerate(past):
        thin = thin_at_the_end and index >= len(past) - 2
        came = []
        for user in members:
            roll = rng.random()
            if thin:  # only the moderator and one other turn up: the council is at risk
                status = "present" if user in members[:2] else rng.choice(["absent", "excused"])
            else:
                status = (
                    "present"
                    if roll < 0.78
                    else "late"
                    if roll < 0.86
                    else "excused"
                    if roll < 0.94
                    else "absent"
                )
            attendance.append(Attendance(meeting=meeting, user=user, status=status))
            if status in Attendance.CAME:
                came.append(user)
                checkins.append(
                    CheckIn(
                        meeting=meeting,
                        user=user,
                        pulse=rng.randint(3, 9),
                        line=rng.choice(CHECKIN_LINES),
                        checkout_word=rng.choice(WORDS),
                    )
                )
        for commitment in open_commitments:
            commitment.status = rng.choices(["done", "not_done", "dropped"], [65, 25, 10])[0]
            commitment.reviewed_at = meeting
        open_commitments = []
        due = past[index + 1].starts_at if index + 1 < len(past) else due_last
        for user in came:
            for text in rng.sample(COMMITMENTS, rng.choice([1, 2])):
                item = Commitment(
                    council=council, user=user, made_at=meeting, text=text, due_at=due
                )
                commitments.append(item)
                if index + 1 < len(past):
                    open_commitments.append(item)
        for user in rng.sample(came, min(len(came), rng.choice([1, 2]))):
            asks.append((Ask(meeting=meeting, user=user, text=rng.choice(ASKS)), came))
        meeting.exercise = PATH[min(index, len(PATH) - 1)].key
        meeting.status = Meeting.Status.CLOSED
        meeting.closed_at = meeting.starts_at + dt.timedelta(minutes=60)
    Meeting.objects.bulk_update(past, ["exercise", "status", "closed_at"])
    Attendance.objects.bulk_create(attendance)
    CheckIn.objects.bulk_create(checkins)
    Commitment.objects.bulk_create(commitments)
    Ask.objects.bulk_create([ask for ask, _came in asks])
    for ask, came in asks:
        helpers = [u for u in came if u.pk != ask.user_id]
        ask.helpers.set(rng.sample(helpers, min(len(helpers), rng.choice([1, 2]))))
    Membership.objects.filter(council=council).update(charter_accepted_at=council.created_at)
