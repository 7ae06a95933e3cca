"""Joining, pausing and leaving the matching pool."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jobcouncil.accounts.journey import ready_for_pool
from jobcouncil.pool.models import PoolEntry


@transaction.atomic
def pool_join(*, user) -> PoolEntry:
    if not ready_for_pool(user):
        raise PermissionDenied("Finish your profile, availability and orientation first.")
    entry, _created = PoolEntry.objects.get_or_create(user=user)
    return entry


@transaction.atomic
def pool_entry_update(*, entry: PoolEntry, paused: bool, note: str) -> PoolEntry:
    entry.note = note
    entry.save(update_fields=["note", "updated_at"])
    if paused and entry.status == PoolEntry.Status.WAITING:
        entry.pause()
    elif not paused and entry.status == PoolEntry.Status.PAUSED:
        entry.resume()
    return entry
