"""The small forms of the live meeting page; dates and times are in the viewer's timezone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcouncil.councils import exercises
from jobcouncil.councils.meetings import COMMITMENT_DAYS_AHEAD, MOVE_DAYS_AHEAD
from jobcouncil.councils.models import Attendance, Commitment


class MeetingForm(forms.Form):
    """The page holds several small forms at once, so each gets its own id prefix."""

    id_prefix = "meeting"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class CheckInForm(MeetingForm):
    id_prefix = "checkin"
    pulse = forms.IntegerField(
        label=_("Pulse, from 1 (rough) to 10 (great)"),
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    line = forms.CharField(
        label=_("One line on how you are"), max_length=280, required=False, strip=True
    )


class CheckoutForm(MeetingForm):
    id_prefix = "checkout"
    word = forms.CharField(label=_("Your word to close"), max_length=40, strip=True)

    def clean_word(self) -> str:
        word = self.cleaned_data["word"]
        if len(word.split()) > 3:
            raise forms.ValidationError(_("Just a word or two."))
        return word


class ReviewForm(MeetingForm):
    id_prefix = "review"
    status = forms.ChoiceField(
        choices=[
            (Commitment.Status.DONE, _("Done")),
            (Commitment.Status.NOT_DONE, _("Not done")),
            (Commitment.Status.DROPPED, _("Dropped")),
        ]
    )


class AskForm(MeetingForm):
    id_prefix = "ask"
    text = forms.CharField(
        label=_("What would you like help with?"),
        max_length=500,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what you would like help with.")},
    )


class CommitmentForm(MeetingForm):
    id_prefix = "commitment"
    text = forms.CharField(
        label=_("What will you do?"),
        max_length=300,
        strip=True,
        error_messages={"required": _("Say what you will do.")},
    )
    due = forms.DateField(label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, default_due_at: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A due date becomes that day at the time the council next meets, in the viewer's
        # timezone, so the default date means "by our next meeting".
        self.default_due_at = timezone.localtime(default_due_at)
        self.fields["due"].initial = self.default_due_at.date()

    def clean_due(self) -> dt.date:
        due = self.cleaned_data["due"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        if due > timezone.localdate() + dt.timedelta(days=COMMITMENT_DAYS_AHEAD):
            raise forms.ValidationError(_("Choose a due date within the next six months."))
        return due

    @property
    def due_at(self) -> dt.datetime:
        due = self.cleaned_data["due"]
        if due == self.default_due_at.date():
            return self.default_due_at
        at = dt.datetime.combine(due, self.default_due_at.time(), tzinfo=self.default_due_at.tzinfo)
        if at <= timezone.now():  # later today, not a moment already gone
            at = dt.datetime.combine(due, dt.time(23, 59), tzinfo=self.default_due_at.tzinfo)
        return at


class AttendanceForm(MeetingForm):
    """One select per active member, named by user id."""

    id_prefix = "attendance"

    def __init__(self, *args: Any, members: list, current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Not marked yet")), *Attendance.Status.choices]
        for member in members:
            label = member.name
            if member.attendance and member.attendance.sent_apologies:
                label = _("%(name)s (sent apologies)") % {"name": member.name}
            self.fields[f"user_{member.user_id}"] = forms.ChoiceField(
                label=label, choices=choices, required=False
            )
            self.initial[f"user_{member.user_id}"] = current.get(member.user_id, "")

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("user_")): value
            for name, value in self.cleaned_data.items()
            if value
        }


class ExerciseForm(MeetingForm):
    id_prefix = "exercise"
    exercise = forms.ChoiceField(
        label=_("Exercise"),
        choices=[("", _("The suggested one")), *exercises.EXERCISE_CHOICES],
        required=False,
    )


class MoveForm(MeetingForm):
    id_prefix = "move"
    date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("New time"), widget=forms.TimeInput(attrs={"type": "time"}))

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate() + dt.timedelta(days=MOVE_DAYS_AHEAD):
            raise forms.ValidationError(_("Choose a date within the next eight weeks."))
        # Before today is in the past anyway; and 1 January of year 1 east of Greenwich is
        # the last day of year 0 in UTC, which Python cannot hold (found by fuzzing).
        if date < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."))
        return date

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("date") and data.get("time"):
            starts_at = dt.datetime.combine(
                data["date"], data["time"], tzinfo=timezone.get_current_timezone()
            )
            # A clock change skips an hour: a time in it does not exist and would silently
            # shift by an hour. Ask for another instead.
            round_trip = starts_at.astimezone(dt.UTC).astimezone(starts_at.tzinfo)
            if round_trip.replace(tzinfo=None) != starts_at.replace(tzinfo=None):
                self.add_error(
                    "time",
                    _(
                        "The clocks change that night, so this time does not exist. Please pick "
                        "another."
                    ),
                )
                return data
            if starts_at <= timezone.now():
                raise forms.ValidationError(_("Choose a time in the future."))
            data["starts_at"] = starts_at
        return data
