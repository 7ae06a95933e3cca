"""Forms on the staff's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

NOTE_MAX = 1000


class ApproveModeratorForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("A note for the volunteer (optional)"),
        help_text=gettext_lazy("It goes in the email that tells them they are approved."),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineModeratorForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why, in a few kind words"),
        help_text=gettext_lazy("It goes in the email that tells them, so write it to them."),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Please tell the volunteer why.")},
    )
