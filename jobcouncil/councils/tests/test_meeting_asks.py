"""The hot seat: members post asks, others say "I can help"."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Ask, Meeting


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _url(meeting: Meeting, name: str = "meeting-ask-create", *args) -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk, *args])


def test_a_member_posts_an_ask(as_user, seeker, meeting):
    response = as_user(seeker).post(
        _url(meeting),
        {"text": "An intro to someone at Acme Health"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "An intro to someone at Acme Health" in response.content.decode()
    ask = Ask.objects.get()
    assert (ask.meeting, ask.user) == (meeting, seeker)


def test_an_empty_ask_is_refused_next_to_the_field(as_user, seeker, meeting):
    response = as_user(seeker).post(_url(meeting), {"text": "  "}, headers={"HX-Request": "true"})
    assert 'id="ask_text_error"' in response.content.decode()
    assert not Ask.objects.exists()


def test_another_member_offers_help_and_everyone_sees_who(as_user, seeker, fellow, meeting):
    ask = meetings.ask_create(meeting=meeting, user=seeker, text="Mock interview")
    response = as_user(fellow).post(
        _url(meeting, "meeting-ask-help", ask.pk), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert list(ask.helpers.all()) == [fellow]
    html = as_user(seeker).get(_url(meeting, "meeting-detail")).content.decode()
    assert "Fran Fellow" in html.split('id="asks-list"')[1]


def test_offering_twice_records_one_offer(as_user, seeker, fellow, meeting):
    ask = meetings.ask_create(meeting=meeting, user=seeker, text="Mock interview")
    client = as_user(fellow)
    client.post(_url(meeting, "meeting-ask-help", ask.pk))
    client.post(_url(meeting, "meeting-ask-help", ask.pk))
    assert ask.helpers.count() == 1


def test_one_cannot_offer_help_on_ones_own_ask(as_user, seeker, meeting):
    ask = meetings.ask_create(meeting=meeting, user=seeker, text="Mock interview")
    assert as_user(seeker).post(_url(meeting, "meeting-ask-help", ask.pk)).status_code == 400
    assert ask.helpers.count() == 0


def test_asks_and_offers_are_for_active_members(
    client, as_user, seeker, alumnus, outsider, meeting
):
    ask = meetings.ask_create(meeting=meeting, user=seeker, text="Mock interview")
    help_url = _url(meeting, "meeting-ask-help", ask.pk)
    assert client.post(_url(meeting), {"text": "x"}).status_code == 302
    assert client.post(help_url).status_code == 302
    assert as_user(outsider).post(_url(meeting), {"text": "x"}).status_code == 404
    assert as_user(outsider).post(help_url).status_code == 404
    assert as_user(alumnus).post(_url(meeting), {"text": "x"}).status_code == 404  # after they left
    assert as_user(alumnus).post(help_url).status_code == 404  # after they left
    assert Ask.objects.count() == 1 and ask.helpers.count() == 0


def test_a_closed_meeting_refuses_asks_and_offers(as_user, seeker, fellow, meeting):
    ask = meetings.ask_create(meeting=meeting, user=seeker, text="Mock interview")
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    assert as_user(fellow).post(_url(meeting), {"text": "x"}).status_code == 400
    assert as_user(fellow).post(_url(meeting, "meeting-ask-help", ask.pk)).status_code == 400
    assert Ask.objects.count() == 1 and ask.helpers.count() == 0
