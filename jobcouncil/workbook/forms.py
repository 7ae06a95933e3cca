"""The workbook's forms: short fields, errors next to each."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcouncil.workbook.models import Comment, FitStatement, TourConversation, TwoPagerItem


class TwoPagerItemForm(forms.ModelForm):
    class Meta:
        model = TwoPagerItem
        fields = ["side", "topic", "text", "why"]
        labels = {"side": _("Want or don't want"), "topic": _("Topic")}
        widgets = {"side": forms.RadioSelect}


class GuideAnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer, in a few words"), max_length=200, required=False)
    why = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if self.data.get("action") != "skip" and not (data.get("text") or "").strip():
            self.add_error("text", _("Write a few words, or choose “Skip this question”."))
        return data


class FitStatementForm(forms.ModelForm):
    class Meta:
        model = FitStatement
        fields = [
            "role",
            "company_stage",
            "industry",
            "location_culture",
            "linkedin_text",
            "lessons",
        ]
        help_texts = {
            "role": _("For example: Director of Product"),
            "company_stage": _("For example: Series B start-up, or a large public company"),
            "industry": _("For example: healthcare"),
            "location_culture": _("For example: San Francisco, or remote-first and calm"),
            "linkedin_text": _("Edit it as you like before you copy it."),
        }
        labels = {"lessons": _("Lessons from your listening tour that shaped it")}
        widgets = {
            "lessons": forms.CheckboxSelectMultiple,
            "linkedin_text": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = (
            TourConversation.objects.filter(owner=self.instance.owner)
            .exclude(learned="")
            .select_related("contact")
        )
        self.fields["lessons"].label_from_instance = lambda c: f"{c.contact.name}: {c.learned}"

    def clean(self):
        data = super().clean()
        parts = [data.get(name, "").strip() for name in FitStatement.ATTRIBUTES]
        if sum(bool(p) for p in parts) < 2 and not self.errors:
            self.add_error(
                "role", _("Fill at least two of the four: a fit needs a role and one more thing.")
            )
        return data


class CommentForm(forms.ModelForm):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        help_texts = {"body": _("Be specific and kind. Markdown works: *emphasis*, lists, links.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
