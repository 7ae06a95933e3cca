"""Forms on the council page: leaving, landing, handing over, the council's settings."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jobcouncil.councils.models import Council, Landing, Membership
from jobcouncil.councils.services import LANDING_START_WITHIN, handover_candidates


class LeaveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Would you like to tell us why? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    back_to_pool = forms.BooleanField(
        label=gettext_lazy("Put me back in the matching pool for a new council"), required=False
    )


class LandingForm(forms.ModelForm):
    class Meta:
        model = Landing
        fields = [
            "role",
            "company",
            "start_date",
            "asked_for_more_money",
            "got_more_money",
            "wants_alumni_group",
        ]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}

    def clean_start_date(self) -> dt.date:
        start = self.cleaned_data["start_date"]
        if abs(start - timezone.localdate()) > LANDING_START_WITHIN:
            raise forms.ValidationError(gettext_lazy("Choose a date within a year of today."))
        return start

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("got_more_money") and not data.get("asked_for_more_money"):
            self.add_error("got_more_money", gettext_lazy("Tick “I asked for more money” first."))
        return data


class MemberChoiceField(forms.ModelChoiceField):
    """Members by the name they show the council."""

    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.profile.display_name


class HandoverForm(forms.Form):
    to = MemberChoiceField(label=gettext_lazy("Hand over to"), queryset=Membership.objects.none())

    def __init__(self, *args: Any, council: Council, exclude: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(MemberChoiceField, self.fields["to"]).queryset = handover_candidates(council, exclude)


class CouncilSettingsForm(forms.ModelForm):
    video_url = forms.URLField(
        label=gettext_lazy("Video meeting link"),
        assume_scheme="https",
        max_length=500,
        help_text=gettext_lazy("By default a private Jitsi Meet room; any link works."),
    )

    class Meta:
        model = Council
        fields = ["video_url", "charter"]
        labels = {"charter": gettext_lazy("Council charter")}
        widgets = {"charter": forms.Textarea(attrs={"rows": 8})}
