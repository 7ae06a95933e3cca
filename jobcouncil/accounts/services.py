"""Use cases about a person's account that write more than one row."""

from __future__ import annotations

from django.db import transaction

from jobcouncil.accounts.models import Profile, User


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
    """Delete the person and everything that is theirs (profile, pool entry, emails).

    They leave their council first, so a moderator's backup takes over as with any leaving."""
    from jobcouncil.councils.models import Membership
    from jobcouncil.councils.services import membership_leave

    for membership in Membership.objects.filter(user=user, status=Membership.Status.ACTIVE):
        membership_leave(membership=membership, reason="", back_to_pool=False)
    user.delete()
