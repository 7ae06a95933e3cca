"""Matching rounds over the pool (one run of the engine each) and the nightly schedule."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
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


# Hours between scheduled rounds: the divisors of a day, so the rounds fall at the same hours
# every day.
EVERY_HOURS = (1, 2, 3, 4, 6, 8, 12, 24)


class MatchingSchedule(models.Model):
    """Staff settings for rounds that run by themselves (edited in the admin)."""

    enabled = models.BooleanField(default=False)
    seeker_types = models.JSONField(default=list)
    hour_utc = models.PositiveSmallIntegerField(
        default=2, help_text=_("The hour (UTC) of the first round of the day.")
    )
    every_hours = models.PositiveSmallIntegerField(
        default=24,
        choices=[(h, h) for h in EVERY_HOURS],
        help_text=_(
            "Hours between scheduled rounds: 24 is nightly; 4 runs six rounds a day, from the "
            "hour above. The engine takes seconds on the whole pool."
        ),
    )
    auto_confirm = models.BooleanField(
        default=False, help_text=_("Confirm without a staff review when no rule is broken.")
    )
    review_hours = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(72)],
        help_text=_(
            "With auto-confirm: hours a scheduled round waits for staff review before it "
            "confirms itself (0: at once)."
        ),
    )
    form_within_hours = models.PositiveSmallIntegerField(
        default=48,
        validators=[MaxValueValidator(168)],
        help_text=_(
            "Scheduled rounds form a new council only when its first meeting would be within "
            "this many hours of the earliest it may be (after the review window and the "
            "notice); the others wait for a later round, when their times come round. At "
            "least the hours between rounds; 0: any time (a week ahead or more)."
        ),
    )
    place_continuously = models.BooleanField(
        default=False,
        help_text=_(
            "Place someone who joins the pool into a council with a free seat at once, "
            "without a staff review, when they fit it."
        ),
    )
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "pool_matchingschedule"  # the table from before rounds had their own app
        verbose_name = _("matching schedule")

    def __str__(self) -> str:
        return gettext("Matching schedule")

    def clean(self) -> None:
        if self.form_within_hours and self.form_within_hours < self.every_hours:
            raise ValidationError(
                {
                    "form_within_hours": _(
                        "At least the hours between rounds (%(every)s), or some meeting times "
                        "would never come round in time for a round."
                    )
                    % {"every": self.every_hours}
                }
            )


class SeatFill(models.Model):
    """One person placed into a free seat between rounds (continuous placement): when, how
    long they had waited, into which council. No person is named (their membership is the
    record of that): the wait estimate counts these next to the rounds' own."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    seeker_type = models.CharField(max_length=8)
    waited_days = models.PositiveIntegerField()  # whole days from joining the pool
    placed_at = models.DateTimeField()

    class Meta:
        ordering = ["-placed_at"]
        indexes = [models.Index(fields=["seeker_type", "placed_at"])]

    def __str__(self) -> str:
        return gettext("Seat filled in %(council)s") % {"council": self.council_id}
