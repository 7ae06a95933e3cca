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
from jobcouncil.pool.signals import entry_waiting

if TYPE_CHECKING:
    from jobcouncil.accounts.models import Profile, User


class AlreadyPlaced(PermissionDenied):
    """The person has a council (a round placed them while their page was open)."""


@transaction.atomic
def pool_join(*, user: User) -> PoolEntry:
    # Lock first, then check: a round confirming at this moment holds this row, and once it
    # lets go the check sees the council it made (the entry would otherwise go back to waiting).
    entry = PoolEntry.objects.select_for_update().filter(user=user).first()
    if user.memberships.filter(status="active").exists():
        raise AlreadyPlaced("You have a council now.")
    if not ready_for_pool(user):
        raise PermissionDenied("Finish your profile, availability and orientation first.")
    if entry is None:
        # Two tabs at once: the second insert waits for the first, then finds its row.
        entry, created = PoolEntry.objects.get_or_create(
            user=user, defaults={"seeker_type": user.profile.seeker_type}
        )
        if created:
            entry_waiting.send(PoolEntry, entry=entry)
    elif entry.status == PoolEntry.Status.MATCHED:
        # Back after leaving a council: a fresh place in the queue.
        entry.status, entry.joined_at, entry.paused_at = (
            PoolEntry.Status.WAITING,
            timezone.now(),
            None,
        )
        entry.save(update_fields=["status", "joined_at", "paused_at", "updated_at"])
        entry_waiting.send(PoolEntry, entry=entry)
    return entry


def pool_entry_rejoin(*, user: User, now: dt.datetime) -> PoolEntry:
    """Back in line after leaving a council, with a fresh place in the queue."""
    entry, _created = PoolEntry.objects.update_or_create(
        user=user, defaults={"status": PoolEntry.Status.WAITING, "joined_at": now}
    )
    entry_waiting.send(PoolEntry, entry=entry)
    return entry


def pool_entries_placed(*, user_ids: set[int]) -> int:
    """A confirmed round placed these people in councils (inside its transaction)."""
    placed = PoolEntry.objects.filter(user_id__in=user_ids).update(status=PoolEntry.Status.MATCHED)
    transaction.on_commit(queue_changed)
    return placed


@transaction.atomic
def pool_entry_update(*, entry: PoolEntry, paused: bool, note: str) -> PoolEntry:
    """Save the note, pause or resume; returns the entry as stored. The page was read
    earlier, so the entry is re-read under a lock: a round may have placed them meanwhile,
    and a pause must not undo that (a matched entry stays matched)."""
    fresh = PoolEntry.objects.select_for_update().get(pk=entry.pk)
    fresh.note = note
    fresh.save(update_fields=["note", "updated_at"])
    if paused and fresh.status == PoolEntry.Status.WAITING:
        fresh.pause()
    elif not paused and fresh.status == PoolEntry.Status.PAUSED:
        fresh.resume()
        entry_waiting.send(PoolEntry, entry=fresh)
    return fresh


def pool_entry_follow_profile(*, instance: Profile, **_kwargs: object) -> None:
    """Keep the pool entry's copy of the seeker type in step with the profile."""
    if (
        PoolEntry.objects.filter(user_id=instance.user_id)
        .exclude(seeker_type=instance.seeker_type)
        .update(seeker_type=instance.seeker_type)
    ):
        queue_changed()
