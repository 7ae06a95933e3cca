"""Sending: claim the outbox row, send, mark it; a task that dies halfway never double-sends."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone
from django_tasks import task

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
    except OSError as error:
        email.status, email.last_error = OutboxEmail.Status.FAILED, str(error)
        email.save(update_fields=["status", "last_error"])
        raise
    email.status, email.sent_at = OutboxEmail.Status.SENT, timezone.now()
    email.save(update_fields=["status", "sent_at"])
    return "sent"


@task()
def send_outbox_email(email_id: int) -> str:
    return outbox_send(email_id=email_id)
