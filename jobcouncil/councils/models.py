"""A council, its members, its recurring meetings and everything said and promised in them."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from jobcouncil.councils.exercises import EXERCISE_CHOICES
from jobcouncil.lib.dates import WEEKDAYS_PLURAL, shifted
from jobcouncil.lib.tokens import new_secret

# A member who came to this many meetings, and has not volunteered, is asked to moderate.
INVITE_AFTER_MEETINGS = 3

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


def first_meeting_notice() -> dt.timedelta:
    """How long before a meeting someone must have joined to be expected at it."""
    return dt.timedelta(hours=settings.FIRST_MEETING_NOTICE_HOURS)


class Council(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    name = models.CharField(max_length=80)
    seeker_type = models.CharField(max_length=8, choices=[("fast", "fast"), ("slow", "slow")])
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    # The schedule lives in one timezone (the first moderator's) so that "Tuesdays at 19:00"
    # stays 19:00 there across daylight-saving changes; each viewer sees it converted.
    schedule_timezone = models.CharField(max_length=64)
    # [{"weekday": 0-6, "time": "HH:MM"}]; fast councils have two, slow councils one.
    meeting_times = models.JSONField(default=list)
    starts_on = models.DateField(help_text=_("The Monday of the council's first week."))
    meeting_minutes = models.PositiveSmallIntegerField(default=60)
    video_url = models.URLField(max_length=500)
    charter = models.TextField(blank=True)
    fit = models.FloatField(default=0.0)
    # The matching round that formed it (rounds.MatchingRound), kept by id: rounds sit above
    # councils, so a council does not point into them (rounds clear it if a round is deleted).
    matching_round_id = models.BigIntegerField(null=True, blank=True, db_index=True, editable=False)
    at_risk_since = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set when the moderator left with no backup to take over: staff are alerted.
    needs_moderator_since = models.DateTimeField(null=True, blank=True, db_index=True)
    # A short line every member sees on the council page (a new moderator, a landing).
    announcement = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "seeker_type"]),
            # The dashboard's two lists, in their order, and their counts from the index alone.
            models.Index(
                fields=["at_risk_since", "id"],
                condition=models.Q(status="active", at_risk_since__isnull=False),
                name="council_active_at_risk",
            ),
            models.Index(
                fields=["needs_moderator_since", "id"],
                condition=models.Q(status="active", needs_moderator_since__isnull=False),
                name="council_active_no_moderator",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.schedule_timezone)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def active_memberships(self) -> models.QuerySet[Membership]:
        return self.memberships.filter(status=Membership.Status.ACTIVE)

    @property
    def is_fast(self) -> bool:
        return self.seeker_type == "fast"

    @property
    def every_weeks(self) -> int:
        return 1 if self.is_fast else 2

    def weekly_pattern(self, tz: dt.tzinfo | str, *, on: dt.date | None = None) -> str:
        """The schedule as one sentence in the viewer's timezone, e.g. "twice a week: Mondays
        at 18:00 and Thursdays at 18:00". Built from meeting_times, not from the coming
        meetings (one may be moved), and converted in the week of `on` (today by default) so
        it is right across daylight-saving changes."""
        tz = zoneinfo.ZoneInfo(tz) if isinstance(tz, str) else tz
        on = on or timezone.now().astimezone(self.tzinfo).date()
        monday = on - dt.timedelta(days=on.weekday())
        slots = set()
        for slot in self.meeting_times:
            day = monday + dt.timedelta(days=slot["weekday"])
            there = self.slot_on(slot, day).astimezone(tz)
            slots.add((there.weekday(), there.strftime("%H:%M")))
        times = [
            gettext("%(days)s at %(time)s") % {"days": WEEKDAYS_PLURAL[day], "time": time}
            for day, time in sorted(slots)
        ]
        if self.every_weeks == 2:
            frequency = gettext("every two weeks")
        elif len(times) == 2:
            frequency = gettext("twice a week")
        else:
            frequency = ngettext("once a week", "%(count)d times a week", len(times)) % {
                "count": len(times)
            }
        return gettext("%(frequency)s: %(times)s") % {
            "frequency": frequency,
            "times": get_text_list(times, gettext("and")),
        }

    def slot_on(self, slot: dict, day: dt.date) -> dt.datetime:
        """A weekly meeting time ({"weekday", "time"}) on a given date, in the schedule's zone."""
        hour, minute = (int(x) for x in slot["time"].split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tzinfo)

    def occurrences(self, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        """Meeting starts (UTC) in [start, end), built in the schedule's own timezone."""
        tz = self.tzinfo
        result = []
        day = max(self.starts_on, start.astimezone(tz).date() - dt.timedelta(days=1))
        last = end.astimezone(tz).date() + dt.timedelta(days=1)
        while day <= last:
            week_index = (day - self.starts_on).days // 7
            if week_index % self.every_weeks == 0:
                for slot in self.meeting_times:
                    if slot["weekday"] == day.weekday():
                        utc = self.slot_on(slot, day).astimezone(dt.UTC)
                        if start <= utc < end:
                            result.append(utc)
            day += dt.timedelta(days=1)
        return sorted(result)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        BACKUP = "backup", _("Backup moderator")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")
        LANDED = "landed", _("Landed (alumnus)")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    left_reason = models.CharField(max_length=500, blank=True)
    charter_accepted_at = models.DateTimeField(null=True, blank=True)
    invited_to_moderate_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            # The invariant that makes double placement impossible, whatever the code does.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="active"),
                name="one_active_council_per_person",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(status="active", role="moderator"),
                name="one_moderator_per_council",
            ),
            # Two members volunteering at the same moment made two backups.
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(status="active", role="backup"),
                name="one_backup_per_council",
            ),
            # What an alumnus may read ends when they left (councils/access.py).
            models.CheckConstraint(
                condition=models.Q(status="active") | models.Q(left_at__isnull=False),
                name="membership_ended_has_left_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.council}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == self.Role.MODERATOR

    @property
    def is_backup(self) -> bool:
        return self.is_active and self.role == self.Role.BACKUP

    @property
    def is_landed(self) -> bool:
        return self.status == self.Status.LANDED

    @property
    def needs_charter(self) -> bool:
        """An active member who has not yet accepted the council's charter."""
        return self.is_active and self.charter_accepted_at is None

    def charter_accept(self, *, now: dt.datetime | None = None) -> bool:
        """Accept the charter, once (a second click changes nothing); True the first time."""
        return bool(
            Membership.objects.filter(pk=self.pk, charter_accepted_at__isnull=True).update(
                charter_accepted_at=now or timezone.now()
            )
        )

    def invite_to_moderate(self, *, attended: int) -> bool:
        """After INVITE_AFTER_MEETINGS meetings attended, a member who has not volunteered is
        invited to moderate (the council page asks them)."""
        return (
            self.is_active
            and not self.user.profile.volunteers_to_moderate
            and attended >= INVITE_AFTER_MEETINGS
        )

    def can_be_backup(self, *, council_has_backup: bool) -> bool:
        """A plain member may volunteer as backup while the council has none."""
        return self.is_active and self.role == self.Role.MEMBER and not council_has_backup

    def first_meeting(self) -> Meeting | None:
        """The first meeting this member is expected at: the council's first one at least
        FIRST_MEETING_NOTICE_HOURS after they joined (for founders, the council's first)."""
        return (
            Meeting.objects.filter(
                council_id=self.council_id, starts_at__gte=self.joined_at + first_meeting_notice()
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("starts_at")
            .first()
        )


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        CLOSED = "closed", _("Closed")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    # The occurrence in the schedule this meeting stands for; a move changes starts_at only.
    scheduled_for = models.DateTimeField()
    starts_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    exercise = models.CharField(max_length=40, choices=EXERCISE_CHOICES, blank=True)
    exercise_skipped = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every write to the meeting and every change of its council's members, so the
    # live page's poll answers "nothing changed" from this one column (councils/meeting_page.py).
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "scheduled_for"], name="one_meeting_per_occurrence"
            )
        ]
        indexes = [models.Index(fields=["council", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.council} · {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @classmethod
    def touch_open(cls, council_id: int) -> int:
        """Tell the live pages of the council's open meetings that their people changed."""
        return cls.objects.filter(council_id=council_id, status=cls.Status.SCHEDULED).update(
            version=models.F("version") + 1
        )

    @property
    def ends_at(self) -> dt.datetime:
        return shifted(self.starts_at, dt.timedelta(minutes=self.council.meeting_minutes))

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def following(self) -> Meeting | None:
        """The council's next scheduled meeting after this one."""
        return (
            Meeting.objects.filter(
                council_id=self.council_id,
                starts_at__gt=self.starts_at,
                status=self.Status.SCHEDULED,
            )
            .order_by("starts_at")
            .first()
        )

    @property
    def is_moved(self) -> bool:
        return self.starts_at != self.scheduled_for

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.starts_at


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    # Who came to the meeting, on time or late: the one definition, for every count of it.
    CAME = (Status.PRESENT, Status.LATE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices)
    # True when the member said "can't make it" ahead of time.
    sent_apologies = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_person")
        ]

    @property
    def came_to_meeting(self) -> bool:
        return self.status in self.CAME


class AttendanceWeek(models.Model):
    """Attendance of the meetings closed in one week (Monday UTC), added up when each closes,
    so the dashboard's rate reads four rows instead of every attendance record."""

    week = models.DateField(unique=True)
    meetings = models.PositiveIntegerField(default=0)
    recorded = models.PositiveIntegerField(default=0)
    came = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Week of {self.week}: {self.came}/{self.recorded}"


class CheckIn(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checkins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    pulse = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    line = models.CharField(max_length=280, blank=True)
    checkout_word = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_checkin_per_person"),
            models.CheckConstraint(
                condition=models.Q(pulse__isnull=True) | models.Q(pulse__gte=1, pulse__lte=10),
                name="checkin_pulse_1_to_10",
            ),
        ]


class Commitment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")
        DROPPED = "dropped", _("Dropped")
        # Closed when the member landed or left: kept in the record, never up for review.
        LEFT = "left", _("Left the council")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="commitments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments"
    )
    made_at = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="commitments_made")
    text = models.CharField(max_length=300)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reviewed_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments_reviewed",
    )

    class Meta:
        ordering = ["due_at", "id"]


class Ask(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="asks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    helpers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Landing(models.Model):
    """ "I landed!": the outcome the programme exists for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="landings"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="landings")
    role = models.CharField(_("role"), max_length=120)
    company = models.CharField(_("company"), max_length=120)
    start_date = models.DateField(_("start date"))
    asked_for_more_money = models.BooleanField(_("I asked for more money"), default=False)
    got_more_money = models.BooleanField(_("and I got more"), default=False)
    wants_alumni_group = models.BooleanField(
        _("Put me in a first-90-days alumni group"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)


class CalendarFeed(models.Model):
    """A member's secret calendar link: the token is shown once and stored hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user: User) -> tuple[CalendarFeed, str]:
        """A new link for the person; any older one stops working."""
        cls.revoke_for(user)
        token, hashed = new_secret()
        return cls.objects.create(user=user, token_hash=hashed), token

    @classmethod
    def revoke_for(cls, user: User) -> int:
        """End the person's calendar link: calendar programs get nothing from it any more."""
        return cls.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )

    @classmethod
    def active_for(cls, user: User) -> CalendarFeed | None:
        return cls.objects.filter(user=user, revoked_at__isnull=True).first()
