"""Who waits, and how many are ahead: counted from a small per-day summary, not per person.

Counting a pool of tens of thousands on every page view made the pool page and the dashboard
slower as the programme grew. The summary (waiting people per seeker type and join day, UTC)
is one grouped query, cached for a minute and dropped whenever this process changes the pool;
only the people who joined on one's own day are counted live."""

from __future__ import annotations

import datetime as dt

from django.core.cache import caches
from django.db.models import Count
from django.db.models.functions import TruncDate

from jobcouncil.lib.hooks import Hook
from jobcouncil.pool.models import PoolEntry

cache = caches["local"]  # this process's memory: cheap, a minute old at most

SUMMARY_SECONDS = 60
SEEKER_TYPES = ["fast", "slow"]


def _key(seeker_type: str) -> str:
    return f"pool:waiting-by-day:v1:{seeker_type}"


def waiting_by_day(seeker_type: str) -> dict[dt.date, int]:
    """{join day (UTC): people of this seeker type waiting now}, at most a minute old."""
    summary = cache.get(_key(seeker_type))
    if summary is None:
        rows = (
            PoolEntry.objects.filter(status=PoolEntry.Status.WAITING, seeker_type=seeker_type)
            .annotate(day=TruncDate("joined_at", tzinfo=dt.UTC))
            .values("day")
            .annotate(n=Count("joined_at"))
            .order_by()
        )
        summary = {row["day"]: row["n"] for row in rows}
        cache.set(_key(seeker_type), summary, SUMMARY_SECONDS)
    return summary


def waiting_count(seeker_type: str) -> int:
    return sum(waiting_by_day(seeker_type).values())


def queue_ahead(entry: PoolEntry) -> int:
    """People of the same seeker type, waiting now, who joined before this entry."""
    day = entry.joined_at.astimezone(dt.UTC).date()
    earlier_days = sum(n for d, n in waiting_by_day(entry.seeker_type).items() if d < day)
    same_day = PoolEntry.objects.filter(
        status=PoolEntry.Status.WAITING,
        seeker_type=entry.seeker_type,
        joined_at__gte=dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC),
        joined_at__lt=entry.joined_at,
    ).count()
    return earlier_days + same_day


# Median days from joining to being placed, for one seeker type, or None when too few were
# placed lately to say. Rounds know it (they record every placement) and register it.
wait_estimate_days: Hook[[str], int | None] = Hook("wait_estimate_days", lambda seeker_type: None)


def recent_wait_days(seeker_type: str) -> int | None:
    """The estimate, at most a minute old: it reads a summary of every round confirmed in the
    last 90 days, and rounds may run every few hours."""
    key = f"pool:wait-estimate:v1:{seeker_type}"
    cached = cache.get(key)
    if cached is None:
        cached = (wait_estimate_days(seeker_type),)  # a tuple: None is an answer too
        cache.set(key, cached, SUMMARY_SECONDS)
    return cached[0]


def queue_changed() -> None:
    """Someone joined, paused, resumed or was placed: recount on the next view."""
    cache.delete_many([_key(kind) for kind in SEEKER_TYPES])


def pool_entry_saved(**_kwargs: object) -> None:
    """post_save of PoolEntry (connected in apps.py): every saved entry may change the queue."""
    queue_changed()
