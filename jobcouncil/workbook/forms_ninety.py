"""Forms of the first 90 days: the plan, a check-in against it, and the alumni group's
questions and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcouncil.workbook.models import (
    AlumniAnswer,
    AlumniQuestion,
    NinetyDayCheckIn,
    NinetyDayPlan,
    NinetyDayStage,
)
from jobcouncil.workbook.ninety_days import DAYS

STAGE_FIELDS = {
    "goals": (_("Goals"), _("What you want to have done or learned."), 2000),
    "people": (_("People to meet"), _("Your manager's peers, your team, a customer or two."), 1000),
    "early_wins": (_("Early wins"), _("Something small and visible you can finish."), 1000),
}
# How far from today a first day may be: a year either way, as for a landing.
FIRST_DAY_WITHIN = dt.timedelta(days=366)


def stage_field(day: int, name: str) -> str:
    return f"d{day}_{name}"


class NinetyDayPlanForm(forms.ModelForm):
    """The plan's role, company and first day, and for each milestone its three parts."""

    class Meta:
        model = NinetyDayPlan
        fields = ["role", "company", "starts_on"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, stages: dict[int, NinetyDayStage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day in DAYS:
            stage = stages[day]
            for name, (label, help_text, limit) in STAGE_FIELDS.items():
                self.fields[stage_field(day, name)] = forms.CharField(
                    label=label,
                    help_text=help_text,
                    required=False,
                    max_length=limit,
                    initial=getattr(stage, name),
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def clean_starts_on(self) -> dt.date | None:
        start = self.cleaned_data["starts_on"]
        if start and abs(start - timezone.localdate()) > FIRST_DAY_WITHIN:
            raise forms.ValidationError(_("Choose a date within a year of today."))
        return start

    def stage_groups(self) -> list[tuple[int, str, list[forms.BoundField]]]:
        """For the template: each milestone with its label and its three fields."""
        labels = dict(NinetyDayStage.Day.choices)
        return [
            (day, str(labels[day]), [self[stage_field(day, name)] for name in STAGE_FIELDS])
            for day in DAYS
        ]

    def stage_texts(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {day: {n: data[stage_field(day, n)] for n in STAGE_FIELDS} for day in DAYS}


class NinetyDayCheckInForm(forms.ModelForm):
    class Meta:
        model = NinetyDayCheckIn
        fields = ["day", "feeling", "went_well", "next_steps"]
        widgets = {
            "feeling": forms.RadioSelect,
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }


class AlumniQuestionForm(forms.ModelForm):
    class Meta:
        model = AlumniQuestion
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "body": _("Your group are alumni in similar roles. Only they can read it."),
        }


class AlumniAnswerForm(forms.ModelForm):
    class Meta:
        model = AlumniAnswer
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
