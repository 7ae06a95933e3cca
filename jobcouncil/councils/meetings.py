"""Meeting use cases: everything said, promised and recorded while a council meets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcouncil.councils import exercises
from jobcouncil.councils.attendance import attendance_week_add
from jobcouncil.councils.invitations import moderator_invitations_after_meeting
from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CheckIn,
    Commitment,
    Meeting,
    Membership,
    first_meeting_notice,
)
from jobcouncil.councils.services import SCHEDULE_AHEAD, council_health_update, council_lock
from jobcouncil.lib.dates import shifted
from jobcouncil.lib.errors import Refused
from jobcouncil.notifications.emails import email_meeting_cancelled, email_meeting_moved
from jobcouncil.notifications.models import Notice
from jobcouncil.notifications.notify import notify_many

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

# How far ahead, in whole days of the viewer's calendar, a member may promise something and a
# moderator may move a meeting (no further than meetings are scheduled). The forms say so next
# to the field; the services allow one day more, for the time of day in the far east.
COMMITMENT_DAYS_AHEAD = 183
MOVE_DAYS_AHEAD = SCHEDULE_AHEAD.days

REVIEW_STATUSES = [Commitment.Status.DONE, Commitment.Status.NOT_DONE, Commitment.Status.DROPPED]


class MeetingRefused(Refused):
    """A write the meeting's state does not allow: it is closed, cancelled or already started.

    `field` names the form field the reason belongs next to, when it is about what was typed.
    A view decorated with `lib.errors.refusing` answers it as a refusal (400)."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def is_open(meeting: Meeting) -> bool:
    """Scheduled meetings take writes; closed and cancelled ones are a read-only record."""
    return meeting.status == Meeting.Status.SCHEDULED


def can_close(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """Attendance and closing wait for the meeting to start; the page opens earlier for
    check-ins, but nobody can be recorded absent from a meeting that has not happened."""
    return is_open(meeting) and (now or timezone.now()) >= meeting.starts_at


def can_reschedule(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """Moving or cancelling is for meetings still ahead; one that has started gets closed."""
    return is_open(meeting) and (now or timezone.now()) < meeting.starts_at


def refusal_reason(meeting: Meeting) -> str:
    """Why a meeting takes no more writes, in words true to its state (for a page left open).

    Times are in the active timezone: the viewer's, in a request."""
    if meeting.status == Meeting.Status.CANCELLED:
        following = next_meeting_after(meeting)
        if following is None:
            return _("This meeting was cancelled. No other meeting is scheduled yet.")
        when = timezone.localtime(following.starts_at)
        return _("This meeting was cancelled. The next one is on %(when)s (%(zone)s).") % {
            "when": date_format(when, "l j F, H:i"),
            "zone": timezone.get_current_timezone_name(),
        }
    return _("This meeting is over; its record can no longer change.")


def _lock_open(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock so a write cannot race the moderator's close, and
    bump its version."""
    council_lock(meeting.council_id)  # the council first, always (see council_lock)
    fresh = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if fresh.status != Meeting.Status.SCHEDULED:
        raise MeetingRefused(refusal_reason(fresh))
    # Every write comes through here: the live pages' next poll sees a new version (a refused
    # write rolls the bump back with everything else).
    fresh.version += 1
    Meeting.objects.filter(pk=fresh.pk).update(version=fresh.version)
    meeting.status, meeting.version = fresh.status, fresh.version
    return fresh


NOT_STARTED = gettext_lazy(
    "This meeting has not started yet. Attendance and closing open when it starts."
)
STARTED = gettext_lazy(
    "This meeting has already started, so it can no longer be moved or cancelled."
)


def _require_started(meeting: Meeting, now: dt.datetime) -> None:
    if now < meeting.starts_at:
        raise MeetingRefused(str(NOT_STARTED))


def _require_ahead(meeting: Meeting, now: dt.datetime) -> None:
    if now >= meeting.starts_at:
        raise MeetingRefused(str(STARTED))


def _require_active_member(meeting: Meeting, user: User) -> None:
    if not Membership.objects.filter(
        council_id=meeting.council_id, user=user, status=Membership.Status.ACTIVE
    ).exists():
        raise MeetingRefused(_("Only active members of this council take part."))


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            council_id=meeting.council_id,
            starts_at__gt=meeting.starts_at,
            status=Meeting.Status.SCHEDULED,
        )
        .order_by("starts_at")
        .first()
    )


def default_due_at(meeting: Meeting) -> dt.datetime:
    """New commitments are due, by default, when the council next meets."""
    following = next_meeting_after(meeting)
    if following is not None:
        return following.starts_at
    return shifted(meeting.starts_at, dt.timedelta(weeks=meeting.council.every_weeks))


def done_exercise_keys(meeting: Meeting) -> set[str]:
    return set(
        Meeting.objects.filter(council_id=meeting.council_id, status=Meeting.Status.CLOSED)
        .exclude(exercise="")
        .values_list("exercise", flat=True)
    )


def commitments_to_review(meeting: Meeting) -> QuerySet[Commitment]:
    """Last time's promises: open ones made at earlier meetings, and those reviewed here."""
    return (
        Commitment.objects.filter(council_id=meeting.council_id)
        .filter(
            Q(status=Commitment.Status.OPEN, made_at__starts_at__lt=meeting.starts_at)
            | Q(reviewed_at=meeting)
        )
        .exclude(made_at=meeting)
        .order_by("user_id", "due_at", "id")
    )


@transaction.atomic
def meeting_checkin(*, meeting: Meeting, user: User, pulse: int, line: str) -> CheckIn:
    """A member's own pulse (1–10) and one line on how they are."""
    _lock_open(meeting)
    _require_active_member(meeting, user)
    if not 1 <= pulse <= 10:
        raise MeetingRefused(_("The pulse goes from 1 to 10."))
    checkin, _created = CheckIn.objects.update_or_create(
        meeting=meeting, user=user, defaults={"pulse": pulse, "line": line.strip()}
    )
    return checkin


@transaction.atomic
def meeting_checkout(*, meeting: Meeting, user: User, word: str) -> CheckIn:
    """A member's one word to close the meeting."""
    _lock_open(meeting)
    _require_active_member(meeting, user)
    checkin, _created = CheckIn.objects.update_or_create(
        meeting=meeting, user=user, defaults={"checkout_word": word.strip()}
    )
    return checkin


@transaction.atomic
def commitment_review(*, meeting: Meeting, commitment: Commitment, status: str) -> Commitment:
    """Mark last time's commitment done, not done or dropped, reviewed at this meeting."""
    _lock_open(meeting)
    if status not in REVIEW_STATUSES:
        raise MeetingRefused(_("Choose done, not done or dropped."))
    if commitment.council_id != meeting.council_id or commitment.made_at_id == meeting.pk:
        raise MeetingRefused(_("This commitment is not for review at this meeting."))
    if commitment.reviewed_at_id not in (None, meeting.pk):
        raise MeetingRefused(_("This commitment was reviewed at another meeting."))
    commitment.status = status
    commitment.reviewed_at = meeting
    commitment.save(update_fields=["status", "reviewed_at"])
    return commitment


@transaction.atomic
def ask_create(*, meeting: Meeting, user: User, text: str) -> Ask:
    """A member asks the council for specific help."""
    _lock_open(meeting)
    _require_active_member(meeting, user)
    text = text.strip()
    if not text:
        raise MeetingRefused(_("Say what you would like help with."))
    # A double click posts the same ask twice; the meeting's row lock orders the two.
    same = Ask.objects.filter(meeting=meeting, user=user, text=text).first()
    return same or Ask.objects.create(meeting=meeting, user=user, text=text)


@transaction.atomic
def ask_offer_help(*, ask: Ask, user: User) -> Ask:
    """Another member says "I can help"; offering twice changes nothing."""
    _lock_open(ask.meeting)
    _require_active_member(ask.meeting, user)
    if ask.user_id == user.pk:
        raise MeetingRefused(_("You cannot offer help on your own ask."))
    ask.helpers.add(user)
    return ask


@transaction.atomic
def commitment_create(
    *, meeting: Meeting, user: User, text: str, due_at: dt.datetime
) -> Commitment:
    """A specific action a member promises to do by a due date."""
    _lock_open(meeting)
    _require_active_member(meeting, user)
    text = text.strip()
    if not text:
        raise MeetingRefused(_("Say what you will do."))
    if timezone.is_naive(due_at):
        raise ValueError("due_at must be timezone-aware")
    if due_at <= timezone.now():
        raise MeetingRefused(_("The due date is in the past."))
    if due_at > timezone.now() + dt.timedelta(days=COMMITMENT_DAYS_AHEAD + 1):
        raise MeetingRefused(_("Choose a due date within the next six months."))
    # A double click posts the same promise twice; the meeting's row lock orders the two.
    fields = {"council_id": meeting.council_id, "user": user, "made_at": meeting, "text": text}
    same = Commitment.objects.filter(**fields, due_at=due_at).first()
    return same or Commitment.objects.create(**fields, due_at=due_at)


@transaction.atomic
def attendance_set(
    *, meeting: Meeting, statuses: Mapping[int, str], now: dt.datetime | None = None
) -> int:
    """The moderator marks active members (by user id) present, late, excused or absent,
    once the meeting has started.

    Apologies sent ahead stay recorded whatever the final mark is. Returns rows written."""
    now = now or timezone.now()
    fresh = _lock_open(meeting)
    _require_started(fresh, now)
    valid = set(Attendance.Status.values)
    active = set(
        Membership.objects.filter(
            council_id=meeting.council_id, status=Membership.Status.ACTIVE
        ).values_list("user_id", flat=True)
    )
    for user_id, status in statuses.items():
        if user_id not in active:
            raise MeetingRefused(_("Only active members are marked."))
        if status not in valid:
            raise MeetingRefused(_("Choose present, late, excused or absent."))
    existing = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}
    changed, new = [], []
    for user_id, status in statuses.items():
        row = existing.get(user_id)
        if row is None:
            new.append(Attendance(meeting=meeting, user_id=user_id, status=status))
        elif row.status != status:
            row.status = status
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["status"])
    return len(new) + len(changed)


@transaction.atomic
def meeting_set_exercise(*, meeting: Meeting, exercise: str = "", skipped: bool = False) -> Meeting:
    """The moderator picks the exercise of the day, or skips it; blank means the suggestion."""
    fresh = _lock_open(meeting)
    if exercise and exercise not in exercises.BY_KEY:
        raise MeetingRefused(_("Choose an exercise from the path."))
    fresh.exercise = "" if skipped else exercise
    fresh.exercise_skipped = skipped
    fresh.save(update_fields=["exercise", "exercise_skipped"])
    meeting.exercise, meeting.exercise_skipped = fresh.exercise, fresh.exercise_skipped
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, now: dt.datetime | None = None) -> Meeting:
    """Close the meeting: attendance nobody marked becomes absent (excused where apologies were
    sent), the exercise shown is recorded as done, and the record becomes read-only."""
    now = now or timezone.now()
    fresh = _lock_open(meeting)
    _require_started(fresh, now)
    # Someone who joined too late to be told of this meeting is not absent from it.
    active = Membership.objects.filter(
        council_id=meeting.council_id,
        status=Membership.Status.ACTIVE,
        joined_at__lte=fresh.starts_at - first_meeting_notice(),
    ).values_list("user_id", flat=True)
    marked = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, user_id=user_id, status=Attendance.Status.ABSENT)
            for user_id in active
            if user_id not in marked
        ]
    )
    if not fresh.exercise and not fresh.exercise_skipped:
        # The suggestion was what the council did unless the moderator said otherwise.
        fresh.exercise = exercises.suggest_next(done_exercise_keys(fresh)).key
    fresh.status = Meeting.Status.CLOSED
    fresh.closed_at = now
    fresh.save(update_fields=["status", "closed_at", "exercise"])
    meeting.status, meeting.closed_at, meeting.exercise = fresh.status, now, fresh.exercise
    attendance_week_add(meeting=fresh)
    council_health_update(council=meeting.council, now=now)
    moderator_invitations_after_meeting(meeting=fresh, now=now)
    return meeting


@transaction.atomic
def meeting_send_apologies(
    *, meeting: Meeting, user: User, now: dt.datetime | None = None
) -> Attendance:
    """ "Can't make it": a member says so before the meeting starts."""
    now = now or timezone.now()
    fresh = _lock_open(meeting)
    _require_active_member(meeting, user)
    if now >= fresh.starts_at:
        raise MeetingRefused(_("The meeting has started; tell the moderator directly."))
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        user=user,
        defaults={"status": Attendance.Status.EXCUSED, "sent_apologies": True},
    )
    return attendance


def meeting_clash(*, meeting: Meeting, starts_at: dt.datetime) -> Meeting | None:
    """Another meeting the new time would overlap: of this council, or of another council the
    same moderator runs. Cancelled meetings free their slot."""
    ends_at = starts_at + dt.timedelta(minutes=meeting.council.meeting_minutes)
    moderated = Membership.objects.filter(
        council_id=meeting.council_id,
        status=Membership.Status.ACTIVE,
        role=Membership.Role.MODERATOR,
    ).values("user_id")
    councils = Q(council_id=meeting.council_id) | Q(
        council__memberships__user_id__in=moderated,
        council__memberships__status=Membership.Status.ACTIVE,
        council__memberships__role=Membership.Role.MODERATOR,
    )
    # No meeting runs longer than a day, so only that window needs a look.
    nearby = (
        Meeting.objects.filter(councils)
        .filter(starts_at__lt=ends_at, starts_at__gt=starts_at - dt.timedelta(days=1))
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("council")
        .distinct()
        .order_by("starts_at")
    )
    return next((other for other in nearby if other.ends_at > starts_at), None)


def meeting_changed_notify(
    *, meeting: Meeting, change: str, old_starts_at: dt.datetime, actor: User | None = None
) -> None:
    """Tell the council's active members that one meeting moved or was cancelled: a notice
    each and the email (notifications.notify), the one place a change fans out to members."""
    members = Membership.objects.filter(
        council_id=meeting.council_id, status=Membership.Status.ACTIVE
    ).select_related("user__profile")
    users = [m.user for m in members if actor is None or m.user_id != actor.pk]
    council_name = meeting.council.name
    url = reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    if change == "moved":
        notify_many(
            kind=Notice.Kind.MEETING_CHANGED,
            users=users,
            occurrence=f"moved:{meeting.pk}:{meeting.starts_at:%Y%m%d%H%M}",
            text=_("A meeting of %(council)s moved to a new time.") % {"council": council_name},
            url=url,
            email=lambda user: email_meeting_moved(
                user=user, meeting=meeting, old_starts_at=old_starts_at
            ),
        )
    elif change == "cancelled":
        notify_many(
            kind=Notice.Kind.MEETING_CHANGED,
            users=users,
            occurrence=f"cancelled:{meeting.pk}",
            text=_("A meeting of %(council)s is cancelled.") % {"council": council_name},
            url=url,
            email=lambda user: email_meeting_cancelled(user=user, meeting=meeting),
        )
    else:
        raise ValueError(f"unknown meeting change {change!r}")


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    starts_at: dt.datetime,
    now: dt.datetime | None = None,
    actor: User | None = None,
) -> Meeting:
    """Move one occurrence; the schedule itself (scheduled_for) stays as it was.

    Refused when the meeting has started, the time has passed, or it would overlap another
    meeting of the council or of the moderator's; members are told of the new time."""
    now = now or timezone.now()
    fresh = _lock_open(meeting)
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    _require_ahead(fresh, now)
    if starts_at <= now:
        raise MeetingRefused(_("Choose a time in the future."), field="starts_at")
    if starts_at > now + dt.timedelta(days=MOVE_DAYS_AHEAD + 1):
        raise MeetingRefused(_("Choose a date within the next eight weeks."), field="starts_at")
    fresh.council = meeting.council
    clash = meeting_clash(meeting=fresh, starts_at=starts_at)
    if clash is not None:
        when = date_format(timezone.localtime(clash.starts_at), "l j F, H:i")
        if clash.council_id == meeting.council_id:
            message = _("Your council already meets at %(when)s. Please pick another time.")
        else:
            message = _("%(council)s meets at %(when)s. Please pick another time.")
        raise MeetingRefused(
            message % {"when": when, "council": clash.council.name}, field="starts_at"
        )
    old_starts_at = fresh.starts_at
    if starts_at == old_starts_at:
        return meeting
    fresh.starts_at = starts_at
    fresh.save(update_fields=["starts_at"])
    meeting.starts_at = starts_at
    meeting_changed_notify(
        meeting=meeting, change="moved", old_starts_at=old_starts_at, actor=actor
    )
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, now: dt.datetime | None = None, actor: User | None = None
) -> Meeting:
    """Cancel one occurrence before it starts; the rest of the schedule is untouched and
    members are told."""
    now = now or timezone.now()
    fresh = _lock_open(meeting)
    _require_ahead(fresh, now)
    fresh.status = Meeting.Status.CANCELLED
    fresh.save(update_fields=["status"])
    meeting.status = fresh.status
    meeting_changed_notify(
        meeting=meeting, change="cancelled", old_starts_at=fresh.starts_at, actor=actor
    )
    return meeting
