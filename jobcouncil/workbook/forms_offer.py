"""Forms for an opportunity near its end: the Job Mission with OKRs, and negotiating the offer."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcouncil.workbook.models import Negotiation
from jobcouncil.workbook.offer import NEGOTIATION_FIELDS

MAX_OBJECTIVES = 4
MIN_OBJECTIVES = 2
KEY_RESULTS_EACH = 3
# Limits that keep the PDF to two pages, every field at its longest (tested).
MISSION_MAX = 800
OBJECTIVE_MAX = 150
KEY_RESULT_MAX = 160
QUESTIONS_MAX = 1000
# Measurable: a number, a percentage or a date has a digit in it (in any script's digits).
MEASURABLE = re.compile(r"\d")


def objective_field(i: int) -> str:
    return f"objective_{i}"


def key_result_field(i: int, j: int) -> str:
    return f"kr_{i}_{j}"


class JobMissionForm(forms.Form):
    """The mission, two to four objectives with up to three measurable key results each, and
    the questions for the hiring manager. Stored as the mission's JSON `objectives`."""

    name_on_page = forms.CharField(
        label=_("Your name, as it should appear on the page"), max_length=120
    )
    mission = forms.CharField(
        label=_("The job's mission, in your own words"),
        help_text=_("Two or three sentences: why this role exists and what changes because of it."),
        max_length=MISSION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    questions = forms.CharField(
        label=_("Questions for the hiring manager"),
        help_text=_("One a line: what you would need to know to do this job well."),
        max_length=QUESTIONS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_OBJECTIVES + 1):
            self.fields[objective_field(i)] = forms.CharField(
                label=_("Objective %(n)s") % {"n": i},
                required=False,
                max_length=OBJECTIVE_MAX,
                help_text=_("What you will achieve, in a few words.") if i == 1 else "",
            )
            for j in range(1, KEY_RESULTS_EACH + 1):
                self.fields[key_result_field(i, j)] = forms.CharField(
                    label=_("Key result %(i)s.%(j)s") % {"i": i, "j": j},
                    required=False,
                    max_length=KEY_RESULT_MAX,
                    help_text=_("Measurable: “3 enterprise customers live by day 90”.")
                    if i == 1 and j == 1
                    else "",
                )

    @classmethod
    def initial_from(cls, objectives: list[dict]) -> dict[str, str]:
        initial = {}
        for i, objective in enumerate(objectives[:MAX_OBJECTIVES], start=1):
            initial[objective_field(i)] = objective.get("objective", "")
            for j, result in enumerate(objective.get("key_results", [])[:KEY_RESULTS_EACH], 1):
                initial[key_result_field(i, j)] = result
        return initial

    def objective_groups(self) -> list[tuple[int, forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                i,
                self[objective_field(i)],
                [self[key_result_field(i, j)] for j in range(1, KEY_RESULTS_EACH + 1)],
            )
            for i in range(1, MAX_OBJECTIVES + 1)
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        objectives = []
        for i in range(1, MAX_OBJECTIVES + 1):
            name = objective_field(i)
            text = (data.get(name) or "").strip()
            results = []
            for j in range(1, KEY_RESULTS_EACH + 1):
                field = key_result_field(i, j)
                result = (data.get(field) or "").strip()
                if not result:
                    continue
                if not MEASURABLE.search(result):
                    self.add_error(
                        field,
                        _("Make it measurable: add a number, a percentage or a date."),
                    )
                results.append(result)
            if text and not results and name not in self.errors:
                self.add_error(
                    key_result_field(i, 1),
                    _("Add at least one key result: how will you both know it is done?"),
                )
            elif results and not text and name not in self.errors:
                self.add_error(name, _("Name the objective these key results are for."))
            if text:
                objectives.append({"objective": text, "key_results": results})
        if len(objectives) < MIN_OBJECTIVES and not self.errors:
            self.add_error(
                objective_field(len(objectives) + 1),
                _("Write at least two objectives: one is a task, two or more are a job."),
            )
        data["objectives"] = objectives
        return data


class NegotiationForm(forms.ModelForm):
    """The offer's numbers, the ask, what the role needs, and what came of it."""

    class Meta:
        model = Negotiation
        fields = list(NEGOTIATION_FIELDS)
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "ask_script": forms.Textarea(attrs={"rows": 5}),
            "budget_why": forms.Textarea(attrs={"rows": 2}),
            "training_why": forms.Textarea(attrs={"rows": 2}),
            "hires_why": forms.Textarea(attrs={"rows": 2}),
            "tools_why": forms.Textarea(attrs={"rows": 2}),
            "got_also": forms.Textarea(attrs={"rows": 2}),
        }

    NEEDS = ("budget", "training", "hires", "tools")

    def clean_currency(self) -> str:
        code = self.cleaned_data["currency"].strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise forms.ValidationError(_("Three letters, like EUR, USD or INR."))
        return code

    def _not_negative(self, name: str) -> Decimal | None:
        value = self.cleaned_data.get(name)
        if value is not None and value < 0:
            raise forms.ValidationError(_("A figure of zero or more."))
        return value

    def clean_base_salary(self) -> Decimal | None:
        return self._not_negative("base_salary")

    def clean_bonus(self) -> Decimal | None:
        return self._not_negative("bonus")

    def clean_ask_base_salary(self) -> Decimal | None:
        return self._not_negative("ask_base_salary")

    def clean_final_base_salary(self) -> Decimal | None:
        return self._not_negative("final_base_salary")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("got_more") and not data.get("asked_for_more"):
            self.add_error("got_more", _("Tick “I asked for more” first."))
        for need in self.NEEDS:
            if data.get(f"{need}_what") and not (data.get(f"{need}_why") or "").strip():
                self.add_error(
                    f"{need}_why", _("Say why: it is what makes the ask a collaboration.")
                )
        return data

    def need_groups(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(need, self[f"{need}_what"], self[f"{need}_why"]) for need in self.NEEDS]
