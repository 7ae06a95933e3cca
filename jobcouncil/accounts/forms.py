"""Forms for the profile, the availability grid, orientation and leaving."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlsplit

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcouncil.accounts.availability import WEEK_CELLS, matchability_problem, windows_from_cells
from jobcouncil.accounts.choices import FUNCTIONS, INDUSTRIES, OTHER, SeekerType, Seniority
from jobcouncil.accounts.models import Profile, User, all_timezones


def _curated_or_other(value: str, curated: list) -> tuple[str, str]:
    keys = {key for key, _label in curated}
    return (value, "") if value in keys or not value else (OTHER, value)


def is_linkedin_url(url: str) -> bool:
    """An https address on linkedin.com, read the way a browser reads it.

    Browsers treat a backslash as a slash, so https://evil.example\\@www.linkedin.com/ goes to
    evil.example while Python's parser sees a user name and linkedin.com: refuse backslashes,
    user names, other ports and other schemes outright."""
    if "\\" in url or any(ch.isspace() or not ch.isprintable() for ch in url):
        return False
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return False
    if parts.scheme.lower() != "https" or "@" in parts.netloc or port not in (None, 443):
        return False
    host = (parts.hostname or "").lower()
    return host == "linkedin.com" or host.endswith(".linkedin.com")


class ProfileForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        label=gettext_lazy("Your timezone"),
        help_text=gettext_lazy("Every time you see here is shown in this timezone."),
    )
    seeker_type = forms.ChoiceField(
        label=gettext_lazy("Which kind of council fits you?"),
        choices=SeekerType.choices,
        widget=forms.RadioSelect,
    )
    seniority = forms.TypedChoiceField(
        label=gettext_lazy("Seniority"), choices=Seniority.choices, coerce=int
    )
    function = forms.ChoiceField(
        label=gettext_lazy("Function"),
        choices=[("", "—"), *FUNCTIONS, (OTHER, gettext_lazy("Other (tell us below)"))],
    )
    function_other = forms.CharField(
        label=gettext_lazy("Your function, if other"), required=False, max_length=80
    )
    industry = forms.ChoiceField(
        label=gettext_lazy("Industry"),
        choices=[("", "—"), *INDUSTRIES, (OTHER, gettext_lazy("Other (tell us below)"))],
    )
    linkedin_url = forms.URLField(
        label=gettext_lazy("LinkedIn profile address"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Optional. For example https://www.linkedin.com/in/your-name"),
    )
    industry_other = forms.CharField(
        label=gettext_lazy("Your industry, if other"), required=False, max_length=80
    )

    class Meta:
        model = Profile
        fields = Profile.EDITABLE_FIELDS
        labels = {
            "display_name": gettext_lazy("The name your council will see"),
            "location": gettext_lazy("Where you are (city, country)"),
        }
        help_texts = {
            "location": gettext_lazy("Optional."),
            "volunteers_to_moderate": gettext_lazy(
                "Moderators run their council's meetings. You get a short extra training, "
                "and you are matched first."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["timezone"]).choices = [
            ("", "—"),
            *((tz, tz) for tz in all_timezones()),
        ]
        if self.instance.pk:
            for name, curated in (("function", FUNCTIONS), ("industry", INDUSTRIES)):
                key, other = _curated_or_other(getattr(self.instance, name), curated)
                self.initial[name] = key
                self.initial[f"{name}_other"] = other

    def clean_linkedin_url(self) -> str:
        url = self.cleaned_data["linkedin_url"]
        if url:
            if not is_linkedin_url(url):
                raise forms.ValidationError(
                    _("Please use the address of your LinkedIn profile (linkedin.com/in/…).")
                )
        return url

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("function", "industry"):
            if data.get(name) == OTHER:
                other = (data.get(f"{name}_other") or "").strip()
                if not other:
                    self.add_error(f"{name}_other", _("Please tell us, in a few words."))
                else:
                    data[name] = other
        return data


class AvailabilityForm(forms.Form):
    """Half-hour cells of the local week; turned into windows in the engine's format."""

    cell = forms.TypedMultipleChoiceField(
        choices=[(i, i) for i in range(WEEK_CELLS)], coerce=int, required=False
    )

    def __init__(self, *args: Any, seeker_type: str, tzname: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seeker_type = seeker_type
        self.tzname = tzname

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        windows = windows_from_cells(data.get("cell") or [])
        problem = matchability_problem(windows, self.seeker_type, self.tzname)
        if problem:
            raise forms.ValidationError(problem)
        data["windows"] = windows
        return data


class OrientationCommitmentForm(forms.Form):
    confidentiality = forms.BooleanField(
        label=gettext_lazy("What is shared in my council stays in my council.")
    )
    show_up = forms.BooleanField(
        label=gettext_lazy("I will show up to every meeting, or say so ahead of time.")
    )
    ask_for_help = forms.BooleanField(label=gettext_lazy("I will ask for help, specifically."))
    give_help = forms.BooleanField(label=gettext_lazy("I will give help generously."))
    commitments = forms.BooleanField(
        label=gettext_lazy("I will make commitments each meeting and report back on them.")
    )


class ModeratorTrainingForm(forms.Form):
    acknowledge = forms.BooleanField(
        label=gettext_lazy(
            "I have read the moderator guide. I will run my council's meetings, keep time, "
            "take attendance, and hand over to my backup if I land or need to step back."
        )
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password, to confirm"), widget=forms.PasswordInput
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Nothing was deleted."))
        return password


def _only_unconfirmed_claims(email: str) -> bool:
    """Someone added this address and never confirmed it; nobody signed up with it."""
    claims = EmailAddress.objects.filter(email__iexact=email)
    return (
        claims.exists()
        and not claims.filter(verified=True).exists()
        and not User.objects.filter(email__iexact=email).exists()
    )


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up, where an address another account only added (unconfirmed) is free."""

    drop_claims_on: str = ""

    def validate_unique_email(self, value: str) -> str:
        if _only_unconfirmed_claims(value):
            self.drop_claims_on, self.account_already_exists = value, False
            return get_adapter().validate_unique_email(value)
        return super().validate_unique_email(value)

    def save(self, request: HttpRequest) -> User:
        if self.drop_claims_on:
            # Their confirmation links stop working: the address belongs to whoever signs up.
            EmailAddress.objects.filter(email__iexact=self.drop_claims_on, verified=False).delete()
        return super().save(request)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """allauth's reset, sent only to accounts that confirmed the address or signed up with it.

    allauth falls back to an account that merely added the address, unconfirmed."""

    users: list[User]  # set by allauth's clean_email

    def clean_email(self) -> str:
        email: str = super().clean_email()
        confirmed = set(
            EmailAddress.objects.filter(email__iexact=email, verified=True).values_list(
                "user_id", flat=True
            )
        )
        self.users = [
            user
            for user in self.users
            if user.pk in confirmed or user.email.lower() == email.lower()
        ]
        return email
