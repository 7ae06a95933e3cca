"""Double clicks store once: ten identical posts at once make one ask and one commitment,
six clicks on "Start a round" start one round (real concurrent connections)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import Ask, Commitment, Meeting
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.tests.concurrently import at_once, same_session, signed_in


def _at_once(n: int, user, post: Callable[[Client], int]) -> list[int]:
    """n tabs of one session post at the same moment; their status codes."""
    tab = signed_in(user)
    return at_once(*(lambda: post(same_session(tab)) for _ in range(n)))


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


@pytest.mark.django_db(transaction=True)
def test_ten_identical_asks_at_once_store_one(seeker, meeting):
    url = reverse("councils:meeting-ask-create", args=[meeting.council_id, meeting.pk])
    data = {"text": "An intro to someone at Acme"}
    statuses = _at_once(10, seeker, lambda c: c.post(url, data).status_code)
    assert statuses == [302] * 10
    assert Ask.objects.filter(meeting=meeting, user=seeker).count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_identical_commitments_at_once_store_one(seeker, meeting):
    url = reverse("councils:meeting-commitment-create", args=[meeting.council_id, meeting.pk])
    due = timezone.localdate(timezone=seeker.profile.tzinfo) + dt.timedelta(days=9)
    data = {"text": "Send my two-pager to Ana", "due": due.isoformat()}
    statuses = _at_once(10, seeker, lambda c: c.post(url, data).status_code)
    assert statuses == [302] * 10
    assert Commitment.objects.filter(made_at=meeting, user=seeker).count() == 1


def test_a_different_ask_or_commitment_is_stored_beside_the_first(as_user, seeker, meeting):
    client = as_user(seeker)
    args = [meeting.council_id, meeting.pk]
    for text in ("An intro at Acme", "A CV review"):
        client.post(reverse("councils:meeting-ask-create", args=args), {"text": text})
    due = timezone.localdate(timezone=seeker.profile.tzinfo) + dt.timedelta(days=9)
    for text in ("Apply at Acme", "Call Ana"):
        client.post(
            reverse("councils:meeting-commitment-create", args=args),
            {"text": text, "due": due.isoformat()},
        )
    assert Ask.objects.filter(meeting=meeting).count() == 2
    assert Commitment.objects.filter(made_at=meeting).count() == 2


@pytest.mark.django_db(transaction=True)
def test_six_clicks_on_start_a_round_start_one(staff, settings):
    # The worker is elsewhere: rounds stay queued, as in production while one runs.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    data = {"seeker_types": ["fast", "slow"]}
    statuses = _at_once(6, staff, lambda c: c.post("/pool/rounds/", data).status_code)
    assert statuses == [302] * 6
    assert MatchingRound.objects.count() == 1
    client = Client()
    client.force_login(staff)
    response = client.post("/pool/rounds/", data, follow=True)
    assert "A round was already running" in response.content.decode()
    assert MatchingRound.objects.count() == 1
