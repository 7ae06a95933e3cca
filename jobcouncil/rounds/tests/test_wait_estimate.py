"""The honest wait estimate on the pool status page, from the rounds confirmed recently."""

import datetime as dt

import time_machine
from django.core.cache import caches

from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import round_confirm, round_run, wait_estimate_days
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
    assert "Our own record is still too short to say" in page  # the simulator's figure


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
    assert "within about 8 days of joining" in as_user(seeker).get("/pool/").content.decode()


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


def _round(status=MatchingRound.Status.CONFIRMED, *, days_ago, waits):
    """A round as the estimate reads it: its status, when it was confirmed, its waits."""
    confirmed = status == MatchingRound.Status.CONFIRMED
    return MatchingRound.objects.create(
        status=status,
        finished_at=NOW - dt.timedelta(days=days_ago, hours=1),
        confirmed_at=NOW - dt.timedelta(days=days_ago) if confirmed else None,
        stats={"placed": sum(waits.get("fast", {}).values()), "waits": waits},
    )


@time_machine.travel(NOW, tick=False)
def test_rounds_older_than_ninety_days_no_longer_count(db):
    _round(days_ago=90.001, waits={"fast": {"40": 5}})
    _round(days_ago=90, waits={"fast": {"3": 1, "20": 2}})  # ninety days to the second
    assert wait_estimate_days("fast") == 20


@time_machine.travel(NOW, tick=False)
def test_only_confirmed_rounds_count(db):
    _round(days_ago=2, waits={"fast": {"3": 1, "20": 2}})
    for status in ("preview", "failed", "discarded"):  # proposals nobody confirmed
        _round(status, days_ago=1, waits={"fast": {"1": 9}})
    assert wait_estimate_days("fast") == 20


@time_machine.travel(NOW, tick=False)
def test_it_needs_three_people_placed_and_reads_only_their_type(db):
    _round(days_ago=5, waits={"fast": {"4": 1, "9": 1}, "slow": {"30": 7}})
    _round(days_ago=4, waits={})  # a round that placed nobody
    assert wait_estimate_days("fast") is None  # two people are not an estimate
    assert wait_estimate_days("slow") == 30
    _round(days_ago=3, waits={"fast": {"6": 1}})
    assert wait_estimate_days("fast") == 6  # the middle one of 4, 6 and 9 days


@time_machine.travel(NOW, tick=False)
def test_the_median_of_an_even_count_is_the_upper_middle(db):
    _round(days_ago=3, waits={"fast": {"1": 2, "10": 2}})
    assert wait_estimate_days("fast") == 10


class RowsRead:
    """Rows every SELECT of a request returned, counted by re-running it as a COUNT."""

    def __init__(self):
        self.rows = 0
        self.queries = 0
        self.counting = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.counting and sql.lstrip().upper().startswith("SELECT"):
            self.queries += 1
            self.counting = True  # the COUNT below passes through this wrapper too
            try:
                with context["connection"].cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS counted", params)
                    self.rows += cursor.fetchone()[0]
            finally:
                self.counting = False
        return result


def _rows_read_by_pool_page(client):
    from django.db import connection

    caches["local"].clear()  # count the pool summary's own query too, each time
    counter = RowsRead()
    with connection.execute_wrapper(counter):
        assert client.get("/pool/").status_code == 200
    return counter


def _place(n_councils):
    people = []
    for _ in range(n_councils):
        people += [factories.make_moderator()] + [factories.make_seeker() for _ in range(5)]
    _joined_days_ago(people, [10] * len(people))
    round_ = _confirmed_round()
    assert round_.stats["placed"] == len(people)


@time_machine.travel(NOW, tick=False)
def test_the_pool_page_reads_one_summary_per_round_not_one_row_per_placement(seeker, as_user):
    PoolEntry.objects.filter(user=seeker).update(status=PoolEntry.Status.PAUSED)
    _place(1)
    PoolEntry.objects.filter(user=seeker).update(status=PoolEntry.Status.WAITING)
    client = as_user(seeker)
    client.get("/pool/")  # warm the session
    few = _rows_read_by_pool_page(client)
    PoolEntry.objects.filter(user=seeker).update(status=PoolEntry.Status.PAUSED)
    _place(6)  # 36 more people placed in one more round
    PoolEntry.objects.filter(user=seeker).update(status=PoolEntry.Status.WAITING)
    many = _rows_read_by_pool_page(client)
    assert many.queries == few.queries
    assert many.rows == few.rows + 1  # the new round's summary, nothing per person


def _summary(days_people: dict[str, int] | None, *, status="confirmed", days_ago=1):
    stats = {"placed": 0} if days_people is None else {"waits": {"fast": days_people}}
    return MatchingRound.objects.create(
        seeker_types=["fast"],
        status=status,
        stats=stats,
        confirmed_at=NOW - dt.timedelta(days=days_ago),
    )


@time_machine.travel(NOW, tick=False)
def test_the_same_wait_in_several_rounds_adds_up_and_older_summaries_are_skipped(db):
    """Two rounds that each placed two people after 3 days outweigh three placed after 10;
    a round confirmed before summaries were stored (no "waits") counts for nothing."""
    _summary({"3": 2})
    _summary({"3": 2})
    _summary({"10": 3})
    _summary(None)
    assert wait_estimate_days("fast") == 3
    _summary({"10": 2})  # now 4 after 3 days and 5 after 10: the median is 10
    assert wait_estimate_days("fast") == 10


@time_machine.travel(NOW, tick=False)
def test_only_rounds_confirmed_in_the_last_90_days_count(db):
    _summary({"3": 5}, days_ago=91)
    _summary({"12": 3}, days_ago=89)
    assert wait_estimate_days("fast") == 12
