"""One function per email. Each renders emails/<name>-subject.txt, -body.txt and -body.html
and goes through the outbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models.expressions import RawSQL
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jobcouncil.lib.dates import viewer_zone
from jobcouncil.lib.tokens import new_secret
from jobcouncil.notifications.models import EmailSubscription, OutboxEmail, UnsubscribeLink
from jobcouncil.notifications.tasks import send_outbox_email, send_outbox_emails

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User
    from jobcouncil.councils.models import Council, Meeting


def _wants_email(user: User) -> bool:
    return not EmailSubscription.objects.filter(user=user, unsubscribed_at__isnull=False).exists()


def _render(
    *, user: User, name: str, context: dict[str, Any], unsubscribe_url: str
) -> tuple[str, str, str]:
    """Subject, plain text and HTML, with times in the person's own timezone."""
    tzname = getattr(getattr(user, "profile", None), "timezone", None) or "UTC"
    context = {
        **context,
        "user": user,
        "site_url": settings.SITE_URL,
        "programme_name": settings.PROGRAMME_NAME,
        "unsubscribe_url": unsubscribe_url,
    }
    with timezone.override(viewer_zone(tzname)), translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
        body_text = render_to_string(f"emails/{name}-body.txt", context)
        body_html = render_to_string(f"emails/{name}-body.html", context)
    return subject, body_text, body_html


def _unsubscribe_url(token: str) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def _queue(*, key: str, user: User, name: str, context: dict[str, Any]) -> OutboxEmail | None:
    """Render and store the email, then send it after the surrounding transaction commits."""
    if OutboxEmail.objects.filter(key=key).exists() or not _wants_email(user):
        return None
    token, hashed = new_secret()
    unsubscribe_url = _unsubscribe_url(token)
    subject, body_text, body_html = _render(
        user=user, name=name, context=context, unsubscribe_url=unsubscribe_url
    )
    try:
        with transaction.atomic():
            UnsubscribeLink.objects.create(user=user, token_hash=hashed)
            email = OutboxEmail.objects.create(
                key=key,
                user=user,
                to=user.email,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                unsubscribe_url=unsubscribe_url,
            )
    except IntegrityError:
        # Two calls at once both found no row; the key let the other one in (its link and this
        # row rolled back together): that one sends it.
        if OutboxEmail.objects.filter(key=key).exists():
            return None
        raise
    transaction.on_commit(lambda: send_outbox_email.enqueue(email.pk))
    return email


@dataclass(frozen=True)
class Queued:
    """One email for `_queue_many`."""

    key: str
    user: User
    name: str
    context: dict[str, Any]
    calendar_ics: str = ""


# Rows per statement, and emails per sending task (so several workers share a big batch).
BATCH = 500
SEND_BATCH = 100


def _chunks(items: Sequence, size: int) -> list[Sequence]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _among(values: Sequence[Any], sql_type: str) -> list[Any]:
    """`field__in` right-hand sides for `values`, as few as the database allows: one array
    parameter on PostgreSQL however many there are (so a pass over a big programme reads in
    as many statements as over a small one), chunks of BATCH * 10 elsewhere."""
    if connection.vendor == "postgresql":
        return [RawSQL(f"SELECT unnest(%s::{sql_type}[])", (list(values),))] if values else []
    return list(_chunks(values, BATCH * 10))


def keys_queued(keys: Sequence[str]) -> set[str]:
    """Which of these keys the outbox already has (one query on PostgreSQL)."""
    existing: set[str] = set()
    for among in _among(keys, "text"):
        existing.update(
            OutboxEmail.objects.filter(key__in=among).order_by().values_list("key", flat=True)
        )
    return existing


def _queue_many(items: Sequence[Queued]) -> int:
    """`_queue` for many emails in a fixed number of queries (one per BATCH rows).

    Safe to run twice at once: the unique key lets one row in; both passes may hand it to a
    sending task, and the first to claim it sends it (tasks.outbox_send)."""
    if not items:
        return 0
    existing = keys_queued([item.key for item in items])
    fresh = {item.key: item for item in items if item.key not in existing}
    if not fresh:
        return 0
    unsubscribed: set[int] = set()
    for among in _among(list({item.user.pk for item in fresh.values()}), "bigint"):
        unsubscribed.update(
            EmailSubscription.objects.filter(
                user_id__in=among, unsubscribed_at__isnull=False
            ).values_list("user_id", flat=True)
        )
    links, emails = [], []
    for item in fresh.values():
        if item.user.pk in unsubscribed:
            continue
        token, hashed = new_secret()
        links.append(UnsubscribeLink(user=item.user, token_hash=hashed))
        unsubscribe_url = _unsubscribe_url(token)
        subject, body_text, body_html = _render(
            user=item.user, name=item.name, context=item.context, unsubscribe_url=unsubscribe_url
        )
        emails.append(
            OutboxEmail(
                key=item.key,
                user=item.user,
                to=item.user.email,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                unsubscribe_url=unsubscribe_url,
                calendar_ics=item.calendar_ics,
            )
        )
    if not emails:
        return 0
    keys = [email.key for email in emails]
    ids: list[int] = []
    with transaction.atomic():
        UnsubscribeLink.objects.bulk_create(links, batch_size=BATCH)
        OutboxEmail.objects.bulk_create(emails, batch_size=BATCH, ignore_conflicts=True)
        for among in _among(keys, "text"):
            ids.extend(
                OutboxEmail.objects.filter(key__in=among, status=OutboxEmail.Status.PENDING)
                .order_by()
                .values_list("pk", flat=True)
            )
        for batch in _chunks(sorted(ids), SEND_BATCH):
            transaction.on_commit(partial(send_outbox_emails.enqueue, list(batch)))
    return len(ids)


def email_council_matched(*, user: User, council: Council) -> OutboxEmail | None:
    """You have a council: who moderates, the weekly pattern and the first meeting in the
    member's own timezone (named), the video and calendar links. The moderator's version says
    they moderate, links their notes and names the backup; the backup's says they are it."""
    people = list(council.active_memberships().select_related("user__profile"))
    mine = next((m for m in people if m.user_id == user.pk), None)
    moderator = next((m for m in people if m.is_moderator), None)
    backup = next((m for m in people if m.is_backup), None)
    # Read from the meeting rows, so a moved or later first meeting is what people are told;
    # someone joining shortly before a meeting starts from the one after it.
    first_meeting = mine.first_meeting() if mine else None
    tzname = getattr(getattr(user, "profile", None), "timezone", None) or "UTC"
    site = settings.SITE_URL
    return _queue(
        key=f"council-matched:{council.pk}:{user.pk}",
        user=user,
        name="council-matched",
        context={
            "council": council,
            "is_moderator": bool(mine and mine.is_moderator),
            "is_backup": bool(mine and mine.is_backup),
            "moderator_name": moderator.user.profile.display_name if moderator else "",
            "backup_name": backup.user.profile.display_name if backup else "",
            "pattern": council.weekly_pattern(viewer_zone(tzname)),
            "first_meeting": first_meeting,
            "tzname": tzname,
            "video_url": council.video_url,
            "council_url": site + reverse("councils:council-detail", args=[council.pk]),
            "calendar_url": site + reverse("councils:calendar-manage"),
            "agenda_url": site
            + reverse("councils:meeting-detail", args=[council.pk, first_meeting.pk])
            if first_meeting
            else "",
            "guide_url": site + reverse("accounts:moderator-training", args=[1]),
        },
    )


def email_council_newcomer(
    *, user: User, council: Council, newcomer: User, first_meeting: Meeting | None
) -> OutboxEmail | None:
    """Someone joined the council from the pool (continuous placement): its members hear who,
    and from which meeting they are expected (in the member's own timezone)."""
    tzname = getattr(getattr(user, "profile", None), "timezone", None) or "UTC"
    return _queue(
        key=f"council-newcomer:{council.pk}:{newcomer.pk}:{user.pk}:{timezone.now():%Y%m%d%H}",
        user=user,
        name="council-newcomer",
        context={
            "council": council,
            "newcomer_name": newcomer.profile.display_name,
            "first_meeting": first_meeting,
            "tzname": tzname,
            "council_url": settings.SITE_URL
            + reverse("councils:council-detail", args=[council.pk]),
        },
    )


def email_new_moderator(*, user: User, council: Council, moderator: User) -> OutboxEmail | None:
    # The key names people by id only: a deleted account's name must not survive in it.
    return _queue(
        key=f"new-moderator:{council.pk}:{user.pk}:{moderator.pk}:{timezone.now():%Y%m%d%H}",
        user=user,
        name="new-moderator",
        context={
            "council": council,
            "moderator_name": moderator.profile.display_name,
            "council_url": settings.SITE_URL
            + reverse("councils:council-detail", args=[council.pk]),
        },
    )


def email_staff_council_without_moderator(
    *, staff_user: User, council: Council
) -> OutboxEmail | None:
    return _queue(
        key=f"no-moderator:{council.pk}:{staff_user.pk}:{council.needs_moderator_since:%Y%m%d%H%M}",
        user=staff_user,
        name="staff-no-moderator",
        context={
            "council": council,
            "admin_url": settings.SITE_URL
            + reverse("admin:councils_council_change", args=[council.pk]),
        },
    )


def email_moderator_approved(
    *, user: User, note: str, decided_at: dt.datetime
) -> OutboxEmail | None:
    return _queue(
        key=f"moderator-approved:{user.pk}:{decided_at:%Y%m%d%H%M%S}",
        user=user,
        name="moderator-approved",
        context={"note": note, "next_url": settings.SITE_URL + reverse("accounts:next-step")},
    )


def email_moderator_declined(
    *, user: User, note: str, decided_at: dt.datetime
) -> OutboxEmail | None:
    return _queue(
        key=f"moderator-declined:{user.pk}:{decided_at:%Y%m%d%H%M%S}",
        user=user,
        name="moderator-declined",
        context={"note": note, "next_url": settings.SITE_URL + reverse("accounts:next-step")},
    )


def email_moderator_invitation(
    *, user: User, reason: str, invited_at: dt.datetime
) -> OutboxEmail | None:
    """Would you train as a moderator? After a member's third meeting, or after landing."""
    return _queue(
        key=f"moderator-invitation:{user.pk}:{reason}",
        user=user,
        name="moderator-invitation",
        context={
            "landed": reason == "landed",
            "invitation_url": settings.SITE_URL + reverse("accounts:moderating"),
        },
    )


def email_staff_acting_moderator(
    *, staff_user: User, council: Council, moderator: User
) -> OutboxEmail | None:
    """A backup who is not an approved moderator took over: staff approve them or replace them."""
    return _queue(
        key=f"acting-moderator:{council.pk}:{staff_user.pk}:{moderator.pk}:{timezone.now():%Y%m%d%H}",
        user=staff_user,
        name="staff-acting-moderator",
        context={
            "council": council,
            "moderator_name": moderator.profile.display_name,
            "review_url": settings.SITE_URL
            + reverse("programme:moderator-review", args=[moderator.profile.pk]),
        },
    )


def _meeting_context(meeting: Meeting) -> dict[str, Any]:
    council = meeting.council
    return {
        "council": council,
        "meeting": meeting,
        "council_url": settings.SITE_URL + reverse("councils:council-detail", args=[council.pk]),
        "meeting_url": settings.SITE_URL
        + reverse("councils:meeting-detail", args=[council.pk, meeting.pk]),
    }


def email_meeting_moved(
    *, user: User, meeting: Meeting, old_starts_at: dt.datetime
) -> OutboxEmail | None:
    """One meeting moved: the old and the new time, in the member's own timezone."""
    return _queue(
        key=f"meeting-moved:{meeting.pk}:{user.pk}:{meeting.starts_at:%Y%m%d%H%M}",
        user=user,
        name="meeting-moved",
        context={**_meeting_context(meeting), "old_starts_at": old_starts_at},
    )


def email_meeting_cancelled(*, user: User, meeting: Meeting) -> OutboxEmail | None:
    """One meeting cancelled; the member is told when the council next meets."""
    following = meeting.following()
    return _queue(
        key=f"meeting-cancelled:{meeting.pk}:{user.pk}",
        user=user,
        name="meeting-cancelled",
        context={**_meeting_context(meeting), "next_meeting": following},
    )


def email_workbook_comment(
    *, user: User, author_name: str, url: str, key: str
) -> OutboxEmail | None:
    """Someone in the council commented on what the person shared from their workbook. The
    comment itself stays on the page (the email may be read on a shared screen)."""
    return _queue(
        key=key,
        user=user,
        name="workbook-comment",
        context={"author_name": author_name, "url": settings.SITE_URL + url},
    )


@dataclass(frozen=True)
class MeetingReminder:
    """One member's reminder of one meeting. The councils' pass fills in the links only it
    can make: the signed "I can't make it" link and the meeting's .ics file."""

    kind: str  # notifications.quiet.DAY_BEFORE or HOUR_BEFORE
    user: User
    meeting: Meeting
    apology_url: str
    calendar_ics: str
    # The 1-hour reminder sent hours ahead, the evening before a meeting in quiet hours: it
    # names the day, as the 24-hour one does, instead of "meets soon".
    early: bool = False


def reminder_key(*, kind: str, meeting_id: int, user_id: int, starts_at: dt.datetime) -> str:
    """One reminder per kind, meeting, person and start time: a moved meeting reminds again,
    a rerun never twice."""
    return f"reminder:{kind}:{meeting_id}:{user_id}:{starts_at.isoformat()}"


def email_meeting_reminders(*, reminders: Sequence[MeetingReminder]) -> int:
    """Queue meeting reminders (24 hours and 1 hour before), each in its member's own time,
    with the video link, the .ics file attached and the one-click "I can't make it" link.
    Returns how many were queued; those queued before are skipped."""
    site = settings.SITE_URL
    items = []
    for reminder in reminders:
        meeting, council = reminder.meeting, reminder.meeting.council
        items.append(
            Queued(
                key=reminder_key(
                    kind=reminder.kind,
                    meeting_id=meeting.pk,
                    user_id=reminder.user.pk,
                    starts_at=meeting.starts_at,
                ),
                user=reminder.user,
                name="meeting-reminder",
                context={
                    **_meeting_context(meeting),
                    "kind": reminder.kind,
                    "early": reminder.early,
                    "video_url": council.video_url,
                    "apology_url": reminder.apology_url,
                    "ics_url": site
                    + reverse("councils:meeting-ics", args=[council.pk, meeting.pk]),
                },
                calendar_ics=reminder.calendar_ics,
            )
        )
    return _queue_many(items)
