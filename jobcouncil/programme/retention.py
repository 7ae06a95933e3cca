"""Data retention: people who left the programme more than RETENTION_MONTHS ago are deleted,
through the same path as deleting one's own account (accounts.services.account_delete).

Who has left, precisely: someone who is not staff, has no active council membership and is
not waiting in the matching pool (no pool entry, or one that is paused or matched), and for
whom every one of these lies more than N calendar months back: signing up, the last sign-in,
the end of their last membership (landing or leaving) and the last change to their pool
entry. That covers alumni (landed), people who left a council, and people who signed up or
paused and never came back. Anyone who signs in again starts the clock afresh, and a
waiting seeker is never removed however long they wait."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Max, Q, QuerySet

from jobcouncil.accounts.models import User
from jobcouncil.accounts.services import account_delete
from jobcouncil.councils.models import Membership
from jobcouncil.lib.dates import months_before
from jobcouncil.pool.models import PoolEntry

logger = logging.getLogger(__name__)


def retention_cutoff(*, now: dt.datetime, months: int) -> dt.datetime:
    return months_before(now, months)


def retention_due(*, now: dt.datetime, months: int | None = None) -> QuerySet[User]:
    """The people who left the programme more than `months` (the setting by default) ago,
    oldest id first; nobody when retention is off."""
    months = settings.RETENTION_MONTHS if months is None else months
    if not months:
        return User.objects.none()
    cutoff = retention_cutoff(now=now, months=months)
    return (
        User.objects.filter(is_staff=False, is_superuser=False, date_joined__lt=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
        .exclude(memberships__status=Membership.Status.ACTIVE)
        .exclude(pool_entry__status=PoolEntry.Status.WAITING)
        .filter(Q(pool_entry__isnull=True) | Q(pool_entry__updated_at__lt=cutoff))
        .annotate(last_left=Max("memberships__left_at"))
        .filter(Q(last_left__isnull=True) | Q(last_left__lt=cutoff))
        .order_by("pk")
    )


def retention_apply(*, now: dt.datetime, months: int | None = None) -> list[int]:
    """Delete everyone due, one account at a time (each in its own transaction, so one
    failure keeps the rest); returns their ids. Running it again deletes nobody more."""
    removed = []
    for user_id in list(retention_due(now=now, months=months).values_list("pk", flat=True)):
        user = User.objects.filter(pk=user_id).first()
        if user is None:  # deleted meanwhile (by themselves or another run)
            continue
        account_delete(user=user)
        removed.append(user_id)
    logger.info("retention: removed %d people who left the programme", len(removed))
    return removed
