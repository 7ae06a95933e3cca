"""The workbook's forms: short fields, errors next to each."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcouncil.lib.fields import IdsChoiceField
from jobcouncil.workbook.models import (
    Comment,
    Contact,
    FitStatement,
    TourConversation,
    TwoPagerItem,
    UpdateNote,
    WorkbookSettings,
)


class TwoPagerItemForm(forms.ModelForm):
    class Meta:
        model = TwoPagerItem
        fields = ["side", "topic", "text", "why"]
        labels = {"side": _("Want or don't want"), "topic": _("Topic")}
        widgets = {"side": forms.RadioSelect}


class GuideAnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer, in a few words"), max_length=200, required=False)
    why = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.data.get("action") != "skip" and not (data.get("text") or "").strip():
            self.add_error("text", _("Write a few words, or choose “Skip this question”."))
        return data


class LessonsField(IdsChoiceField):
    """The listening tour's lessons, each shown with whom it came from."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.contact.name}: {obj.learned}"


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
        field_classes = {"lessons": LessonsField}
        widgets = {
            "lessons": forms.CheckboxSelectMultiple,
            "linkedin_text": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(LessonsField, self.fields["lessons"]).queryset = (
            TourConversation.objects.filter(owner=self.instance.owner)
            .exclude(learned="")
            .select_related("contact")
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "company", "position"]


class ContactImportForm(forms.Form):
    file = forms.FileField(
        label=_("Your contacts file (CSV)"),
        help_text=_(
            "LinkedIn: Settings, Data privacy, Get a copy of your data, Connections; then "
            "upload Connections.csv as it is. Or any CSV with a Name column (and Email, "
            "Company, Position if you have them)."
        ),
    )


QUESTION_CHOICES = [
    ("strengths", _("What are my strengths? What do you see me as a fit for?")),
    ("golden", _("If you were in my shoes, how would you approach this?")),
    ("reverse-exit", _("Looking back, what did I do best when we worked together, and what less?")),
    ("fit-advice", _("Where do people with my background fit best in the market right now?")),
    ("who-else", _("Who else should I talk to?")),
]
# What to ask, by how they know them: a recruiter is asked for advice on fit, never a job.
SUGGESTED = {
    "colleague": ["reverse-exit", "strengths", "golden", "who-else"],
    "friend": ["strengths", "golden", "who-else"],
    "recruiter": ["fit-advice", "golden", "who-else"],
    "other": ["golden", "strengths", "who-else"],
}


class ConversationForm(forms.ModelForm):
    contact = forms.ModelChoiceField(
        label=_("Who"), queryset=Contact.objects.none(), required=False,
        help_text=_("Choose someone from your contacts, or type a new name below."),
    )  # fmt: skip
    new_name = forms.CharField(label=_("Or a new person's name"), max_length=200, required=False)
    new_company = forms.CharField(label=_("Their company"), max_length=200, required=False)
    new_position = forms.CharField(label=_("Their role"), max_length=200, required=False)
    questions = forms.MultipleChoiceField(
        label=_("Questions to ask"),
        choices=QUESTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TourConversation
        fields = [
            "relation", "questions", "planned_on", "held_on", "notes", "learned",
            "thank_you_sent", "follow_up_on",
        ]  # fmt: skip
        widgets = {
            "planned_on": forms.DateInput(attrs={"type": "date"}),
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "notes": _("Markdown works: *emphasis*, lists, links."),
            "learned": _("One line: it can feed your fit statement."),
        }

    def __init__(self, *args: Any, owner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = cast(forms.ModelChoiceField, self.fields["contact"])
        contact.queryset = Contact.objects.filter(owner=owner)
        if self.instance.pk:
            contact.initial = self.instance.contact_id

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("contact") and not (data.get("new_name") or "").strip():
            self.add_error("contact", _("Choose someone, or type a new person's name."))
        for name in ("planned_on", "held_on", "follow_up_on"):
            day = data.get(name)
            latest = timezone.localdate() + dt.timedelta(days=730)  # in the viewer's zone
            if day and not (dt.date(2000, 1, 1) <= day <= latest):
                self.add_error(name, _("Choose a date within the next two years."))
        return data


class UpdateNoteForm(forms.ModelForm):
    class Meta:
        model = UpdateNote
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": _("Plain text: it goes into your own email program as it is.")}


class RecipientsForm(forms.Form):
    contacts = IdsChoiceField(
        label=_("Who gets it"),
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person.")},
    )

    def __init__(self, *args: Any, owner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contacts = cast(IdsChoiceField, self.fields["contacts"])
        contacts.queryset = Contact.objects.filter(owner=owner).exclude(email="")


class CadenceForm(forms.ModelForm):
    class Meta:
        model = WorkbookSettings
        fields = ["update_note_every_weeks"]
