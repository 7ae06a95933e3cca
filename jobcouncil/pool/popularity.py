"""Which weekly times are popular among waiting seekers of one type (so others can widen)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.cache import caches

from jobcouncil.accounts.availability import default_reference, utc_cells
from jobcouncil.pool.models import PoolEntry

cache = caches["local"]  # this process's memory: cheap, a minute old at most

CACHE_SECONDS = 600


def popular_utc_cells(seeker_type: str, reference: dt.date | None = None) -> Counter[int]:
    """How many waiting seekers of this type can meet at each UTC half-hour of the week."""
    reference = reference or default_reference()
    key = f"pool:popular:{seeker_type}:{reference.isoformat()}"
    counts = cache.get(key)
    if counts is None:
        counts = Counter()
        rows = PoolEntry.objects.filter(
            status=PoolEntry.Status.WAITING, user__profile__seeker_type=seeker_type
        ).values_list("user__profile__availability", "user__profile__timezone")
        for windows, tzname in rows.iterator(chunk_size=2000):
            counts.update(utc_cells(windows, tzname, reference))
        cache.set(key, counts, CACHE_SECONDS)
    return counts
