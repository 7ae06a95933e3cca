"""The matching pool: one entry per seeker who finished orientation and asked to be matched."""

from __future__ import annotations

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
        verbose_name_plural = "pool entries"
        indexes = [
            models.Index(fields=["status", "joined_at"]),
            models.Index(fields=["status", "seeker_type", "joined_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.status})"

    def save(self, *args, **kwargs) -> None:
        from jobcouncil.pool.queue import queue_changed

        if not self.seeker_type:
            self.seeker_type = self.user.profile.seeker_type
        super().save(*args, **kwargs)
        queue_changed()

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    def pause(self) -> None:
        self.status = self.Status.PAUSED
        self.paused_at = timezone.now()
        self.save(update_fields=["status", "paused_at", "updated_at"])

    def resume(self) -> None:
        self.status = self.Status.WAITING
        self.paused_at = None
        self.save(update_fields=["status", "paused_at", "updated_at"])


class MatchingRound(models.Model):
    """One run of the engine over the pool: previewed by staff, then confirmed or discarded."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        PREVIEW = "preview", _("Ready for review")
        CONFIRMED = "confirmed", _("Confirmed")
        DISCARDED = "discarded", _("Discarded")
        FAILED = "failed", _("Failed")

    seeker_types = models.JSONField(default=list)  # ["fast"], ["slow"] or both
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled = models.BooleanField(default=False)
    # The engine's output document, plus a snapshot of who was offered (id -> user id). It can
    # be megabytes: only the round's own page loads it, lists read `stats`.
    result = models.JSONField(null=True, blank=True)
    # Small and always loaded: the engine's stats, and from confirmation on "waits", the days
    # each placed person had waited by seeker type ({"fast": {"12": 3}}), for the wait estimate.
    stats = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One round at a time, whatever the code does: six clicks on "Start a round"
            # started six. The index holds one constant for every round in flight.
            models.UniqueConstraint(
                models.Value(1),
                condition=models.Q(status__in=["queued", "running"]),
                name="one_round_in_flight",
            )
        ]
        indexes = [models.Index(fields=["status", "confirmed_at"])]

    def __str__(self) -> str:
        return f"Round {self.pk} ({self.status})"


class MatchingSchedule(models.Model):
    """Staff settings for rounds that run by themselves (edited in the admin)."""

    enabled = models.BooleanField(default=False)
    seeker_types = models.JSONField(default=list)
    hour_utc = models.PositiveSmallIntegerField(default=2)
    auto_confirm = models.BooleanField(
        default=False, help_text="Confirm without a staff review when no rule is broken."
    )
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "matching schedule"

    def __str__(self) -> str:
        return "Matching schedule"
