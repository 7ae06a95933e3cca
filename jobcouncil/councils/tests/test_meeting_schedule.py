"""Moving or cancelling one meeting: the moderator's, with a confirmation to cancel."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Meeting


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _url(meeting: Meeting, name: str) -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk])


def test_the_moderator_moves_a_meeting_in_their_own_timezone(as_user, moderator, meeting):
    moderator.profile.timezone = "Europe/Lisbon"
    moderator.profile.save()
    scheduled_for = meeting.scheduled_for
    day = (timezone.now() + dt.timedelta(days=10)).date()
    response = as_user(moderator).post(
        _url(meeting, "meeting-move"), {"date": day.isoformat(), "time": "19:30"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    lisbon = zoneinfo.ZoneInfo("Europe/Lisbon")
    assert meeting.starts_at == dt.datetime.combine(day, dt.time(19, 30), tzinfo=lisbon)
    assert meeting.scheduled_for == scheduled_for


def test_a_move_into_the_past_is_refused_with_a_message(as_user, moderator, meeting):
    before = meeting.starts_at
    response = as_user(moderator).post(
        _url(meeting, "meeting-move"), {"date": "2001-01-01", "time": "10:00"}
    )
    assert response.status_code == 200
    assert "Choose a time in the future." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_cancelling_asks_for_confirmation_then_cancels_one_meeting(as_user, moderator, meeting):
    client = as_user(moderator)
    response = client.get(_url(meeting, "meeting-cancel"))
    assert "Yes, cancel this meeting" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
    assert client.post(_url(meeting, "meeting-cancel")).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert Meeting.objects.filter(council=meeting.council, status="scheduled").exists()
    html = client.get(_url(meeting, "meeting-detail")).content.decode()
    assert "This meeting was cancelled." in html
    assert "<form" not in html.split('id="main"')[1]


def test_only_the_moderator_moves_or_cancels(client, as_user, fellow, alumnus, outsider, meeting):
    move = {"date": (timezone.now() + dt.timedelta(days=9)).date().isoformat(), "time": "10:00"}
    writes = [("meeting-move", move), ("meeting-cancel", {})]
    # `client` is the same client as_user logs in, so the anonymous checks come first.
    for name, data in writes:
        assert client.post(_url(meeting, name), data).status_code == 302
    for name, data in writes:
        assert as_user(outsider).post(_url(meeting, name), data).status_code == 404
        assert as_user(fellow).post(_url(meeting, name), data).status_code == 403
        assert (
            as_user(alumnus).post(_url(meeting, name), data).status_code == 404
        )  # after they left
    before = meeting.starts_at
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at) == ("scheduled", before)


def test_a_cancelled_meeting_takes_no_writes(as_user, seeker, meeting):
    meetings.meeting_cancel(meeting=meeting)
    checkin = reverse("councils:meeting-checkin", args=[meeting.council_id, meeting.pk, seeker.pk])
    assert as_user(seeker).post(checkin, {"pulse": "5"}).status_code == 400
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_move(meeting=meeting, starts_at=timezone.now() + dt.timedelta(days=2))


def test_a_move_into_the_hour_skipped_by_a_clock_change_is_refused(as_user, moderator, meeting):
    moderator.profile.timezone = "Europe/London"
    moderator.profile.save()
    before = meeting.starts_at
    # On 31 March 2030 London's clocks jump from 01:00 to 02:00: 01:30 does not exist.
    with time_machine.travel(dt.datetime(2030, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        response = as_user(moderator).post(
            _url(meeting, "meeting-move"), {"date": "2030-03-31", "time": "01:30"}
        )
    assert response.status_code == 200
    assert "does not exist" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_a_move_beyond_the_meetings_scheduled_ahead_is_refused_next_to_the_date(
    as_user, moderator, meeting
):
    moderator.profile.timezone = "Asia/Singapore"
    moderator.profile.save()
    before = meeting.starts_at
    with time_machine.travel(timezone.now(), tick=False):
        today = timezone.localdate(timezone=moderator.profile.tzinfo)
        client = as_user(moderator)
        for day in ["9999-12-31", (today + dt.timedelta(days=57)).isoformat()]:
            response = client.post(_url(meeting, "meeting-move"), {"date": day, "time": "23:30"})
            assert response.status_code == 200
            html = response.content.decode()
            assert 'id="move_date_error"' in html
            assert "within the next eight weeks" in html
        meeting.refresh_from_db()
        assert meeting.starts_at == before
        last = today + dt.timedelta(days=56)
        client.post(_url(meeting, "meeting-move"), {"date": last.isoformat(), "time": "10:00"})
    meeting.refresh_from_db()
    assert meeting.starts_at.astimezone(moderator.profile.tzinfo).date() == last


def test_the_service_refuses_a_move_past_the_horizon_or_into_the_past(meeting):
    for starts_at in [
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC),
        timezone.now() + dt.timedelta(days=58),
        timezone.now() - dt.timedelta(minutes=1),
    ]:
        with pytest.raises(meetings.MeetingRefused):
            meetings.meeting_move(meeting=meeting, starts_at=starts_at)
