"""The outbox (every email sent, claimed before and marked after), unsubscribe links and the
in-app notices behind the header's bell."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class Notice(models.Model):
    """One thing a person was told, shown at /notices/ until they mark it read. Made only by
    `notify.notify_many`, which also queues the email."""

    class Kind(models.TextChoices):
        # One kind per setting a person can choose at /notices/settings/; the key says which
        # event it was.
        COUNCIL_MATCHED = "council-matched", _("Your new council")
        COUNCIL_NEWCOMER = "council-newcomer", _("Someone joins your council")
        NEW_MODERATOR = "new-moderator", _("A new moderator for your council")
        MEETING_CHANGED = "meeting-changed", _("A meeting moved or cancelled")
        MODERATOR_DECISION = "moderator-decision", _("Your application to moderate")
        MODERATOR_INVITATION = "moderator-invitation", _("Invitations to train as a moderator")
        MEETING_REMINDER = "meeting-reminder", _("Meeting reminders")
        COMMITMENTS_DUE = "commitments-due", _("Your commitments due at the next meeting")
        MEMBER_LANDED = "member-landed", _("A member of your council landed a job")
        ROLE_CHANGED = "role-changed", _("You were made moderator or backup")
        WORKBOOK_COMMENT = "workbook-comment", _("Comments on what you shared")
        WORKBOOK_DUE = "workbook-due", _("Workbook follow-ups, thank-yous and notes due")
        STAFF_ALERT = "staff-alert", _("Staff alerts")

    # Unique per event and person, like the outbox's: a rerun never tells anyone twice.
    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    text = models.CharField(max_length=300)
    # A path on this site (the page the notice is about), never an outside address.
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notice_user_newest"),
            # The bell's count on every page reads this one small index.
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notice_unread"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({'read' if self.read_at else 'unread'})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @classmethod
    def unread_count(cls, user: User) -> int:
        return cls.objects.filter(user=user, read_at__isnull=True).count()
