"""Sending: claim the outbox row, send, mark it; a task that dies halfway never double-sends.
Also the upkeep that puts back in line what a dead worker left: its tasks and its claims."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobcouncil.lib.tokens import secrets_mask
from jobcouncil.notifications.models import OutboxEmail


def outbox_send(*, email_id: int) -> str:
    claimed = OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.PENDING).update(
        status=OutboxEmail.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return "already claimed"
    email = OutboxEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        headers={
            "List-Unsubscribe": f"<{email.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(email.body_html, "text/html")
    if email.calendar_ics:
        message.attach("meeting.ics", email.calendar_ics, "text/calendar")
    try:
        message.send()
    except Exception as error:
        # Never leave the row claimed: `jobcouncil periodic` retries failed mail.
        email.status, email.last_error = OutboxEmail.Status.FAILED, repr(error)
        email.save(update_fields=["status", "last_error"])
        raise
    # Once sent, the row needs no working link: keep the record, drop the secret.
    email.status, email.sent_at = OutboxEmail.Status.SENT, timezone.now()
    email.body_text = secrets_mask(email.body_text)
    email.body_html = secrets_mask(email.body_html)
    email.unsubscribe_url = secrets_mask(email.unsubscribe_url)
    email.save(update_fields=["status", "sent_at", "body_text", "body_html", "unsubscribe_url"])
    return "sent"


@task()
def send_outbox_email(email_id: int) -> str:
    return outbox_send(email_id=email_id)


@task()
def send_outbox_emails(email_ids: list[int]) -> str:
    """Send a batch (the reminders' pass queues many at once); one failure does not stop the
    rest: it is marked failed and `outbox_retry` puts it back in line."""
    outcomes = []
    for email_id in email_ids:
        try:
            outcomes.append(outbox_send(email_id=email_id))
        except Exception:
            outcomes.append("failed")
    return f"{outcomes.count('sent')} sent of {len(email_ids)}"


MAX_ATTEMPTS = 5
# After a failed attempt the next waits this long, doubling each time (2, 4, 8, 16 minutes):
# an SMTP server that is down or answers 451 gets about half an hour to come back, then the
# row stays failed (staff see it in the admin, filtered "gave up", and can send it again).
RETRY_FIRST_AFTER = dt.timedelta(minutes=2)
# Sending one email takes seconds; a claim this old was left by a worker that died.
STUCK_SENDING_AFTER = dt.timedelta(minutes=15)
# No task here runs this long (a 100,000-seeker matching round takes under a minute).
STUCK_RUNNING_AFTER = dt.timedelta(minutes=30)


def retry_wait(attempts: int) -> dt.timedelta:
    """How long after its last attempt (the claim) a failed email is tried again."""
    return RETRY_FIRST_AFTER * 2 ** max(0, attempts - 1)


def outbox_retry(*, now: dt.datetime | None = None) -> int:
    """Put failed mail (once its wait is over) and mail whose worker died mid-send back in
    line, MAX_ATTEMPTS times at most."""
    now = now or timezone.now()
    waited = Q(status=OutboxEmail.Status.FAILED, claimed_at=None)
    for attempts in range(1, MAX_ATTEMPTS):
        waited |= Q(
            status=OutboxEmail.Status.FAILED,
            attempts=attempts,
            claimed_at__lte=now - retry_wait(attempts),
        )
    retry = OutboxEmail.objects.filter(attempts__lt=MAX_ATTEMPTS).filter(
        waited
        | Q(status=OutboxEmail.Status.SENDING, claimed_at__lt=now - STUCK_SENDING_AFTER)
        # Claimed before claims carried a time.
        | Q(
            status=OutboxEmail.Status.SENDING,
            claimed_at=None,
            created_at__lt=now - STUCK_SENDING_AFTER,
        )
    )
    ids = list(retry.values_list("pk", flat=True))
    return outbox_requeue(ids)


def outbox_requeue(ids: list[int]) -> int:
    """Back in line: pending again, each with a sending task after the transaction commits."""
    OutboxEmail.objects.filter(pk__in=ids).update(status=OutboxEmail.Status.PENDING)
    for email_id in ids:
        transaction.on_commit(partial(send_outbox_email.enqueue, email_id))
    return len(ids)


def stuck_tasks_requeue(*, now: dt.datetime | None = None) -> int:
    """Put back in line the tasks whose worker died while running them.

    django-tasks' database backend marks a task RUNNING when a worker takes it and never
    looks at it again: a worker killed mid-task (SIGKILL, out of memory, a reboot) leaves it
    RUNNING for ever. Every task of this app is safe to run twice (the outbox claims each
    email; a matching round that is no longer in flight is left alone), so one running far
    longer than any of them takes is handed to the next free worker."""
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - STUCK_RUNNING_AFTER
    ).update(status=TaskResultStatus.READY)
