"""Joining, pausing and leaving the matching pool."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jobcouncil.pool.journey import ready_for_pool
from jobcouncil.pool.models import PoolEntry
from jobcouncil.pool.queue import queue_changed

if TYPE_CHECKING:
    from jobcouncil.accounts.models import Profile, User


@transaction.atomic
def pool_join(*, user: User) -> PoolEntry:
    if not ready_for_pool(user):
        raise PermissionDenied("Finish your profile, availability and orientation first.")
    entry, created = PoolEntry.objects.select_for_update().get_or_create(
        user=user, defaults={"seeker_type": user.profile.seeker_type}
    )
    if not created and entry.status == PoolEntry.Status.MATCHED:
        # Back after leaving a council: a fresh place in the queue.
        entry.status, entry.joined_at, entry.paused_at = (
            PoolEntry.Status.WAITING,
            timezone.now(),
            None,
        )
        entry.save(update_fields=["status", "joined_at", "paused_at", "updated_at"])
    return entry


def pool_entry_rejoin(*, user: User, now: dt.datetime) -> PoolEntry:
    """Back in line after leaving a council, with a fresh place in the queue."""
    entry, _created = PoolEntry.objects.update_or_create(
        user=user, defaults={"status": PoolEntry.Status.WAITING, "joined_at": now}
    )
    return entry


def pool_entries_placed(*, user_ids: set[int]) -> int:
    """A confirmed round placed these people in councils (inside its transaction)."""
    placed = PoolEntry.objects.filter(user_id__in=user_ids).update(status=PoolEntry.Status.MATCHED)
    transaction.on_commit(queue_changed)
    return placed


@transaction.atomic
def pool_entry_update(*, entry: PoolEntry, paused: bool, note: str) -> PoolEntry:
    entry.note = note
    entry.save(update_fields=["note", "updated_at"])
    if paused and entry.status == PoolEntry.Status.WAITING:
        entry.pause()
    elif not paused and entry.status == PoolEntry.Status.PAUSED:
        entry.resume()
    return entry


def pool_entry_follow_profile(*, instance: Profile, **_kwargs: object) -> None:
    """Keep the pool entry's copy of the seeker type in step with the profile."""
    if (
        PoolEntry.objects.filter(user_id=instance.user_id)
        .exclude(seeker_type=instance.seeker_type)
        .update(seeker_type=instance.seeker_type)
    ):
        queue_changed()
