"""What accounts holds about a person, for their data export: the account and its email
addresses, the profile, the weekly availability, the orientation and the invitations to train
as a moderator (lib/privacy.py)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from jobcouncil.accounts.journey import profile_or_none
from jobcouncil.accounts.models import ModeratorInvitation, Profile, User
from jobcouncil.lib.privacy import Part, Section


def export(user: User) -> list[Section]:
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    profile = profile_or_none(user)  # the one the timezone middleware already read
    sections = [
        Section(
            key="account",
            title=_("Account"),
            fields={
                "email": _("Email address you sign in with"),
                "date_joined": _("Signed up"),
                "last_login": _("Last signed in"),
            },
            rows=[
                {
                    "email": user.email,
                    "date_joined": user.date_joined,
                    "last_login": user.last_login,
                }
            ],
            single=True,
            note=_("Your password is stored only as a one-way hash, so it is not in here."),
        ),
        Section(
            key="email_addresses",
            title=_("Email addresses"),
            fields={
                "email": _("Address"),
                "verified": _("Confirmed"),
                "primary": _("Main address"),
            },
            rows=[
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
            ],
        ),
    ]
    sections.append(
        Section(
            key="profile",
            title=_("Profile"),
            fields={
                "display_name": _("Display name"),
                "timezone": _("Timezone"),
                "seeker_type": _("Seeker type"),
                "seniority": _("Seniority"),
                "function": _("Function"),
                "industry": _("Industry"),
                "location": _("Location"),
                "linkedin_url": _("LinkedIn profile"),
                "volunteers_to_moderate": _("Volunteers to moderate"),
                "moderator_training_completed_at": _("Finished the moderator training"),
                "moderator_approved_at": _("Approved as a moderator"),
                "moderator_declined_at": _("Declined as a moderator"),
                "moderator_decision_note": _("Note from staff with that decision"),
                "created_at": _("Profile made"),
                "updated_at": _("Profile last changed"),
            },
            rows=[_profile_row(profile)] if profile else [],
            single=True,
        )
    )
    sections.append(
        Section(
            key="availability",
            title=_("Weekly availability"),
            fields={"window": _("Time window (in your timezone)")},
            rows=[{"window": w} for w in (profile.availability if profile else [])],
            note=_("Times are in the timezone of your profile: %(tz)s.")
            % {"tz": profile.timezone if profile else "UTC"},
        )
    )
    sections.append(
        Section(
            key="orientation",
            title=_("Orientation and council norms"),
            fields={
                "orientation_completed_at": _(
                    "Committed to the council norms (confidentiality, show up, ask for help, "
                    "give help)"
                ),
            },
            rows=[{"orientation_completed_at": profile.orientation_completed_at}]
            if profile
            else [],
            single=True,
        )
    )
    invitations = ModeratorInvitation.objects.filter(user=user).order_by("invited_at", "pk")
    sections.append(
        Section(
            key="moderator_invitations",
            title=_("Invitations to train as a moderator"),
            fields={
                "reason": _("Why we invited you"),
                "invited_at": _("Invited"),
                "accepted_at": _("Said you were interested"),
            },
            rows=[
                {
                    "reason": i.get_reason_display(),
                    "invited_at": i.invited_at,
                    "accepted_at": i.accepted_at,
                }
                for i in invitations
            ],
        )
    )
    return sections


def _profile_row(profile: Profile) -> dict:
    return {
        "display_name": profile.display_name,
        "timezone": profile.timezone,
        "seeker_type": profile.get_seeker_type_display(),
        "seniority": profile.get_seniority_display(),
        "function": profile.function_label,
        "industry": profile.industry_label,
        "location": profile.location,
        "linkedin_url": profile.linkedin_url,
        "volunteers_to_moderate": profile.volunteers_to_moderate,
        "moderator_training_completed_at": profile.moderator_training_completed_at,
        "moderator_approved_at": profile.moderator_approved_at,
        "moderator_declined_at": profile.moderator_declined_at,
        "moderator_decision_note": profile.moderator_decision_note,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


PART = Part(
    app="accounts",
    order=10,
    export=export,
    models=(
        "accounts.User",
        "accounts.Profile",
        "account.EmailAddress",
        "accounts.ModeratorInvitation",
    ),
    not_personal={
        "admin.LogEntry": "what a staff member changed in the admin: their work record, not "
        "a member's data; deleting a member anonymises its text",
    },
)
