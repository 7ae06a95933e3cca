"""The honest wait estimate on the pool status page, from recent confirmed rounds."""

import datetime as dt

from django.utils import timezone

from jobcouncil.councils.models import Membership
from jobcouncil.pool.models import MatchingRound, PoolEntry
from jobcouncil.pool.rounds import wait_estimate_days
from jobcouncil.tests import factories


def test_without_recent_rounds_it_says_it_cannot_estimate(seeker, as_user):
    assert wait_estimate_days("fast") is None
    page = as_user(seeker).get("/pool/").content.decode()
    assert "enough recent rounds to estimate" in page


def test_it_is_the_median_wait_of_people_placed_in_recent_rounds(seeker, as_user):
    now = timezone.now()
    people = [factories.make_moderator()] + [factories.make_seeker() for _ in range(5)]
    council = factories.make_council(people[0], people[1:])
    round_ = MatchingRound.objects.create(
        seeker_types=["fast"], status="confirmed", confirmed_at=now
    )
    council.matching_round = round_
    council.save()
    for days, person in zip([2, 4, 6, 8, 10, 12], people, strict=True):
        PoolEntry.objects.filter(user=person).update(joined_at=now - dt.timedelta(days=days))
    Membership.objects.filter(council=council).update(joined_at=now)
    assert wait_estimate_days("fast") == 8
    assert "placed after about 8 days" in as_user(seeker).get("/pool/").content.decode()


def test_refills_into_older_councils_count_too(db):
    now = timezone.now()
    people = [factories.make_moderator()] + [factories.make_seeker() for _ in range(5)]
    council = factories.make_council(people[0], people[1:])
    old_round = MatchingRound.objects.create(
        seeker_types=["fast"], status="confirmed", confirmed_at=now - dt.timedelta(days=200)
    )
    council.matching_round = old_round
    council.save()
    Membership.objects.filter(council=council).update(joined_at=now - dt.timedelta(days=3))
    for person in people:
        PoolEntry.objects.filter(user=person).update(joined_at=now - dt.timedelta(days=10))
    assert wait_estimate_days("fast") == 7
