"""Matching rounds over the pool (one run of the engine each) and the nightly schedule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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
        db_table = "pool_matchinground"  # the table from before rounds had their own app
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
        return gettext("Round %(number)s (%(status)s)") % {
            "number": self.pk,
            "status": self.get_status_display(),
        }

    @property
    def is_preview(self) -> bool:
        return self.status == self.Status.PREVIEW

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED


class MatchingSchedule(models.Model):
    """Staff settings for rounds that run by themselves (edited in the admin)."""

    enabled = models.BooleanField(default=False)
    seeker_types = models.JSONField(default=list)
    hour_utc = models.PositiveSmallIntegerField(default=2)
    auto_confirm = models.BooleanField(
        default=False, help_text=_("Confirm without a staff review when no rule is broken.")
    )
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "pool_matchingschedule"  # the table from before rounds had their own app
        verbose_name = _("matching schedule")

    def __str__(self) -> str:
        return gettext("Matching schedule")
