"""New commitments: specific actions with a due date, by default the next meeting."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Commitment, Meeting


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _url(meeting: Meeting, name: str = "meeting-commitment-create") -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk])


def _next(meeting: Meeting) -> Meeting:
    return Meeting.objects.filter(council=meeting.council, starts_at__gt=meeting.starts_at).first()


def test_the_due_date_defaults_to_the_next_meeting_in_the_viewers_timezone(
    as_user, seeker, meeting
):
    seeker.profile.timezone = "Pacific/Auckland"
    seeker.profile.save()
    html = as_user(seeker).get(_url(meeting, "meeting-detail")).content.decode()
    local = _next(meeting).starts_at.astimezone(seeker.profile.tzinfo).date()
    assert f'value="{local.isoformat()}"' in html


def test_a_commitment_due_on_the_default_date_is_due_when_the_council_next_meets(
    as_user, seeker, meeting
):
    due = timezone.localtime(_next(meeting).starts_at, seeker.profile.tzinfo).date()
    response = as_user(seeker).post(
        _url(meeting),
        {"text": "Send my two-pager to Ana", "due": due.isoformat()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Send my two-pager to Ana" in response.content.decode()
    commitment = Commitment.objects.get()
    assert commitment.made_at == meeting and commitment.user == seeker
    assert commitment.status == "open"
    assert commitment.due_at == _next(meeting).starts_at


def test_another_due_date_keeps_the_meeting_time(as_user, seeker, meeting):
    later = timezone.localtime(_next(meeting).starts_at, seeker.profile.tzinfo) + dt.timedelta(
        days=5
    )
    as_user(seeker).post(_url(meeting), {"text": "Apply at Acme", "due": later.date().isoformat()})
    assert Commitment.objects.get().due_at == later


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "", "due": "2099-01-01"}, "text"),
        ({"text": "Apply", "due": "2001-01-01"}, "due"),
        ({"text": "Apply", "due": "someday"}, "due"),
    ],
)
def test_a_bad_commitment_is_shown_next_to_the_field(as_user, seeker, meeting, data, field):
    response = as_user(seeker).post(_url(meeting), data, headers={"HX-Request": "true"})
    assert f'id="commitment_{field}_error"' in response.content.decode()
    assert not Commitment.objects.exists()


def test_commitments_are_for_active_members(client, as_user, alumnus, outsider, meeting):
    data = {"text": "Apply", "due": "2099-01-01"}
    assert client.post(_url(meeting), data).status_code == 302
    assert as_user(outsider).post(_url(meeting), data).status_code == 404
    assert as_user(alumnus).post(_url(meeting), data).status_code == 404  # after they left
    assert not Commitment.objects.exists()


def test_a_closed_meeting_refuses_new_commitments(as_user, seeker, meeting):
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    data = {"text": "Apply", "due": "2099-01-01"}
    assert as_user(seeker).post(_url(meeting), data).status_code == 400
    assert not Commitment.objects.exists()


def test_the_service_refuses_a_due_date_in_the_past(seeker, meeting):
    with pytest.raises(meetings.MeetingRefused):
        meetings.commitment_create(
            meeting=meeting, user=seeker, text="x", due_at=timezone.now() - dt.timedelta(hours=1)
        )


def test_a_due_date_more_than_six_months_ahead_is_refused_next_to_the_field(
    as_user, seeker, meeting
):
    seeker.profile.timezone = "Asia/Tokyo"
    seeker.profile.save()
    with time_machine.travel(timezone.now(), tick=False):
        today = timezone.localdate(timezone=seeker.profile.tzinfo)
        client = as_user(seeker)
        for due in ["9999-12-31", (today + dt.timedelta(days=184)).isoformat()]:
            response = client.post(
                _url(meeting), {"text": "Apply", "due": due}, headers={"HX-Request": "true"}
            )
            html = response.content.decode()
            assert 'id="commitment_due_error"' in html
            assert "within the next six months" in html
        assert not Commitment.objects.exists()
        last = (today + dt.timedelta(days=183)).isoformat()
        client.post(_url(meeting), {"text": "Apply", "due": last}, headers={"HX-Request": "true"})
    assert (
        Commitment.objects.get().due_at.astimezone(seeker.profile.tzinfo).date().isoformat() == last
    )


def test_the_service_refuses_a_due_date_past_the_horizon(seeker, meeting):
    far = dt.datetime(9999, 12, 31, 10, tzinfo=dt.UTC)
    with pytest.raises(meetings.MeetingRefused):
        meetings.commitment_create(meeting=meeting, user=seeker, text="Apply", due_at=far)
    assert not Commitment.objects.exists()
