"""A small hand-written factory for test people: users, profiles, pool entries."""

from __future__ import annotations

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.utils import timezone

from jobcouncil.accounts.models import Profile, User
from jobcouncil.pool.models import PoolEntry

PASSWORD = "a-long-test-password-42"
FAST_WINDOWS = ["mon 18:00-21:00", "thu 18:00-21:00"]
SLOW_WINDOWS = ["wed 19:00-21:00"]
_counter = itertools.count(1)


def make_user(email: str | None = None, *, is_staff: bool = False) -> User:
    email = email or f"person{next(_counter)}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=is_staff)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_profile(user: User, **overrides) -> Profile:
    seeker_type = overrides.pop("seeker_type", "fast")
    fields = {
        "display_name": user.email.split("@")[0].title(),
        "timezone": "America/Chicago",
        "seeker_type": seeker_type,
        "seniority": 3,
        "function": "product",
        "industry": "healthcare",
        "availability": FAST_WINDOWS if seeker_type == "fast" else SLOW_WINDOWS,
        "orientation_completed_at": timezone.now(),
    }
    fields.update(overrides)
    return Profile.objects.create(user=user, **fields)


def make_seeker(email: str | None = None, *, in_pool: bool = True, **profile) -> User:
    user = make_user(email)
    make_profile(user, **profile)
    if in_pool:
        PoolEntry.objects.create(
            user=user, joined_at=profile.get("orientation_completed_at") or timezone.now()
        )
    return user


def make_moderator(email: str | None = None, **profile) -> User:
    now = timezone.now()
    profile.setdefault("volunteers_to_moderate", True)
    profile.setdefault("moderator_training_completed_at", now - dt.timedelta(days=2))
    profile.setdefault("moderator_approved_at", now - dt.timedelta(days=1))
    return make_seeker(email, **profile)


def make_council(
    moderator: User,
    members: list[User],
    *,
    seeker_type: str = "fast",
    schedule_timezone: str = "America/Chicago",
    meeting_times: list[dict] | None = None,
    starts_on: dt.date | None = None,
    backup: User | None = None,
    now: dt.datetime | None = None,
):
    """A council formed three weeks ago (by default), meeting Mon and Thu at 18:00."""
    from jobcouncil.councils.services import council_create

    now = now or timezone.now()
    start = starts_on or (now - dt.timedelta(weeks=3)).date()
    start -= dt.timedelta(days=start.weekday())
    times = meeting_times or (
        [{"weekday": 0, "time": "18:00"}, {"weekday": 3, "time": "18:00"}]
        if seeker_type == "fast"
        else [{"weekday": 2, "time": "19:00"}]
    )
    for user in [moderator, *members]:
        PoolEntry.objects.filter(user=user).update(status=PoolEntry.Status.MATCHED)
    return council_create(
        name=f"Test council {next(_counter)}",
        seeker_type=seeker_type,
        moderator=moderator,
        members=members,
        schedule_timezone=schedule_timezone,
        meeting_times=times,
        starts_on=start,
        backup=backup,
        # Formed two days before its first week, so everyone is expected from its first meeting.
        now=dt.datetime.combine(start, dt.time(0), tzinfo=dt.UTC) - dt.timedelta(days=2),
    )
