"""Council use cases: forming a council, keeping its meetings scheduled."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.db import transaction
from django.utils import timezone

from jobcouncil.councils.models import Council, Meeting, Membership

SCHEDULE_AHEAD = dt.timedelta(weeks=8)

DEFAULT_CHARTER = """\
1. Confidentiality: what is said in the council stays in the council.
2. Show up: every meeting, on time; if you cannot, say so ahead of time.
3. Ask for help, specifically.
4. Give help generously.
5. Commitments: make a few each meeting and report back on them, without judgement.
6. When you land, tell us, celebrate, and stay on to help the next people."""


def jitsi_room_url() -> str:
    return f"https://meet.jit.si/jobcouncil-{secrets.token_urlsafe(12)}"


def local_meeting_times(utc_slots: list[str], tzname: str, reference: dt.date) -> list[dict]:
    """The engine's weekly UTC slots ("mon 23:30") as local weekday and time in tzname."""
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    monday = dt.datetime.combine(reference, dt.time(0), tzinfo=dt.UTC)
    result = []
    for slot in utc_slots:
        day, hhmm = slot.split()
        hour, minute = (int(x) for x in hhmm.split(":"))
        utc = monday + dt.timedelta(days=days.index(day), hours=hour, minutes=minute)
        local = utc.astimezone(zoneinfo.ZoneInfo(tzname))
        result.append({"weekday": local.weekday(), "time": f"{local:%H:%M}"})
    return sorted(result, key=lambda t: (t["weekday"], t["time"]))


def first_monday_after(moment: dt.datetime, tzname: str) -> dt.date:
    local = moment.astimezone(zoneinfo.ZoneInfo(tzname)).date()
    return local + dt.timedelta(days=(7 - local.weekday()) % 7 or 7)


@transaction.atomic
def council_create(
    *,
    name: str,
    seeker_type: str,
    moderator,
    members: list,
    schedule_timezone: str,
    meeting_times: list[dict],
    starts_on: dt.date,
    backup=None,
    fit: float = 0.0,
    matching_round=None,
    now: dt.datetime | None = None,
) -> Council:
    """Create a council with its members and first weeks of meetings.

    Raises IntegrityError when anyone already has an active council (a database constraint)."""
    now = now or timezone.now()
    council = Council.objects.create(
        name=name,
        seeker_type=seeker_type,
        schedule_timezone=schedule_timezone,
        meeting_times=meeting_times,
        starts_on=starts_on,
        video_url=jitsi_room_url(),
        charter=DEFAULT_CHARTER,
        fit=fit,
        matching_round=matching_round,
    )
    rows = []
    for user in [moderator, *[m for m in members if m.pk != moderator.pk]]:
        role = Membership.Role.MEMBER
        if user.pk == moderator.pk:
            role = Membership.Role.MODERATOR
        elif backup is not None and user.pk == backup.pk:
            role = Membership.Role.BACKUP
        rows.append(Membership(council=council, user=user, role=role, joined_at=now))
    Membership.objects.bulk_create(rows)
    meetings_ensure(council=council, start=now, until=now + SCHEDULE_AHEAD)
    return council


def meetings_ensure(*, council: Council, start: dt.datetime, until: dt.datetime) -> int:
    """Create the meeting rows the schedule implies between start and until; returns how many."""
    existing = set(
        Meeting.objects.filter(
            council=council, scheduled_for__gte=start, scheduled_for__lt=until
        ).values_list("scheduled_for", flat=True)
    )
    new = [
        Meeting(council=council, scheduled_for=when, starts_at=when)
        for when in council.occurrences(start, until)
        if when not in existing
    ]
    Meeting.objects.bulk_create(new)
    return len(new)
