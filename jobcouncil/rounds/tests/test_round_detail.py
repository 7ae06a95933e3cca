"""A round's own page shows its proposed councils twenty a page and names the first hundred
people left unplaced (counting the reasons of all), so a round over a big pool loads a page of
people, not the whole pool."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobcouncil.rounds.models import MatchingRound
from jobcouncil.tests import factories


def test_it_names_a_hundred_unplaced_people_and_counts_the_rest_by_reason(staff, as_user):
    people = [factories.make_seeker(f"left{i:03d}@example.org") for i in range(120)]
    unplaced = [
        {"id": f"u{user.pk}", "reason": "no common time" if i % 3 else "too few of a kind"}
        for i, user in enumerate(people)
    ]
    matching_round = MatchingRound.objects.create(
        seeker_types=["fast"],
        status=MatchingRound.Status.CONFIRMED,
        result={"stats": {}, "councils": [], "refilled": [], "unplaced": unplaced},
        stats={},
    )
    with CaptureQueriesContext(connection) as captured:
        page = as_user(staff).get(f"/pool/rounds/{matching_round.pk}/").content.decode()
    assert "120 people, each with the reason" in page
    assert "no common time: 80" in page and "too few of a kind: 40" in page
    assert "And 20 more people, not listed here." in page
    assert page.count(" — no common time") + page.count(" — too few of a kind") == 100
    loaded = [
        re.search(r'"accounts_user"\."id" IN \(([^)]*)\)', q["sql"])
        for q in captured.captured_queries
    ]
    ids = [found.group(1).split(",") for found in loaded if found]
    assert len(ids) == 1 and len(ids[0]) == 100  # the people named, not all 120


def test_it_shows_the_proposed_councils_twenty_a_page_and_confirms_them_all(staff, as_user):
    proposals = [
        {"seeker_type": "fast", "moderator": "u0", "members": [], "slots": [], "fit": 0.5}
        for _ in range(45)
    ]
    matching_round = MatchingRound.objects.create(
        seeker_types=["fast"],
        status=MatchingRound.Status.PREVIEW,
        result={"stats": {}, "councils": proposals, "refilled": [], "unplaced": []},
        stats={},
    )
    client = as_user(staff)
    first = client.get(f"/pool/rounds/{matching_round.pk}/").content.decode()
    assert "<dt>New councils</dt><dd>45</dd>" in first
    assert first.count("<article>") == 20 and "Page 1 of 3" in first
    assert "Confirming creates all 45 councils, on every page below." in first
    last = client.get(f"/pool/rounds/{matching_round.pk}/?page=3").content.decode()
    assert last.count("<article>") == 5


@pytest.mark.parametrize("n_councils", [3, 60])
def test_its_queries_do_not_grow_with_the_round(
    staff, as_user, n_councils, django_assert_num_queries
):
    members = [factories.make_seeker(f"member{i:03d}@example.org") for i in range(6)]
    proposal = {
        "seeker_type": "fast",
        "moderator": f"u{members[0].pk}",
        "members": [f"u{m.pk}" for m in members],
        "slots": [],
        "fit": 0.5,
    }
    matching_round = MatchingRound.objects.create(
        seeker_types=["fast"],
        status=MatchingRound.Status.PREVIEW,
        result={"stats": {}, "councils": [proposal] * n_councils, "refilled": [], "unplaced": []},
        stats={},
    )
    client = as_user(staff)
    with django_assert_num_queries(6):
        assert client.get(f"/pool/rounds/{matching_round.pk}/").status_code == 200
