"""The one way a view gets a pool entry: the signed-in person's own, or 404."""

from __future__ import annotations

from django.http import Http404

from jobcouncil.accounts.models import User
from jobcouncil.pool.models import PoolEntry


def get_own_pool_entry(user: User) -> PoolEntry:
    try:
        return PoolEntry.objects.select_related("user__profile").get(user=user)
    except PoolEntry.DoesNotExist as exc:
        raise Http404 from exc
