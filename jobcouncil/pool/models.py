"""The matching pool: one entry per seeker who finished orientation and asked to be matched."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PoolEntry(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be matched")
        PAUSED = "paused", _("Paused")
        MATCHED = "matched", _("Matched into a council")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pool_entry"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    # A copy of the profile's seeker type (kept in step by a signal, see apps.py), so the pool
    # page counts who waits ahead from one index instead of joining every profile.
    seeker_type = models.CharField(max_length=8, blank=True)
    # When they first joined: the engine's applied_at, so pausing does not cost their place.
    joined_at = models.DateTimeField(default=timezone.now)
    paused_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("anything the matching team should know"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("pool entries")
        indexes = [
            models.Index(fields=["status", "joined_at"]),
            models.Index(fields=["status", "seeker_type", "joined_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Saving also drops the queue's cached counts (pool/queue.py, connected in apps.py).
        if not self.seeker_type:
            self.seeker_type = self.user.profile.seeker_type
        super().save(*args, **kwargs)

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_paused(self) -> bool:
        return self.status == self.Status.PAUSED

    @property
    def is_matched(self) -> bool:
        return self.status == self.Status.MATCHED

    def pause(self) -> None:
        self.status = self.Status.PAUSED
        self.paused_at = timezone.now()
        self.save(update_fields=["status", "paused_at", "updated_at"])

    def resume(self) -> None:
        self.status = self.Status.WAITING
        self.paused_at = None
        self.save(update_fields=["status", "paused_at", "updated_at"])
