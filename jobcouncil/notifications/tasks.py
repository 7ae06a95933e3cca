"""Sending: claim the outbox row, send, mark it; a task that dies halfway never double-sends."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from jobcouncil.lib.tokens import secrets_mask
from jobcouncil.notifications.models import OutboxEmail


def outbox_send(*, email_id: int) -> str:
    claimed = OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.PENDING).update(
        status=OutboxEmail.Status.SENDING, attempts=F("attempts") + 1
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


MAX_ATTEMPTS = 5
STUCK_SENDING_AFTER = dt.timedelta(minutes=15)


def outbox_retry(*, now: dt.datetime | None = None) -> int:
    """Put failed mail (and mail whose worker died mid-send) back in line, a few times at most."""
    now = now or timezone.now()
    retry = OutboxEmail.objects.filter(attempts__lt=MAX_ATTEMPTS).filter(
        Q(status=OutboxEmail.Status.FAILED)
        | Q(status=OutboxEmail.Status.SENDING, created_at__lt=now - STUCK_SENDING_AFTER)
    )
    ids = list(retry.values_list("pk", flat=True))
    OutboxEmail.objects.filter(pk__in=ids).update(status=OutboxEmail.Status.PENDING)
    for email_id in ids:
        transaction.on_commit(partial(send_outbox_email.enqueue, email_id))
    return len(ids)
