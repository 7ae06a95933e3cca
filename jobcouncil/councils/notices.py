"""What the councils tell people, through notifications.notify (a notice and the email)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from jobcouncil.notifications.emails import email_council_matched, email_council_newcomer
from jobcouncil.notifications.models import Notice
from jobcouncil.notifications.notify import notify_many

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User
    from jobcouncil.councils.models import Council, Meeting


def council_matched_notify(*, council: Council, users: Iterable[User]) -> int:
    """These people have just been given a seat in this council."""
    return notify_many(
        kind=Notice.Kind.COUNCIL_MATCHED,
        users=users,
        occurrence=f"{council.pk}",
        text=_("You have a council: %(council)s.") % {"council": council.name},
        url=reverse("councils:council-detail", args=[council.pk]),
        email=lambda user: email_council_matched(user=user, council=council),
    )


def council_newcomer_notify(
    *, council: Council, users: Iterable[User], newcomer: User, first_meeting: Meeting | None
) -> int:
    """Someone joined the council from the pool: its other members hear who."""
    return notify_many(
        kind=Notice.Kind.COUNCIL_NEWCOMER,
        users=users,
        occurrence=f"{council.pk}:{newcomer.pk}",
        text=_("%(name)s joins %(council)s.")
        % {"name": newcomer.profile.display_name, "council": council.name},
        url=reverse("councils:council-detail", args=[council.pk]),
        email=lambda user: email_council_newcomer(
            user=user, council=council, newcomer=newcomer, first_meeting=first_meeting
        ),
    )
