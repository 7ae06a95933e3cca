"""Forms for the search itself: targets, interviews, debriefs, the gratitude house, the inner
critic. Short fields, errors next to each, times in the seeker's own timezone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcouncil.workbook.models import (
    Debrief,
    GratitudeEntry,
    InnerCritic,
    Interview,
    Opportunity,
    Stage,
)
from jobcouncil.workbook.opportunities import ATTRIBUTE_LABELS

# Interviews are logged after the fact too (the activity log proves the search): a year back,
# a year ahead.
INTERVIEW_RANGE = dt.timedelta(days=366)


class OpportunityForm(forms.ModelForm):
    fit_matches = forms.MultipleChoiceField(
        label=_("Which parts of your fit statement does it match?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )

    class Meta:
        model = Opportunity
        fields = ["company", "role", "link", "applied_on", "notes"]
        labels = {"company": _("Company"), "role": _("Role")}
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "role": _("For example: Director of Product"),
            "applied_on": _("If you sent an application: it goes in your activity log."),
            "notes": _("Markdown works: *emphasis*, lists, links."),
        }

    def __init__(self, *args: Any, attributes: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["fit_matches"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (name, f"{ATTRIBUTE_LABELS[name]}: {value}") for name, value in attributes.items()
        ]
        if not attributes:
            del self.fields["fit_matches"]
        elif self.instance.pk and isinstance(self.instance.fit_matches, dict):
            field.initial = [
                k for k, v in self.instance.fit_matches.items() if attributes.get(k) == v
            ]

    def clean_applied_on(self) -> dt.date | None:
        day = self.cleaned_data.get("applied_on")
        if day and not (dt.date(2000, 1, 1) <= day <= timezone.localdate()):
            raise forms.ValidationError(_("Choose a day from the past or today."))
        return day


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)


class InterviewForm(forms.ModelForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    class Meta:
        model = Interview
        fields = ["minutes", "with_whom", "place", "preparation"]
        widgets = {"preparation": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "with_whom": _("Names and roles, for example: Ana Lima, hiring manager"),
            "preparation": _(
                "What you want them to know, stories to tell, questions to ask. Markdown works."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].widget.attrs.update({"min": 15, "max": 480})
        zone = timezone.get_current_timezone()
        self.fields["time"].help_text = _("In your timezone: %(zone)s") % {"zone": str(zone)}
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time().replace(second=0, microsecond=0))

    def clean_minutes(self) -> int:
        minutes = self.cleaned_data["minutes"]
        if not 15 <= minutes <= 480:
            raise forms.ValidationError(_("Between 15 minutes and 8 hours."))
        return minutes

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        today = timezone.localdate()
        if not (today - INTERVIEW_RANGE <= day <= today + INTERVIEW_RANGE):
            raise forms.ValidationError(_("Choose a date within a year of today."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("time"):
            local = dt.datetime.combine(
                data["date"], data["time"], tzinfo=timezone.get_current_timezone()
            )
            # A clock change skips an hour: a time in it does not exist (it would silently
            # move by an hour), so ask for another.
            round_trip = local.astimezone(dt.UTC).astimezone(local.tzinfo)
            if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
                self.add_error(
                    "time",
                    _(
                        "The clocks change that night, so this time does not exist. "
                        "Please pick another."
                    ),
                )
            else:
                data["starts_at"] = local
        return data


class DebriefForm(forms.ModelForm):
    class Meta:
        model = Debrief
        fields = [
            "how_it_went",
            "asked",
            "landed",
            "change",
            "critic_says",
            "what_is_true",
            "share_critic",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["how_it_went", "asked", "landed", "change", "critic_says", "what_is_true"]
        }
        help_texts = {
            "critic_says": _(
                "Write it down as it sounds. Seeing it on the page takes its edge off."
            ),
            "what_is_true": _("The facts, as a good friend would tell them to you."),
            "share_critic": _("Left unticked, these two stay yours alone even when you share."),
        }


class ShareWithForm(forms.Form):
    """Share a debrief with the whole council, or with one member of it."""

    member = forms.TypedChoiceField(
        label=_("Who reads it"), coerce=int, required=False, empty_value=None, choices=[]
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("My whole council")), *members]


class InnerCriticForm(forms.ModelForm):
    class Meta:
        model = InnerCritic
        fields = ["name", "says", "true_instead"]
        widgets = {
            "says": forms.Textarea(attrs={"rows": 4}),
            "true_instead": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "name": _("A name makes it a visitor rather than your own voice. Some say “Gerald”."),
            "says": _("For example: “You are too old for this; they want someone younger.”"),
            "true_instead": _("For example: “They invited me because my experience fits.”"),
        }


class GratitudeForm(forms.ModelForm):
    class Meta:
        model = GratitudeEntry
        fields = ["name", "how"]
        widgets = {"how": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"how": _("An introduction, advice, a kind word at the right moment.")}


class CompaniesOptInForm(forms.Form):
    share = forms.BooleanField(
        label=_("Let my council see which companies my contacts work at"), required=False
    )
