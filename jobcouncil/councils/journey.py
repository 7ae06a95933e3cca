"""The councils' step on a seeker's path (registered with accounts.journey in apps.py)."""

from __future__ import annotations

from django.urls import reverse

from jobcouncil.accounts.journey import looking_for_council
from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Membership


def active_council_url(user: User) -> str | None:
    council_id = (
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        .values_list("council_id", flat=True)
        .first()
    )
    return reverse("councils:council-detail", args=[council_id]) if council_id else None


def council_step(user: User) -> str | None:
    """A member goes to their council; an alumnus who landed, and is not looking again, to
    the council they landed from."""
    url = active_council_url(user)
    if url is not None or looking_for_council(user):
        return url
    landed_in = (
        Membership.objects.filter(user=user, status=Membership.Status.LANDED)
        .order_by("-left_at")
        .values_list("council_id", flat=True)
        .first()
    )
    return reverse("councils:council-detail", args=[landed_in]) if landed_in else None
