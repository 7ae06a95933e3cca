"""The honest wait estimate on the pool status page, from the rounds confirmed recently."""

import datetime as dt

import time_machine

from jobcouncil.pool.models import MatchingRound, PoolEntry
from jobcouncil.pool.rounds import round_confirm, round_run, wait_estimate_days
from jobcouncil.tests import factories

NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)


def _joined_days_ago(people, days):
    for person, n in zip(people, days, strict=True):
        PoolEntry.objects.filter(user=person).update(joined_at=NOW - dt.timedelta(days=n))


def _confirmed_round(seeker_types=("fast",)):
    round_ = round_run(matching_round=MatchingRound.objects.create(seeker_types=seeker_types))
    round_confirm(matching_round=round_, now=NOW, notify=False)
    return MatchingRound.objects.get(pk=round_.pk)


@time_machine.travel(NOW, tick=False)
def test_without_recent_rounds_it_says_it_cannot_estimate(seeker, as_user):
    assert wait_estimate_days("fast") is None
    page = as_user(seeker).get("/pool/").content.decode()
    assert "enough recent rounds to estimate" in page


@time_machine.travel(NOW, tick=False)
def test_it_is_the_median_wait_of_people_placed_in_recent_rounds(seeker, as_user):
    PoolEntry.objects.filter(user=seeker).update(status=PoolEntry.Status.PAUSED)
    people = [factories.make_moderator()] + [factories.make_seeker() for _ in range(5)]
    _joined_days_ago(people, [2, 4, 6, 8, 10, 12])
    round_ = _confirmed_round()
    assert round_.stats["waits"] == {"fast": {"2": 1, "4": 1, "6": 1, "8": 1, "10": 1, "12": 1}}
    assert round_.stats["placed"] == 6  # the engine's stats are kept beside the waits
    PoolEntry.objects.filter(user=seeker).update(status=PoolEntry.Status.WAITING)
    assert wait_estimate_days("fast") == 8
    assert wait_estimate_days("slow") is None
    assert "placed after about 8 days" in as_user(seeker).get("/pool/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_refills_into_older_councils_count_too(db):
    council = factories.make_council(
        factories.make_moderator(), [factories.make_seeker() for _ in range(4)]
    )
    newcomers = [factories.make_seeker() for _ in range(3)]
    _joined_days_ago(newcomers, [5, 7, 9])
    round_ = _confirmed_round()
    assert len(round_.result["refilled"][0]["added"]) == 3
    assert round_.result["refilled"][0]["council"] == f"council-{council.pk}"
    assert wait_estimate_days("fast") == 7


@time_machine.travel(NOW, tick=False)
def test_rounds_older_than_ninety_days_no_longer_count(db):
    MatchingRound.objects.create(
        status=MatchingRound.Status.CONFIRMED,
        confirmed_at=NOW - dt.timedelta(days=91),
        stats={"waits": {"fast": {"40": 5}}},
    )
    MatchingRound.objects.create(
        status=MatchingRound.Status.CONFIRMED,
        confirmed_at=NOW - dt.timedelta(days=89),
        stats={"waits": {"fast": {"3": 1, "20": 2}}},
    )
    MatchingRound.objects.create(  # a proposal nobody confirmed placed nobody
        status=MatchingRound.Status.PREVIEW, stats={"waits": {"fast": {"1": 9}}}
    )
    assert wait_estimate_days("fast") == 20
