"""Meeting reminders: the periodic pass that finds who is due a reminder, and the one-click
"I can't make it" link in it.

`jobcouncil periodic` runs `meeting_reminders_queue` every minute. One query reads every
active member of every scheduled meeting that could be due a reminder (notifications.quiet
says when, in each member's own time); the outbox's unique keys make a rerun, a missed run or
two passes at once send each reminder exactly once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcouncil.councils.calendar import meeting_ics
from jobcouncil.councils.meetings import meeting_send_apologies
from jobcouncil.councils.models import Attendance, Meeting, Membership
from jobcouncil.lib.dates import viewer_zone
from jobcouncil.lib.errors import Refused
from jobcouncil.notifications import quiet
from jobcouncil.notifications.emails import (
    MeetingReminder,
    email_meeting_reminders,
    keys_queued,
    reminder_key,
)

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

APOLOGY_SALT = "jobcouncil.councils.meeting-apology"


@dataclass(frozen=True)
class ReminderPass:
    candidates: int  # member x meeting rows read
    due: int  # reminders the clock said were due (sent before or not)
    queued: int  # new emails in the outbox


def meeting_reminders_queue(*, now: dt.datetime | None = None) -> ReminderPass:
    now = now or timezone.now()
    rows = (
        Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            council__meetings__status=Meeting.Status.SCHEDULED,
            council__meetings__starts_at__gt=now,
            council__meetings__starts_at__lte=now + quiet.HORIZON,
        )
        .annotate(
            meeting_pk=F("council__meetings__pk"),
            meeting_starts_at=F("council__meetings__starts_at"),
            meeting_scheduled_for=F("council__meetings__scheduled_for"),
            # Someone who already said they can't come needs no reminder.
            apologised=Exists(
                Attendance.objects.filter(
                    meeting_id=OuterRef("council__meetings__pk"),
                    user_id=OuterRef("user_id"),
                    sent_apologies=True,
                )
            ),
        )
        .select_related("council", "user__profile")
        .order_by()
    )
    zones: dict[str, dt.tzinfo] = {}
    due, candidates = [], 0
    for row in rows:
        candidates += 1
        if row.apologised:
            continue
        tzname = row.user.profile.timezone or "UTC"
        zone = zones.get(tzname) or zones.setdefault(tzname, viewer_zone(tzname))
        for kind in quiet.KINDS:
            if quiet.reminder_due(kind, starts_at=row.meeting_starts_at, now=now, zone=zone):
                key = reminder_key(
                    kind=kind,
                    meeting_id=row.meeting_pk,
                    user_id=row.user_id,
                    starts_at=row.meeting_starts_at,
                )
                due.append((kind, row, key))
    # Most of what the clock says is due went at an earlier pass: only the rest gets its
    # links and calendar file made (the .ics takes milliseconds a meeting).
    queued = keys_queued([key for _kind, _row, key in due])
    meetings: dict[int, Meeting] = {}
    calendars: dict[int, str] = {}
    reminders = []
    for kind, row, key in due:
        if key in queued:
            continue
        meeting = meetings.get(row.meeting_pk)
        if meeting is None:
            meeting = meetings[row.meeting_pk] = Meeting(
                pk=row.meeting_pk,
                council=row.council,
                starts_at=row.meeting_starts_at,
                scheduled_for=row.meeting_scheduled_for,
            )
            calendars[meeting.pk] = meeting_ics(meeting=meeting, now=now).decode()
        reminders.append(
            MeetingReminder(
                kind=kind,
                user=row.user,
                meeting=meeting,
                apology_url=settings.SITE_URL
                + reverse(
                    "councils:meeting-apology",
                    args=[apology_token(meeting=meeting, user=row.user)],
                ),
                calendar_ics=calendars[meeting.pk],
                early=kind == quiet.HOUR_BEFORE
                and row.meeting_starts_at - now > 2 * quiet.LEADS[quiet.HOUR_BEFORE],
            )
        )
    return ReminderPass(
        candidates=candidates,
        due=len(due),
        queued=email_meeting_reminders(reminders=reminders),
    )


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
