"""Meeting reminders: the periodic pass that finds who is due a reminder, and the one-click
"I can't make it" link in it.

`jobcouncil periodic` runs `meeting_reminders_queue` every minute. One query reads every
active member of every scheduled meeting that could be due a reminder (notifications.quiet
says when, in each member's own time); the outbox's unique keys make a rerun, a missed run or
two passes at once send each reminder exactly once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcouncil.accounts.models import User
from jobcouncil.councils.calendar import meeting_ics
from jobcouncil.councils.meetings import meeting_send_apologies
from jobcouncil.councils.models import Attendance, Council, Meeting, Membership
from jobcouncil.lib.dates import viewer_zone
from jobcouncil.lib.errors import Refused
from jobcouncil.notifications import quiet
from jobcouncil.notifications.emails import (
    MeetingReminder,
    email_meeting_reminders,
    keys_queued,
    reminder_key,
)

APOLOGY_SALT = "jobcouncil.councils.meeting-apology"


@dataclass(frozen=True)
class ReminderPass:
    candidates: int  # member x meeting rows read
    due: int  # reminders the clock said were due (sent before or not)
    queued: int  # new emails in the outbox


@dataclass(frozen=True)
class _Due:
    kind: str
    key: str
    user_id: int
    council_id: int
    meeting_id: int
    starts_at: dt.datetime
    scheduled_for: dt.datetime


def meeting_reminders_queue(*, now: dt.datetime | None = None) -> ReminderPass:
    now = now or timezone.now()
    # Plain values, no model per row: most minutes every row read is either not due or was
    # sent at an earlier pass.
    rows = (
        Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            council__meetings__status=Meeting.Status.SCHEDULED,
            council__meetings__starts_at__gt=now,
            council__meetings__starts_at__lte=now + quiet.HORIZON,
        )
        .annotate(
            # Someone who already said they can't come needs no reminder.
            apologised=Exists(
                Attendance.objects.filter(
                    meeting_id=OuterRef("council__meetings__pk"),
                    user_id=OuterRef("user_id"),
                    sent_apologies=True,
                )
            ),
        )
        .values_list(
            "user_id",
            "user__profile__timezone",
            "council_id",
            "council__meetings__pk",
            "council__meetings__starts_at",
            "council__meetings__scheduled_for",
            "apologised",
        )
        .order_by()
    )
    zones: dict[str, dt.tzinfo] = {}
    due: list[_Due] = []
    candidates = 0
    for user_id, tzname, council_id, meeting_id, starts_at, scheduled_for, apologised in rows:
        candidates += 1
        if apologised:
            continue
        tzname = tzname or "UTC"
        zone = zones.get(tzname) or zones.setdefault(tzname, viewer_zone(tzname))
        for kind in quiet.KINDS:
            if quiet.reminder_due(kind, starts_at=starts_at, now=now, zone=zone):
                key = reminder_key(
                    kind=kind, meeting_id=meeting_id, user_id=user_id, starts_at=starts_at
                )
                due.append(
                    _Due(kind, key, user_id, council_id, meeting_id, starts_at, scheduled_for)
                )
    # Most of what the clock says is due went at an earlier pass: only the rest is read in
    # full and gets its links and calendar file made (the .ics takes milliseconds a meeting).
    queued = keys_queued([d.key for d in due])
    fresh = [d for d in due if d.key not in queued]
    return ReminderPass(
        candidates=candidates,
        due=len(due),
        queued=email_meeting_reminders(reminders=_reminders(fresh, now)) if fresh else 0,
    )


def _reminders(fresh: list[_Due], now: dt.datetime) -> list[MeetingReminder]:
    """The reminders to queue, with their people and councils read in one query each."""
    users = User.objects.select_related("profile").in_bulk({d.user_id for d in fresh})
    councils = Council.objects.in_bulk({d.council_id for d in fresh})
    meetings: dict[int, Meeting] = {}
    calendars: dict[int, str] = {}
    reminders = []
    for d in fresh:
        meeting = meetings.get(d.meeting_id)
        if meeting is None:
            meeting = meetings[d.meeting_id] = Meeting(
                pk=d.meeting_id,
                council=councils[d.council_id],
                starts_at=d.starts_at,
                scheduled_for=d.scheduled_for,
            )
            calendars[meeting.pk] = meeting_ics(meeting=meeting, now=now).decode()
        user = users[d.user_id]
        reminders.append(
            MeetingReminder(
                kind=d.kind,
                user=user,
                meeting=meeting,
                apology_url=settings.SITE_URL
                + reverse(
                    "councils:meeting-apology", args=[apology_token(meeting=meeting, user=user)]
                ),
                calendar_ics=calendars[meeting.pk],
                early=d.kind == quiet.HOUR_BEFORE
                and d.starts_at - now > 2 * quiet.LEADS[quiet.HOUR_BEFORE],
            )
        )
    return reminders


def apology_token(*, meeting: Meeting, user: User) -> str:
    """A signed link for one person and one meeting at one start time; it expires when that
    meeting starts (a moved meeting's reminder brings a fresh one)."""
    return signing.dumps(
        {"m": meeting.pk, "u": user.pk, "s": int(meeting.starts_at.timestamp())},
        salt=APOLOGY_SALT,
        compress=True,
    )


class ApologyLinkRefused(Refused):
    """A link that is made up or changed (status 404) or no longer usable (410)."""

    status = 410


@dataclass(frozen=True)
class ApologyLink:
    meeting: Meeting
    user: User


def apology_link_open(*, token: str, now: dt.datetime | None = None) -> ApologyLink:
    """The person and meeting a link is for, or ApologyLinkRefused in plain words."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=APOLOGY_SALT)
        meeting_id, user_id, starts = int(data["m"]), int(data["u"]), int(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ApologyLinkRefused(
            _("This link does not work. Please use the link in your reminder as it came."),
            status=404,
        ) from None
    membership = (
        Membership.objects.filter(council__meetings__pk=meeting_id, user_id=user_id)
        .select_related("user__profile")
        .first()
    )
    meeting = Meeting.objects.select_related("council").filter(pk=meeting_id).first()
    if membership is None or meeting is None:
        raise ApologyLinkRefused(_("This meeting is no longer on the calendar."))
    if now.timestamp() >= starts or meeting.has_started:
        raise ApologyLinkRefused(
            _("This meeting has already started, so this link no longer works.")
        )
    if int(meeting.starts_at.timestamp()) != starts:
        raise ApologyLinkRefused(
            _("This meeting has moved; your newer reminder has a link for the new time.")
        )
    return ApologyLink(meeting=meeting, user=membership.user)


def apology_from_link(*, token: str, now: dt.datetime | None = None) -> ApologyLink:
    """Record "can't make it" through the meeting page's own service, so the moderator sees
    it there; refused (MeetingRefused) like on the page when the meeting no longer takes it."""
    link = apology_link_open(token=token, now=now)
    meeting_send_apologies(meeting=link.meeting, user=link.user, now=now)
    return link
