"""The outbox (every email sent, claimed before and marked after) and unsubscribe links."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from jobcouncil.lib.tokens import new_secret, secret_hash

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


class OutboxEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        SENDING = "sending"
        SENT = "sent"
        FAILED = "failed"

    # Unique per real-world event, so a retried task or a double click never mails twice.
    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    unsubscribe_url = models.URLField(max_length=500)
    # Attached as meeting.ics when set (meeting reminders).
    calendar_ics = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a task last took it to send: a claim this old means that task's worker died.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.key} → {self.to} ({self.status})"


class EmailSubscription(models.Model):
    """Whether a person wants council notices by email; unsubscribing is one click."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_subscription"
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)


def _unsubscribe_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.UNSUBSCRIBE_LINK_DAYS)


class UnsubscribeLink(models.Model):
    """A secret link that can do one thing: unsubscribe its person. Stored hashed; it
    expires (settings.UNSUBSCRIBE_LINK_DAYS) and staff can revoke it in the admin."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_unsubscribe_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Unsubscribe link {self.pk} for {self.user}"

    @classmethod
    def issue(cls, user: User) -> str:
        token, hashed = new_secret()
        cls.objects.create(user=user, token_hash=hashed)
        return token

    @classmethod
    def find_usable(cls, token: str) -> UnsubscribeLink | None:
        return (
            cls.objects.filter(
                token_hash=secret_hash(token),
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("user")
            .first()
        )

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
