"""Council use cases: forming a council, keeping its meetings scheduled."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.db import transaction
from django.utils import timezone

from jobcouncil.councils.models import Council, Meeting, Membership
from jobcouncil.matching.timegrid import STEP_MINUTES, parse_slot

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
    monday = dt.datetime.combine(reference, dt.time(0), tzinfo=dt.UTC)
    result = []
    for slot in utc_slots:
        utc = monday + dt.timedelta(minutes=parse_slot(slot) * STEP_MINUTES)
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


def _promote_successor(council: Council, leaving: Membership, now: dt.datetime) -> None:
    """The backup takes over at once; staff are alerted only when there is no backup."""
    from django.utils.translation import gettext as _

    backup = (
        council.memberships.filter(status=Membership.Status.ACTIVE, role=Membership.Role.BACKUP)
        .exclude(pk=leaving.pk)
        .select_related("user__profile")
        .first()
    )
    from jobcouncil.accounts.models import User
    from jobcouncil.notifications.emails import (
        email_new_moderator,
        email_staff_council_without_moderator,
    )

    if backup is None:
        council.needs_moderator_since = now
        council.announcement = _(
            "Your moderator has stepped back. The programme team is finding a new one; "
            "meetings go ahead as planned."
        )
        council.save(update_fields=["needs_moderator_since", "announcement"])
        for staff_user in User.objects.filter(is_staff=True, is_active=True):
            email_staff_council_without_moderator(staff_user=staff_user, council=council)
        return
    backup.role = Membership.Role.MODERATOR
    backup.save(update_fields=["role"])
    name = backup.user.profile.display_name
    council.announcement = _("%(name)s is now your council's moderator.") % {"name": name}
    council.save(update_fields=["announcement"])
    active = council.memberships.filter(status=Membership.Status.ACTIVE).select_related(
        "user__profile"
    )
    for membership in active:
        email_new_moderator(user=membership.user, council=council, moderator_name=name)


@transaction.atomic
def membership_leave(
    *, membership: Membership, reason: str, back_to_pool: bool, now: dt.datetime | None = None
) -> None:
    from jobcouncil.pool.models import PoolEntry

    now = now or timezone.now()
    was_moderator = membership.is_moderator
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.left_at = now
    membership.left_reason = reason
    membership.save(update_fields=["status", "role", "left_at", "left_reason"])
    if was_moderator:
        _promote_successor(membership.council, membership, now)
    if back_to_pool:
        PoolEntry.objects.update_or_create(
            user=membership.user, defaults={"status": PoolEntry.Status.WAITING, "joined_at": now}
        )


@transaction.atomic
def membership_land(*, membership: Membership, landing: dict, now: dt.datetime | None = None):
    """ "I landed!": record it, celebrate it, open the seat, keep read access as an alumnus."""
    from django.utils.translation import gettext as _

    from jobcouncil.councils.models import Landing

    now = now or timezone.now()
    record = Landing.objects.create(user=membership.user, council=membership.council, **landing)
    was_moderator = membership.is_moderator
    membership.status = Membership.Status.LANDED
    membership.role = Membership.Role.MEMBER
    membership.left_at = now
    membership.save(update_fields=["status", "role", "left_at"])
    council = membership.council
    council.announcement = _("%(name)s landed: %(role)s at %(company)s! Congratulations!") % {
        "name": membership.user.profile.display_name,
        "role": record.role,
        "company": record.company,
    }
    council.save(update_fields=["announcement"])
    if was_moderator:
        _promote_successor(council, membership, now)
    return record


@transaction.atomic
def moderator_handover(*, council: Council, to: Membership) -> None:
    """The moderator hands over; they stay on as the backup."""
    current = council.memberships.select_for_update().get(
        status=Membership.Status.ACTIVE, role=Membership.Role.MODERATOR
    )
    current.role = Membership.Role.BACKUP
    current.save(update_fields=["role"])
    to.role = Membership.Role.MODERATOR
    to.save(update_fields=["role"])
    council.needs_moderator_since = None
    council.save(update_fields=["needs_moderator_since"])


def council_health_update(*, council: Council, now: dt.datetime | None = None) -> bool:
    """Flag a council at risk after two meetings in a row where fewer than half attended."""
    from jobcouncil.councils.models import Attendance, Meeting

    now = now or timezone.now()
    last_two = list(
        Meeting.objects.filter(council=council, status=Meeting.Status.CLOSED).order_by(
            "-starts_at"
        )[:2]
    )
    thin = 0
    for meeting in last_two:
        rows = list(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
        came = sum(status in ("present", "late") for status in rows)
        thin += bool(rows) and came * 2 < len(rows)
    at_risk = len(last_two) == 2 and thin == 2
    if at_risk and council.at_risk_since is None:
        council.at_risk_since = now
    elif not at_risk:
        council.at_risk_since = None
    council.save(update_fields=["at_risk_since"])
    return at_risk


@transaction.atomic
def backup_volunteer(*, membership: Membership) -> None:
    """A member agrees to step in if the moderator leaves; they take the moderator training."""
    council = membership.council
    taken = council.memberships.filter(
        status=Membership.Status.ACTIVE, role=Membership.Role.BACKUP
    ).exists()
    if taken or membership.role != Membership.Role.MEMBER or not membership.is_active:
        return
    membership.role = Membership.Role.BACKUP
    membership.save(update_fields=["role"])
    profile = membership.user.profile
    if not profile.volunteers_to_moderate:
        profile.volunteers_to_moderate = True
        profile.save(update_fields=["volunteers_to_moderate", "updated_at"])
