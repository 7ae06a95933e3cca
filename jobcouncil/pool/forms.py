"""The seeker's own pool entry: pause and a note for the matching team."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from jobcouncil.pool.models import PoolEntry


class PoolEntryForm(forms.ModelForm):
    paused = forms.BooleanField(
        label=gettext_lazy("Pause my place: don't match me for now"),
        required=False,
        help_text=gettext_lazy("You keep your place in the queue while paused."),
    )

    class Meta:
        model = PoolEntry
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
