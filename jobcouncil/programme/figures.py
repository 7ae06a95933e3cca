"""Dashboard figures that would count over every council on each view: counted at most once a
minute per process, in this process's memory, like the pool's per-day summary
(`pool/queue.py`). A figure may be a minute old; the lists beside it are live."""

from __future__ import annotations

from django.core.cache import caches

from jobcouncil.councils.models import Council
from jobcouncil.pool.queue import SUMMARY_SECONDS

cache = caches["local"]
ACTIVE_COUNCILS_KEY = "programme:active-councils:v1"


def active_council_count() -> int:
    count = cache.get(ACTIVE_COUNCILS_KEY)
    if count is None:
        count = Council.objects.filter(status=Council.Status.ACTIVE).count()
        cache.set(ACTIVE_COUNCILS_KEY, count, SUMMARY_SECONDS)
    return count
