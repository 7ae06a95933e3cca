"""Use cases about a person's account that write more than one row."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcouncil.accounts.models import ModeratorInvitation, Profile, User
from jobcouncil.accounts.signals import account_deleting
from jobcouncil.notifications.emails import (
    email_moderator_approved,
    email_moderator_declined,
    email_moderator_invitation,
)


@transaction.atomic
def profile_save(*, user: User, data: dict) -> Profile:
    """Create or update the profile from cleaned form data."""
    profile, created = Profile.objects.select_for_update().get_or_create(
        user=user, defaults={key: data[key] for key in Profile.EDITABLE_FIELDS}
    )
    if not created:
        for key in Profile.EDITABLE_FIELDS:
            setattr(profile, key, data[key])
        if not profile.volunteers_to_moderate:
            profile.moderator_training_completed_at = None
            profile.moderator_approved_at = None
        profile.full_clean()
        profile.save()
    return profile


def availability_save(*, profile: Profile, windows: list[str]) -> None:
    profile.availability = windows
    profile.save(update_fields=["availability", "updated_at"])


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the person and everything that is theirs (profile, pool entry, emails), then
    anonymise every mention of their name or address left in other people's rows.

    The apps above react first (account_deleting): councils make them leave their council,
    so a moderator's backup takes over as with any leaving."""
    profile = Profile.objects.filter(user=user).first()
    addresses = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    traces = sorted({user.email, *addresses}) + ([profile.display_name] if profile else [])
    account_deleting.send(User, user=user, traces=traces)
    user.delete()
    traces_anonymise(traces=traces, replacement=_("a former member"))


# Other people's own identity columns: someone else may share the name.
_KEEP_FIELDS = {("accounts", "profile", "display_name"), ("accounts", "user", "email")}
_TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _replace_in(value: Any, pattern: re.Pattern[str], replacement: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace_in(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {
            _replace_in(k, pattern, replacement): _replace_in(v, pattern, replacement)
            for k, v in value.items()
        }
    return value


def traces_anonymise(*, traces: list[str], replacement: str) -> int:
    """Replace every whole-word mention of the traces in every text column of every table
    (announcements, outbox bodies, asks, admin history...); returns how many rows changed.

    Walking every model means a column added later is covered without anyone remembering."""
    traces = sorted((t for t in traces if len(t.strip()) >= 2), key=len, reverse=True)
    if not traces:
        return 0
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in traces), flags=re.IGNORECASE
    )
    # JSON is stored with non-ASCII escaped on SQLite: look for both spellings.
    needles = {n for t in traces for n in (t, json.dumps(t)[1:-1])}
    changed = 0
    for model in apps.get_models():
        meta = model._meta
        for field in meta.concrete_fields:
            if not isinstance(field, _TEXT_FIELDS) or field.primary_key:
                continue
            if (meta.app_label, meta.model_name, field.name) in _KEEP_FIELDS:
                continue
            query = models.Q()
            for needle in needles:
                query |= models.Q(_as_text__icontains=needle)
            rows = (
                model._base_manager.annotate(_as_text=Cast(field.name, models.TextField()))
                .filter(query)
                .values_list("pk", field.attname)
            )
            for pk, value in list(rows):
                new = _replace_in(value, pattern, replacement)
                if new != value:
                    model._base_manager.filter(pk=pk).update(**{field.attname: new})
                    changed += 1
    return changed


def _lock_awaiting(profile: Profile) -> Profile | None:
    return (
        Profile.objects.select_for_update()
        .awaiting_moderator_approval()
        .select_related("user")
        .filter(pk=profile.pk)
        .first()
    )


def moderator_approve(
    *, profile: Profile, by: User, note: str = "", now: dt.datetime | None = None
) -> bool:
    """Approve a volunteer who finished the training, and tell them by email.

    False (and nothing changes) when they are not waiting: already approved or declined,
    no longer volunteering, or the training is not done."""
    return _moderator_decide(profile=profile, by=by, approve=True, note=note, now=now)


def moderator_decline(
    *, profile: Profile, by: User, note: str, now: dt.datetime | None = None
) -> bool:
    """Decline a volunteer, with a note that says why; they are told by email and stay a
    member as before. False (and nothing changes) when they are not waiting."""
    return _moderator_decide(profile=profile, by=by, approve=False, note=note, now=now)


@transaction.atomic
def _moderator_decide(
    *, profile: Profile, by: User, approve: bool, note: str, now: dt.datetime | None
) -> bool:
    """The one way staff decide on a volunteer, from the approval pages or the admin."""
    locked = _lock_awaiting(profile)
    if locked is None:
        return False
    decided_at = now or timezone.now()
    decision = "moderator_approved" if approve else "moderator_declined"
    setattr(locked, f"{decision}_at", decided_at)
    setattr(locked, f"{decision}_by", by)
    locked.moderator_decision_note = note.strip()
    locked.save(
        update_fields=[f"{decision}_at", f"{decision}_by", "moderator_decision_note", "updated_at"]
    )
    email = email_moderator_approved if approve else email_moderator_declined
    email(user=locked.user, note=locked.moderator_decision_note, decided_at=decided_at)
    profile.refresh_from_db()
    return True


def moderators_approve(*, profiles: Iterable[Profile], by: User) -> tuple[int, int]:
    """Approve several volunteers at once (the admin's action): (approved, skipped), where
    skipped are those not waiting for a decision."""
    approved = skipped = 0
    for profile in profiles:
        if moderator_approve(profile=profile, by=by):
            approved += 1
        else:
            skipped += 1
    return approved, skipped


@transaction.atomic
def moderator_invite(
    *, user: User, reason: str, now: dt.datetime | None = None, email: bool = True
) -> ModeratorInvitation | None:
    """Invite someone to train as a moderator (once per reason) and email them (unless
    `email` is False: history written by the demo, which emails nobody).

    None, and nothing sent, when they already volunteer or were invited for this reason."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None or profile.volunteers_to_moderate:
        return None
    invitation, created = ModeratorInvitation.objects.get_or_create(
        user=user, reason=reason, defaults={"invited_at": now or timezone.now()}
    )
    if not created:
        return None
    if email:
        email_moderator_invitation(user=user, reason=reason, invited_at=invitation.invited_at)
    return invitation


@transaction.atomic
def moderator_interest(*, user: User, now: dt.datetime | None = None) -> bool:
    """ "I'm interested": they volunteer to moderate, which opens the moderator training, and
    any invitation they had counts as accepted. False when they already volunteered."""
    now = now or timezone.now()
    profile = Profile.objects.select_for_update().get(user=user)
    ModeratorInvitation.objects.filter(user=user, accepted_at__isnull=True).update(accepted_at=now)
    if profile.volunteers_to_moderate:
        return False
    profile.volunteers_to_moderate = True
    profile.save(update_fields=["volunteers_to_moderate", "updated_at"])
    return True


def moderator_invitation_figures() -> dict[str, int]:
    """For the programme dashboard: people invited (after three meetings, after landing),
    who said they were interested, and who then finished the training."""
    accepted = models.Q(accepted_at__isnull=False)
    trained = accepted & models.Q(
        user__profile__moderator_training_completed_at__gte=models.F("accepted_at")
    )
    return ModeratorInvitation.objects.aggregate(
        invited=models.Count("user", distinct=True),
        after_meetings=models.Count(
            "user", distinct=True, filter=models.Q(reason=ModeratorInvitation.Reason.ATTENDED)
        ),
        after_landing=models.Count(
            "user", distinct=True, filter=models.Q(reason=ModeratorInvitation.Reason.LANDED)
        ),
        accepted=models.Count("user", distinct=True, filter=accepted),
        trained=models.Count("user", distinct=True, filter=trained),
    )
