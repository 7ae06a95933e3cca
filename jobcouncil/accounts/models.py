"""People: the user account (email login) and the seeker's profile with weekly availability."""

from __future__ import annotations

import zoneinfo
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcouncil.accounts.choices import FUNCTIONS, INDUSTRIES, SeekerType, Seniority
from jobcouncil.lib.dates import viewer_zone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with their email address."""

    # No user name and no names: people sign in with their email address.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Not Django's UserManager (which needs a user name) but the same base.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.email


class ProfileQuerySet(models.QuerySet["Profile"]):
    def awaiting_moderator_approval(self) -> ProfileQuerySet:
        """Volunteers who finished the training and wait for staff: not approved, and not
        declined since they (re)did the training."""
        return self.filter(
            volunteers_to_moderate=True,
            moderator_training_completed_at__isnull=False,
            moderator_approved_at__isnull=True,
        ).filter(
            models.Q(moderator_declined_at__isnull=True)
            | models.Q(moderator_declined_at__lt=models.F("moderator_training_completed_at"))
        )


def all_timezones() -> list[str]:
    return sorted(tz for tz in zoneinfo.available_timezones() if "/" in tz or tz == "UTC")


class Profile(models.Model):
    """What matching and the council need to know about a seeker."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=80)
    timezone = models.CharField(_("timezone"), max_length=64, default="UTC")
    seeker_type = models.CharField(_("seeker type"), max_length=8, choices=SeekerType.choices)
    seniority = models.PositiveSmallIntegerField(
        _("seniority"),
        choices=Seniority.choices,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    function = models.CharField(_("function"), max_length=80)
    industry = models.CharField(_("industry"), max_length=80)
    location = models.CharField(_("location"), max_length=120, blank=True)
    linkedin_url = models.URLField(_("LinkedIn profile"), blank=True)
    volunteers_to_moderate = models.BooleanField(_("I volunteer to moderate"), default=False)
    # Weekly windows in the engine's format ("mon 18:00-21:00"), in the profile's local time.
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    orientation_completed_at = models.DateTimeField(null=True, blank=True)
    moderator_training_completed_at = models.DateTimeField(null=True, blank=True)
    moderator_approved_at = models.DateTimeField(null=True, blank=True)
    moderator_approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderator_declined_at = models.DateTimeField(null=True, blank=True)
    moderator_declined_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What staff wrote with their decision; the volunteer reads it in the email.
    moderator_decision_note = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    # What the seeker edits on their profile page (the rest is set by the journey or staff).
    EDITABLE_FIELDS = [
        "display_name",
        "timezone",
        "seeker_type",
        "seniority",
        "function",
        "industry",
        "location",
        "linkedin_url",
        "volunteers_to_moderate",
    ]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seniority__gte=1, seniority__lte=6),
                name="profile_seniority_1_to_6",
            ),
            models.CheckConstraint(
                condition=models.Q(seeker_type__in=["fast", "slow"]),
                name="profile_seeker_type_known",
            ),
        ]
        indexes = [
            # The dashboard's "moderators to approve" counts these few, not every profile.
            models.Index(
                fields=["moderator_training_completed_at"],
                condition=models.Q(
                    moderator_training_completed_at__isnull=False,
                    moderator_approved_at__isnull=True,
                ),
                name="profile_awaiting_approval",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return viewer_zone(self.timezone)

    @property
    def staff_label(self) -> str:
        """How staff views name a person: display names repeat, so add the timezone, the
        function and a short id ("Maya S. · Europe/Berlin · Product · #a3f")."""
        return f"{self.display_name} · {self.timezone} · {self.function_label} · #{self.user_id:x}"

    @property
    def function_label(self) -> str:
        return str(dict(FUNCTIONS).get(self.function, self.function))

    @property
    def industry_label(self) -> str:
        return str(dict(INDUSTRIES).get(self.industry, self.industry))

    @property
    def has_availability(self) -> bool:
        return bool(self.availability)

    @property
    def is_approved_moderator(self) -> bool:
        return self.moderator_approved_at is not None

    @property
    def is_declined_moderator(self) -> bool:
        """Declined since they last finished the moderator training."""
        return (
            self.moderator_approved_at is None
            and self.moderator_declined_at is not None
            and self.moderator_training_completed_at is not None
            and self.moderator_declined_at >= self.moderator_training_completed_at
        )

    @property
    def needs_moderator_training(self) -> bool:
        return self.volunteers_to_moderate and self.moderator_training_completed_at is None

    def complete_orientation(self) -> None:
        self.orientation_completed_at = timezone.now()
        self.save(update_fields=["orientation_completed_at", "updated_at"])

    def complete_moderator_training(self) -> None:
        self.moderator_training_completed_at = timezone.now()
        self.save(update_fields=["moderator_training_completed_at", "updated_at"])


class ModeratorInvitation(models.Model):
    """An invitation to train as a moderator: sent to a member after their third council
    meeting and to an alumnus after they land. "I'm interested" accepts it and starts the
    training; the programme dashboard counts invitations, acceptances and trainings done."""

    class Reason(models.TextChoices):
        ATTENDED = "attended", _("Came to three council meetings")
        LANDED = "landed", _("Landed a job")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="moderator_invitations")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    invited_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reason"], name="one_moderator_invitation_per_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.reason}"
