"""Council use cases: forming a council, keeping its meetings scheduled."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from jobcouncil.accounts.models import User
from jobcouncil.councils.invitations import moderator_invitation_after_landing
from jobcouncil.councils.models import (
    Attendance,
    Commitment,
    Council,
    Landing,
    Meeting,
    Membership,
    first_meeting_notice,
)
from jobcouncil.councils.signals import membership_left, seat_opened
from jobcouncil.matching.timegrid import STEP_MINUTES, parse_slot
from jobcouncil.notifications.emails import (
    email_new_moderator,
    email_staff_acting_moderator,
    email_staff_council_without_moderator,
)
from jobcouncil.notifications.models import Notice
from jobcouncil.notifications.notify import notify_many

SCHEDULE_AHEAD = dt.timedelta(weeks=8)
# A new job starts within a year of saying "I landed", either way.
LANDING_START_WITHIN = dt.timedelta(days=366)

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


def first_slot_after(moment: dt.datetime, *, meeting_times: list[dict], tzname: str) -> dt.datetime:
    """The first weekly meeting time (local weekday and time in tzname) at or after moment, in
    UTC. Built on local dates, so a slot right after a clock change keeps its local time."""
    tz = zoneinfo.ZoneInfo(tzname)
    day = moment.astimezone(tz).date()
    starts = []
    for offset in range(8):
        date = day + dt.timedelta(days=offset)
        for slot in meeting_times:
            if slot["weekday"] == date.weekday():
                hour, minute = (int(x) for x in slot["time"].split(":"))
                local = dt.datetime.combine(date, dt.time(hour, minute), tzinfo=tz)
                starts.append(local.astimezone(dt.UTC))
    return min(start for start in starts if start >= moment)


@transaction.atomic
def council_create(
    *,
    name: str,
    seeker_type: str,
    moderator: User,
    members: list[User],
    schedule_timezone: str,
    meeting_times: list[dict],
    starts_on: dt.date | None = None,
    backup: User | None = None,
    fit: float = 0.0,
    matching_round_id: int | None = None,
    now: dt.datetime | None = None,
) -> Council:
    """Create a council with its members and first weeks of meetings.

    Without starts_on, the first meeting is the first slot at least FIRST_MEETING_NOTICE_HOURS
    away and the council's weeks count from that slot's Monday. Raises IntegrityError when
    anyone already has an active council (a database constraint)."""
    now = now or timezone.now()
    first_from = now
    if starts_on is None:
        first_from = first_slot_after(
            now + first_meeting_notice(), meeting_times=meeting_times, tzname=schedule_timezone
        )
        local = first_from.astimezone(zoneinfo.ZoneInfo(schedule_timezone)).date()
        starts_on = local - dt.timedelta(days=local.weekday())
    council = Council.objects.create(
        name=name,
        seeker_type=seeker_type,
        schedule_timezone=schedule_timezone,
        meeting_times=meeting_times,
        starts_on=starts_on,
        video_url=jitsi_room_url(),
        charter=DEFAULT_CHARTER,
        fit=fit,
        matching_round_id=matching_round_id,
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
    meetings_ensure(council=council, start=first_from, until=now + SCHEDULE_AHEAD)
    return council


def first_meeting_ahead(
    membership: Membership, *, now: dt.datetime, upcoming: list[Meeting]
) -> Meeting | None:
    """A newcomer's first meeting while it is still to come, picked from the council page's
    upcoming meetings (those from two hours ago on), so the page costs no extra query."""
    if not membership.is_active:
        return None
    threshold = membership.joined_at + first_meeting_notice()
    if threshold < now - dt.timedelta(hours=2):
        return None  # their first meeting, whichever it was, is behind them
    first = next(
        (m for m in upcoming if m.starts_at >= threshold and m.status != Meeting.Status.CANCELLED),
        None,
    )
    return first if first is not None and first.starts_at > now else None


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


def council_lock(council_id: int) -> None:
    """Every change to who is in a council or who leads it, and every meeting write, takes the
    council's row lock first (on PostgreSQL; SQLite's IMMEDIATE transaction already holds the
    whole database): two volunteers, two tabs, a leaving moderator and a handover queue one
    behind the other. Always the council before its meetings, so a close (meeting, then the
    council's health) and a leave (council, then its open meetings' version) cannot deadlock.
    Rounds lock a council they refill."""
    list(Council.objects.select_for_update().filter(pk=council_id).values_list("pk"))


def _lock_active(membership: Membership) -> Membership | None:
    """The membership re-read under a row lock (after its council's), or None when it is no
    longer active. A double click or two tabs must not land, leave or hand over twice."""
    council_lock(membership.council_id)
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("council", "user__profile")
        .filter(pk=membership.pk, status=Membership.Status.ACTIVE)
        .first()
    )


def _close_open_commitments(membership: Membership) -> int:
    """Someone who landed or left has nothing left to report back on: their open commitments
    close as "left the council" and stay in the record."""
    return Commitment.objects.filter(
        council_id=membership.council_id, user_id=membership.user_id, status=Commitment.Status.OPEN
    ).update(status=Commitment.Status.LEFT)


def _announce(council: Council, *sentences: str) -> None:
    text = " ".join(s for s in sentences if s)
    max_length = Council._meta.get_field("announcement").max_length
    assert max_length is not None  # a CharField always has one
    council.announcement = Truncator(text).chars(max_length)
    council.save(update_fields=["announcement"])


def _alert_staff_if_acting(council: Council, moderator: Membership) -> None:
    """A moderator staff have not approved leads as acting moderator (see README): staff hear
    of it, and the video link and charter stay locked until approval (CouncilAccess)."""
    if moderator.user.profile.is_approved_moderator:
        return
    notify_many(
        kind=Notice.Kind.STAFF_ALERT,
        users=User.objects.filter(is_staff=True, is_active=True),
        occurrence=f"acting-moderator:{council.pk}:{moderator.user_id}:{timezone.now():%Y%m%d%H}",
        text=_("%(council)s is led by an acting moderator waiting for approval.")
        % {"council": council.name},
        url=reverse("programme:moderator-review", args=[moderator.user.profile.pk]),
        email=lambda staff_user: email_staff_acting_moderator(
            staff_user=staff_user, council=council, moderator=moderator.user
        ),
    )


def _promote_successor(
    council: Council, leaving: Membership, now: dt.datetime, *, news: str = ""
) -> None:
    """The backup takes over at once; staff are alerted only when there is no backup."""
    backup = (
        council.memberships.filter(status=Membership.Status.ACTIVE, role=Membership.Role.BACKUP)
        .exclude(pk=leaving.pk)
        .select_related("user__profile")
        .first()
    )
    if backup is None:
        council.needs_moderator_since = now
        council.save(update_fields=["needs_moderator_since"])
        _announce(
            council,
            news,
            _(
                "Your moderator has stepped back. The programme team is finding a new one; "
                "meetings go ahead as planned."
            ),
        )
        notify_many(
            kind=Notice.Kind.STAFF_ALERT,
            users=User.objects.filter(is_staff=True, is_active=True),
            occurrence=f"no-moderator:{council.pk}:{now:%Y%m%d%H%M}",
            text=_("%(council)s has no moderator.") % {"council": council.name},
            url=reverse("programme:council-detail", args=[council.pk]),
            email=lambda staff_user: email_staff_council_without_moderator(
                staff_user=staff_user, council=council
            ),
        )
        return
    backup.role = Membership.Role.MODERATOR
    backup.save(update_fields=["role"])
    name = backup.user.profile.display_name
    if backup.user.profile.is_approved_moderator:
        _announce(council, news, _("%(name)s is now your council's moderator.") % {"name": name})
    else:
        _announce(
            council, news, _("%(name)s is now your council's acting moderator.") % {"name": name}
        )
        _alert_staff_if_acting(council, backup)
    active = council.memberships.filter(status=Membership.Status.ACTIVE).select_related(
        "user__profile"
    )
    notify_many(
        kind=Notice.Kind.NEW_MODERATOR,
        users=[m.user for m in active],
        occurrence=f"{council.pk}:{backup.user_id}:{now:%Y%m%d%H%M}",
        text=_("%(name)s now moderates %(council)s.") % {"name": name, "council": council.name},
        url=reverse("councils:council-detail", args=[council.pk]),
        email=lambda user: email_new_moderator(user=user, council=council, moderator=backup.user),
    )


@transaction.atomic
def membership_leave(
    *, membership: Membership, reason: str, back_to_pool: bool, now: dt.datetime | None = None
) -> bool:
    """Leave the council; False when the person had already left. With back_to_pool they
    take a fresh place in the matching pool (the rounds app listens to membership_left)."""
    now = now or timezone.now()
    fresh = _lock_active(membership)
    if fresh is None:
        return False
    was_moderator = fresh.is_moderator
    fresh.status = Membership.Status.LEFT
    fresh.role = Membership.Role.MEMBER
    fresh.left_at = now
    fresh.left_reason = reason
    fresh.save(update_fields=["status", "role", "left_at", "left_reason"])
    Meeting.touch_open(fresh.council_id)
    _close_open_commitments(fresh)
    if was_moderator:
        _promote_successor(fresh.council, fresh, now)
    membership_left.send(Membership, membership=fresh, back_to_pool=back_to_pool, now=now)
    seat_opened.send(Council, council_id=fresh.council_id, now=now)
    return True


def memberships_end_for_deleted_account(
    *, user: User, traces: list[str], **_kwargs: object
) -> None:
    """Before an account is deleted (accounts' account_deleting signal): the person leaves
    their council, so a moderator's backup takes over as with any leaving, and an announcement
    about them ("X landed: role at company"), which says more than their name, is cleared."""
    for membership in Membership.objects.filter(user=user, status=Membership.Status.ACTIVE):
        membership_leave(membership=membership, reason="", back_to_pool=False)
    for council in Council.objects.filter(memberships__user=user).distinct():
        if any(trace.lower() in council.announcement.lower() for trace in traces):
            council.announcement = ""
            council.save(update_fields=["announcement"])


@transaction.atomic
def membership_land(
    *,
    membership: Membership,
    landing: dict,
    now: dt.datetime | None = None,
    invite_by_email: bool = True,
) -> Landing | None:
    """ "I landed!": record it, celebrate it, open the seat, keep read access as an alumnus,
    and invite them to train as a moderator (without the email for history: the demo).

    Returns the Landing, or None when this person had already landed or left."""
    now = now or timezone.now()
    if abs(landing["start_date"] - now.date()) > LANDING_START_WITHIN + dt.timedelta(days=1):
        raise ValueError("A landing's start date is within a year of today.")
    fresh = _lock_active(membership)
    if fresh is None:
        return None
    council = fresh.council
    record = Landing.objects.create(user=fresh.user, council=council, **landing)
    was_moderator = fresh.is_moderator
    fresh.status = Membership.Status.LANDED
    fresh.role = Membership.Role.MEMBER
    fresh.left_at = now
    fresh.save(update_fields=["status", "role", "left_at"])
    Meeting.touch_open(fresh.council_id)
    _close_open_commitments(fresh)
    news = _("%(name)s landed: %(role)s at %(company)s! Congratulations!") % {
        "name": fresh.user.profile.display_name,
        "role": record.role,
        "company": record.company,
    }
    if was_moderator:
        _promote_successor(council, fresh, now, news=news)
    else:
        _announce(council, news)
    seat_opened.send(Council, council_id=council.pk, now=now)
    moderator_invitation_after_landing(user=fresh.user, now=now, email=invite_by_email)
    return record


def handover_candidates(council: Council, moderator: Membership) -> QuerySet[Membership]:
    """Who may take over: the backup, or a member staff approved as a moderator."""
    return (
        council.memberships.filter(status=Membership.Status.ACTIVE)
        .filter(
            Q(role=Membership.Role.BACKUP) | Q(user__profile__moderator_approved_at__isnull=False)
        )
        .exclude(pk=moderator.pk)
        .select_related("user__profile")
    )


@transaction.atomic
def moderator_handover(*, council: Council, by: Membership, to: Membership) -> bool:
    """The moderator hands over; they stay on as the backup when the council has none.

    False when `by` is no longer the moderator: a second tab's handover, sent after the first
    went through, must not pass on the moderatorship of the person the first one chose."""
    council_lock(council.pk)
    current = (
        council.memberships.select_for_update()
        .filter(status=Membership.Status.ACTIVE, role=Membership.Role.MODERATOR)
        .first()
    )
    fresh_to = _lock_active(to)
    if current is None or current.pk != by.pk or fresh_to is None or fresh_to.pk == current.pk:
        return False
    other_backup = (
        council.memberships.filter(status=Membership.Status.ACTIVE, role=Membership.Role.BACKUP)
        .exclude(pk=fresh_to.pk)
        .exists()
    )
    # In three steps: the database never holds two moderators or two backups at once.
    current.role = Membership.Role.MEMBER
    current.save(update_fields=["role"])
    fresh_to.role = Membership.Role.MODERATOR
    fresh_to.save(update_fields=["role"])
    if not other_backup:
        current.role = Membership.Role.BACKUP
        current.save(update_fields=["role"])
    Meeting.touch_open(council.pk)
    council.needs_moderator_since = None
    council.save(update_fields=["needs_moderator_since"])
    _alert_staff_if_acting(council, fresh_to)
    return True


UNCLOSED_COUNTS_AS_THIN_AFTER = dt.timedelta(hours=24)


def council_health_update(*, council: Council, now: dt.datetime | None = None) -> bool:
    """Flag a council at risk after two meetings in a row where fewer than half attended.

    A meeting still not closed a day after it started counts as thin: nobody took attendance,
    which is itself the sign of a council in trouble (or one without a moderator)."""
    now = now or timezone.now()
    last_two = list(
        Meeting.objects.filter(council=council, starts_at__lt=now)
        .filter(
            Q(status=Meeting.Status.CLOSED)
            | Q(
                status=Meeting.Status.SCHEDULED,
                starts_at__lt=now - UNCLOSED_COUNTS_AS_THIN_AFTER,
            )
        )
        .order_by("-starts_at")[:2]
    )
    thin = 0
    for meeting in last_two:
        if meeting.status != Meeting.Status.CLOSED:
            thin += 1
            continue
        rows = list(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
        came = sum(status in Attendance.CAME for status in rows)
        thin += bool(rows) and came * 2 < len(rows)
    at_risk = len(last_two) == 2 and thin == 2
    if at_risk and council.at_risk_since is None:
        council.at_risk_since = now
    elif not at_risk:
        council.at_risk_since = None
    council.save(update_fields=["at_risk_since"])
    return at_risk


def councils_upkeep(*, now: dt.datetime) -> tuple[int, int]:
    """The councils' share of the hourly upkeep: every active council keeps SCHEDULE_AHEAD of
    meetings scheduled and its at-risk flag current. Returns (meetings created, at risk)."""
    created = at_risk = 0
    for council in Council.objects.filter(status=Council.Status.ACTIVE).iterator():
        created += meetings_ensure(council=council, start=now, until=now + SCHEDULE_AHEAD)
        at_risk += council_health_update(council=council, now=now)
    return created, at_risk


@transaction.atomic
def membership_join(
    *, council_id: int, user: User, max_size: int, now: dt.datetime | None = None
) -> Membership | None:
    """Take a free seat: the person joins as a member, or None when the seat went meanwhile.

    The database decides: the council's row lock queues every join (and every leave) one
    behind the other, and the seat count is read under it, so two joins racing for the last
    seat never make nine; the one-active-council constraint refuses a second council. The
    newcomer is expected from the first meeting at least the notice period away
    (Membership.first_meeting); the council's open meeting pages show them."""
    now = now or timezone.now()
    council_lock(council_id)
    council = Council.objects.get(pk=council_id)
    if council.status != Council.Status.ACTIVE:
        return None
    if council.memberships.filter(status=Membership.Status.ACTIVE).count() >= max_size:
        return None
    membership = Membership.objects.create(council=council, user=user, joined_at=now)
    Meeting.touch_open(council_id)
    return membership


@transaction.atomic
def backup_volunteer(*, membership: Membership) -> bool:
    """A member agrees to step in if the moderator leaves; they take the moderator training.

    False when the council already has a backup (or this person is no longer a member): the
    council's lock makes a second volunteer at the same moment see the first."""
    fresh = _lock_active(membership)
    if fresh is None or fresh.role != Membership.Role.MEMBER:
        return False
    taken = fresh.council.memberships.filter(
        status=Membership.Status.ACTIVE, role=Membership.Role.BACKUP
    ).exists()
    if taken:
        return False
    fresh.role = Membership.Role.BACKUP
    fresh.save(update_fields=["role"])
    Meeting.touch_open(fresh.council_id)
    profile = fresh.user.profile
    if not profile.volunteers_to_moderate:
        profile.volunteers_to_moderate = True
        profile.save(update_fields=["volunteers_to_moderate", "updated_at"])
    return True
