"""How many wait, and how many are ahead, from the per-day summary plus one's own day."""

import datetime as dt

import time_machine

from jobcouncil.pool.models import PoolEntry
from jobcouncil.pool.queue import queue_ahead, waiting_by_day, waiting_count
from jobcouncil.tests import factories

NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)


def _waiting(joined, **profile):
    user = factories.make_seeker(**profile)
    PoolEntry.objects.filter(user=user).update(joined_at=joined)
    return PoolEntry.objects.get(user=user)


@time_machine.travel(NOW, tick=False)
def test_it_counts_earlier_days_and_earlier_the_same_day(db):
    me = _waiting(NOW - dt.timedelta(days=3, hours=-2))  # 3 days ago, 17:00
    _waiting(NOW - dt.timedelta(days=10))
    _waiting(NOW - dt.timedelta(days=5))
    _waiting(NOW - dt.timedelta(days=3, hours=1))  # same day, earlier
    _waiting(NOW - dt.timedelta(days=3, hours=-4))  # same day, later
    _waiting(NOW - dt.timedelta(days=1))  # joined after me
    _waiting(NOW - dt.timedelta(days=20), seeker_type="slow")
    paused = _waiting(NOW - dt.timedelta(days=30))
    PoolEntry.objects.filter(pk=paused.pk).update(status=PoolEntry.Status.PAUSED)
    assert queue_ahead(me) == 3
    assert waiting_count("fast") == 6
    assert waiting_count("slow") == 1
    assert sum(waiting_by_day("fast").values()) == 6


@time_machine.travel(NOW, tick=False)
def test_joining_and_pausing_show_at_once_in_this_process(db):
    first = _waiting(NOW - dt.timedelta(days=2))
    assert waiting_count("fast") == 1
    _waiting(NOW - dt.timedelta(days=1))
    assert waiting_count("fast") == 2
    first.pause()
    assert waiting_count("fast") == 1


def test_the_wait_estimate_is_read_once_a_minute(
    db, django_assert_num_queries, time_machine, monkeypatch
):
    """It reads every round confirmed in the last 90 days, however often rounds run: the pool
    page asks it at most once a minute per process."""
    from django.utils import timezone

    from jobcouncil.pool.queue import recent_wait_days, wait_estimate_days

    asked: list[str] = []
    monkeypatch.setattr(wait_estimate_days, "_provider", lambda kind: asked.append(kind) or None)
    assert recent_wait_days("fast") is None
    with django_assert_num_queries(0):
        assert recent_wait_days("fast") is None
    assert asked == ["fast"]
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=61), tick=False)
    recent_wait_days("fast")
    assert asked == ["fast", "fast"]
