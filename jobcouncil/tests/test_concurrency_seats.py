"""Ten people join the pool at the same moment, racing for the last two seats of a council.

Each joins through the pool page on its own connection (tests/concurrently.py releases them
together); joining queues the placement task, which tests run at once after the join
commits, so ten placements really overlap on PostgreSQL. Each holds a moment between
counting the seats and taking one (`slowed`), so without the council's row lock all ten would
count six members and sit down. The database decides: exactly two are placed, the other eight
wait in the pool, nobody is in two councils."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobcouncil.councils.models import Council, Membership
from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingSchedule, SeatFill
from jobcouncil.tests import factories
from jobcouncil.tests.concurrently import at_once, signed_in, slowed
from jobcouncil.tests.test_concurrency import assert_consistent

pytestmark = pytest.mark.django_db(transaction=True)


def _six_and_a_rival():
    """A council of six with two free seats, and a second one for the same people, full."""
    MatchingSchedule.objects.create(place_continuously=True)
    council = factories.make_council(
        factories.make_moderator(), [factories.make_seeker() for _ in range(5)]
    )
    factories.make_council(factories.make_moderator(), [factories.make_seeker() for _ in range(7)])
    return council


@pytest.mark.postgres_only
def test_ten_joins_racing_for_the_last_two_seats_place_exactly_two(monkeypatch):
    council = _six_and_a_rival()
    people = [factories.make_seeker(in_pool=False) for _ in range(10)]
    clients = [signed_in(person) for person in people]
    monkeypatch.setattr(Membership, "save", slowed(Membership.save, 0.2))

    responses = at_once(*[lambda c=c: c.post(reverse("pool:join")) for c in clients])

    assert [r.status_code for r in responses] == [302] * 10
    ids = [p.pk for p in people]
    placed = Membership.objects.filter(user_id__in=ids, status=Membership.Status.ACTIVE)
    assert placed.count() == 2
    assert set(placed.values_list("council_id", flat=True)) == {council.pk}
    assert council.memberships.filter(status=Membership.Status.ACTIVE).count() == 8
    entries = PoolEntry.objects.filter(user_id__in=ids)
    assert entries.filter(status=PoolEntry.Status.MATCHED).count() == 2
    assert entries.filter(status=PoolEntry.Status.WAITING).count() == 8
    assert SeatFill.objects.count() == 2
    assert Council.objects.count() == 2
    assert_consistent()


def test_joins_one_after_another_fill_the_two_seats_and_the_rest_wait():
    """The same on SQLite, where the IMMEDIATE write lock queues the joins."""
    council = _six_and_a_rival()
    people = [factories.make_seeker(in_pool=False) for _ in range(4)]
    clients = [signed_in(person) for person in people]
    responses = at_once(*[lambda c=c: c.post(reverse("pool:join")) for c in clients])
    assert [r.status_code for r in responses] == [302] * 4
    placed = Membership.objects.filter(
        user_id__in=[p.pk for p in people], status=Membership.Status.ACTIVE
    )
    assert placed.count() == 2
    assert council.memberships.filter(status=Membership.Status.ACTIVE).count() == 8
    assert_consistent()
