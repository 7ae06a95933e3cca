"""The pool's step on a seeker's path (registered with accounts.journey in apps.py)."""

from __future__ import annotations

from django.urls import reverse

from jobcouncil.accounts.journey import next_step_url
from jobcouncil.accounts.models import User
from jobcouncil.pool.models import PoolEntry


def _entry(user: User) -> PoolEntry | None:
    return getattr(user, "pool_entry", None)


def looking_for_council(user: User) -> bool:
    """In the pool and not yet placed: waiting, or paused for a while."""
    entry = _entry(user)
    return entry is not None and entry.status != PoolEntry.Status.MATCHED


def pool_step(user: User) -> str:
    return reverse("pool:join") if _entry(user) is None else reverse("pool:status")


def ready_for_pool(user: User) -> bool:
    """Every earlier step is done, so the path ends at the pool."""
    return next_step_url(user) in (reverse("pool:join"), reverse("pool:status"))
