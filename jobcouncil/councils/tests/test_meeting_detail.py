"""The live meeting page: who sees it, what it shows, and how many queries it costs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Ask, CheckIn, Commitment, Meeting
from jobcouncil.tests import factories
from jobcouncil.tests.queries import assert_queries


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _url(meeting: Meeting, name: str = "meeting-detail", *args) -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk, *args])


def test_anonymous_visitors_are_sent_to_log_in(client, meeting):
    response = client.get(_url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_member_of_another_council_gets_404(as_user, outsider, meeting):
    assert as_user(outsider).get(_url(meeting)).status_code == 404


def test_a_meeting_of_another_council_is_404_even_for_a_member(as_user, seeker, meeting, outsider):
    other = Meeting.objects.exclude(council=meeting.council).first()
    url = reverse("councils:meeting-detail", args=[meeting.council_id, other.pk])
    assert as_user(seeker).get(url).status_code == 404


def test_a_member_sees_the_agenda_in_order_with_forms(as_user, seeker, meeting):
    response = as_user(seeker).get(_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    order = ["section-checkin", "section-review", "section-exercise", "section-asks"]
    order += ["section-commitments", "section-checkout"]
    positions = [html.index(f'id="{name}"') for name in order]
    assert positions == sorted(positions)
    assert 'name="pulse"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert response["Cache-Control"] == "no-store"
    # Members do not get the moderator's controls.
    assert _url(meeting, "meeting-attendance") not in html
    assert _url(meeting, "meeting-close") not in html


def test_the_moderator_sees_attendance_and_close_once_it_starts(
    as_user, moderator, meeting, time_machine
):
    time_machine.move_to(meeting.starts_at - dt.timedelta(hours=1), tick=False)
    html = as_user(moderator).get(_url(meeting)).content.decode()
    assert _url(meeting, "meeting-attendance") not in html
    assert _url(meeting, "meeting-close") not in html
    assert _url(meeting, "meeting-cancel") in html
    time_machine.move_to(meeting.starts_at, tick=False)
    html = as_user(moderator).get(_url(meeting)).content.decode()
    assert _url(meeting, "meeting-attendance") in html
    assert _url(meeting, "meeting-close") in html


def test_an_alumnus_reads_the_meeting_without_forms(as_user, alumnus, council):
    before_they_left = council.meetings.filter(starts_at__lt=timezone.now()).last()
    response = as_user(alumnus).get(_url(before_they_left))
    assert response.status_code == 200
    assert '<form method="post"' not in response.content.decode().split('id="main"')[1]


def test_a_closed_meeting_is_a_record_without_forms(as_user, moderator, seeker, meeting):
    CheckIn.objects.create(meeting=meeting, user=seeker, pulse=7, line="Hopeful today")
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    html = as_user(moderator).get(_url(meeting)).content.decode()
    main = html.split('id="main"')[1]
    assert "<form" not in main
    assert "Hopeful today" in main
    assert "hx-trigger" not in main  # nothing to poll on a record


def test_times_are_shown_in_the_viewers_timezone(as_user, seeker, meeting):
    seeker.profile.timezone = "Asia/Tokyo"
    seeker.profile.save()
    html = as_user(seeker).get(_url(meeting)).content.decode()
    local = timezone.localtime(meeting.starts_at, timezone=seeker.profile.tzinfo)
    assert f"{local:%H:%M}" in html
    assert "Asia/Tokyo" in html


def _council_meeting_under_way(size: int):
    """A council of `size` with everything a meeting holds: check-ins, last time's commitments
    under review, new ones, an ask each with offers of help."""
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(size - 1)]
    council = factories.make_council(moderator, members)
    past, meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now())[:2]
    past.starts_at = timezone.now() - dt.timedelta(days=3)
    past.save()
    for person in [moderator, *members]:
        CheckIn.objects.create(meeting=meeting, user=person, pulse=6, line="ok", checkout_word="go")
        Commitment.objects.create(
            council=council, user=person, made_at=past, text="Call Ana", due_at=meeting.starts_at
        )
        Commitment.objects.create(
            council=council, user=person, made_at=meeting, text="Apply", due_at=meeting.ends_at
        )
        ask = Ask.objects.create(meeting=meeting, user=person, text="An intro to Acme")
        ask.helpers.add(*[m for m in members if m != person][:3])
    return moderator, members, meeting


@pytest.mark.parametrize("size", [4, 8])
@pytest.mark.parametrize("who", ["moderator", "member"])
def test_the_page_costs_the_same_queries_for_a_council_of_4_or_8(db, client, size, who):
    moderator, members, meeting = _council_meeting_under_way(size)
    client.force_login(moderator if who == "moderator" else members[0])
    response = assert_queries(client, _url(meeting), 15)
    assert response.content.decode().count("<span>Call Ana</span>") == size
