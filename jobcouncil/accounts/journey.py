"""The seeker's path from sign-up to the matching pool: which step comes next."""

from __future__ import annotations

from django.urls import reverse

from jobcouncil.accounts.availability import matchability_problem


def profile_or_none(user):
    return getattr(user, "profile", None) if user.is_authenticated else None


def next_step_url(user) -> str:
    # Staff run the programme; they are not seekers, whether or not they have a profile.
    if user.is_staff:
        return reverse("programme:dashboard")
    profile = profile_or_none(user)
    if profile is None:
        return reverse("accounts:profile")
    council_id = (
        user.memberships.filter(status="active").values_list("council_id", flat=True).first()
    )
    if council_id:
        return reverse("councils:council-detail", args=[council_id])
    entry = getattr(user, "pool_entry", None)
    if entry is None or entry.status == "matched":
        # Alumni who landed (and are not looking again) belong on their council's page.
        landed_in = (
            user.memberships.filter(status="landed")
            .order_by("-left_at")
            .values_list("council_id", flat=True)
            .first()
        )
        if landed_in:
            return reverse("councils:council-detail", args=[landed_in])
    if matchability_problem(profile.availability, profile.seeker_type, profile.timezone):
        return reverse("accounts:availability")
    if profile.orientation_completed_at is None:
        return reverse("accounts:orientation", args=[1])
    if profile.needs_moderator_training:
        return reverse("accounts:moderator-training", args=[1])
    if entry is None:
        return reverse("pool:join")
    return reverse("pool:status")


def ready_for_pool(user) -> bool:
    return next_step_url(user) in (reverse("pool:join"), reverse("pool:status"))
