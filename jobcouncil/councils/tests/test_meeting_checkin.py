"""Check-in and check-out: each member's pulse, line and closing word, their own only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import CheckIn, Meeting
from jobcouncil.tests.queries import assert_queries


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _checkin_url(meeting: Meeting, user) -> str:
    return reverse("councils:meeting-checkin", args=[meeting.council_id, meeting.pk, user.pk])


def _checkout_url(meeting: Meeting, user) -> str:
    return reverse("councils:meeting-checkout", args=[meeting.council_id, meeting.pk, user.pk])


def test_anonymous_visitors_are_sent_to_log_in(client, seeker, meeting):
    response = client.post(_checkin_url(meeting, seeker), {"pulse": 5})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_stranger_gets_404(as_user, outsider, meeting):
    response = as_user(outsider).post(_checkin_url(meeting, outsider), {"pulse": 5})
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_a_member_checks_in_and_sees_the_section_again(as_user, seeker, meeting):
    response = as_user(seeker).post(
        _checkin_url(meeting, seeker),
        {"pulse": "7", "line": " Two interviews this week "},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="section-checkin"')
    checkin = CheckIn.objects.get(meeting=meeting, user=seeker)
    assert (checkin.pulse, checkin.line) == (7, "Two interviews this week")


def test_checking_in_again_updates_the_same_row(as_user, seeker, meeting):
    client = as_user(seeker)
    client.post(_checkin_url(meeting, seeker), {"pulse": "3", "line": "Tired"})
    response = client.post(_checkin_url(meeting, seeker), {"pulse": "6", "line": "Better"})
    assert response.status_code == 302  # without htmx: back to the page
    assert CheckIn.objects.filter(meeting=meeting, user=seeker).count() == 1
    assert CheckIn.objects.get(meeting=meeting, user=seeker).pulse == 6


@pytest.mark.parametrize("pulse", ["0", "11", "", "lots"])
def test_a_pulse_outside_1_to_10_is_shown_next_to_the_field(as_user, seeker, meeting, pulse):
    response = as_user(seeker).post(
        _checkin_url(meeting, seeker),
        {"pulse": pulse, "line": "hm"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="checkin_pulse_error"' in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_member_cannot_check_in_for_someone_else(as_user, fellow, seeker, meeting):
    response = as_user(fellow).post(_checkin_url(meeting, seeker), {"pulse": "2"})
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_even_the_moderator_cannot_change_a_members_check_in(as_user, moderator, seeker, meeting):
    response = as_user(moderator).post(_checkin_url(meeting, seeker), {"pulse": "2"})
    assert response.status_code == 403


def test_an_alumnus_cannot_check_in(as_user, alumnus, council):
    before_they_left = council.meetings.filter(starts_at__lt=timezone.now()).last()
    response = as_user(alumnus).post(_checkin_url(before_they_left, alumnus), {"pulse": "8"})
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_a_closed_meeting_refuses_check_ins(as_user, seeker, meeting):
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    response = as_user(seeker).post(_checkin_url(meeting, seeker), {"pulse": "8"})
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_everyone_sees_everyones_check_in(as_user, seeker, fellow, meeting):
    as_user(fellow).post(_checkin_url(meeting, fellow), {"pulse": "9", "line": "Got an offer!"})
    html = (
        as_user(seeker)
        .get(reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk]))
        .content.decode()
    )
    assert "Got an offer!" in html
    assert "Fran Fellow" in html


def test_a_member_checks_out_with_one_word_keeping_the_check_in(as_user, seeker, meeting):
    client = as_user(seeker)
    client.post(_checkin_url(meeting, seeker), {"pulse": "5", "line": "Meh"})
    response = client.post(
        _checkout_url(meeting, seeker), {"word": "Lighter"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    checkin = CheckIn.objects.get(meeting=meeting, user=seeker)
    assert (checkin.pulse, checkin.checkout_word) == (5, "Lighter")


def test_an_empty_check_out_word_is_refused_next_to_the_field(as_user, seeker, meeting):
    response = as_user(seeker).post(
        _checkout_url(meeting, seeker), {"word": " "}, headers={"HX-Request": "true"}
    )
    assert 'id="checkout_word_error"' in response.content.decode()
    assert not CheckIn.objects.exists()


def test_check_out_is_ones_own_and_members_only(
    as_user, seeker, fellow, alumnus, outsider, meeting
):
    assert as_user(fellow).post(_checkout_url(meeting, seeker), {"word": "x"}).status_code == 403
    assert (
        as_user(alumnus).post(_checkout_url(meeting, alumnus), {"word": "x"}).status_code == 404
    )  # after they left
    assert (
        as_user(outsider).post(_checkout_url(meeting, outsider), {"word": "x"}).status_code == 404
    )
    assert not CheckIn.objects.exists()


def test_the_service_refuses_a_pulse_out_of_range(seeker, meeting):
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_checkin(meeting=meeting, user=seeker, pulse=11, line="")
    assert not CheckIn.objects.exists()


def test_an_htmx_check_in_costs_a_fixed_number_of_queries(as_user, seeker, meeting):
    assert_queries(
        as_user(seeker),
        _checkin_url(meeting, seeker),
        26,  # with the council's row lock every meeting write takes first
        method="post",
        data={"pulse": "6"},
        htmx=True,
    )
