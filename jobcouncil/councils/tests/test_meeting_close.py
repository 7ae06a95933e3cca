"""Closing a meeting: defaults for attendance, the exercise done, and a read-only record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import exercises, meetings
from jobcouncil.councils.models import Attendance, Meeting, Membership


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


@pytest.fixture
def started(meeting, time_machine):
    """The same meeting, ten minutes after it started (the clock frozen there)."""
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=10), tick=False)
    return meeting


def _url(meeting: Meeting, name: str = "meeting-close", *args) -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk, *args])


def test_the_moderator_is_asked_to_confirm_first(as_user, moderator, started):
    response = as_user(moderator).get(_url(started))
    assert response.status_code == 200
    assert "Yes, close the meeting" in response.content.decode()
    started.refresh_from_db()
    assert started.status == "scheduled"


def test_a_meeting_that_has_not_started_cannot_be_closed(
    as_user, moderator, seeker, meeting, time_machine
):
    time_machine.move_to(meeting.starts_at - dt.timedelta(minutes=15), tick=False)
    client = as_user(moderator)
    page = client.get(_url(meeting, "meeting-detail")).content.decode()
    assert _url(meeting) not in page
    assert "once it starts" in page
    # The confirmation page is not offered: back to the meeting, with the reason.
    response = client.get(_url(meeting), follow=True)
    assert response.redirect_chain[-1][0] == _url(meeting, "meeting-detail")
    assert "has not started yet" in response.content.decode()
    assert "Yes, close the meeting" not in response.content.decode()
    response = client.post(_url(meeting))
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_close(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_once_started_the_page_offers_closing(as_user, moderator, started):
    page = as_user(moderator).get(_url(started, "meeting-detail")).content.decode()
    assert _url(started) in page
    # Moving or cancelling a meeting under way is no longer offered.
    assert _url(started, "meeting-move") not in page
    assert _url(started, "meeting-cancel") not in page


def test_closing_records_the_meeting_and_defaults_attendance(
    as_user, moderator, seeker, fellow, alumnus, meeting, time_machine
):
    meetings.meeting_send_apologies(meeting=meeting, user=fellow)
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=50), tick=False)
    meetings.attendance_set(meeting=meeting, statuses={seeker.pk: "present"})
    response = as_user(moderator).post(_url(meeting), follow=True)
    assert "The meeting is closed." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "closed"
    assert meeting.closed_at is not None
    marks = dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "status"))
    active = Membership.objects.filter(council=meeting.council, status="active")
    assert set(marks) == set(active.values_list("user_id", flat=True))
    assert alumnus.pk not in marks
    assert marks[seeker.pk] == "present"
    assert marks[fellow.pk] == "excused"
    assert marks[moderator.pk] == "absent"


def test_closing_records_the_suggested_exercise_unless_skipped(moderator, council):
    first, second, third = Meeting.objects.filter(council=council)[:3]
    meetings.meeting_close(meeting=first)
    meetings.meeting_set_exercise(meeting=second, exercise="", skipped=True)
    meetings.meeting_close(meeting=second)
    meetings.meeting_close(meeting=third)
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert first.exercise == exercises.PATH[0].key
    assert second.exercise == "" and second.exercise_skipped
    assert third.exercise == exercises.PATH[1].key


def test_only_the_moderator_closes(client, as_user, seeker, fellow, alumnus, outsider, meeting):
    assert client.post(_url(meeting)).status_code == 302
    assert as_user(outsider).post(_url(meeting)).status_code == 404
    assert as_user(outsider).get(_url(meeting)).status_code == 404
    assert as_user(fellow).post(_url(meeting)).status_code == 403
    assert as_user(alumnus).post(_url(meeting)).status_code == 404  # after they left
    assert as_user(fellow).get(_url(meeting)).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_a_closed_meeting_refuses_every_write(as_user, moderator, seeker, meeting):
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    writes = [
        _url(meeting, "meeting-close"),
        _url(meeting, "meeting-checkin", moderator.pk),
        _url(meeting, "meeting-checkout", moderator.pk),
        _url(meeting, "meeting-exercise"),
        _url(meeting, "meeting-ask-create"),
        _url(meeting, "meeting-commitment-create"),
        _url(meeting, "meeting-attendance"),
        _url(meeting, "meeting-apologies"),
        _url(meeting, "meeting-move"),
        _url(meeting, "meeting-cancel"),
    ]
    client = as_user(moderator)
    for url in writes:
        assert client.post(url, {"pulse": "5", "word": "x", "text": "x"}).status_code == 400, url
    meeting.refresh_from_db()
    assert meeting.status == "closed"
    assert not meeting.checkins.exists() and not meeting.asks.exists()


def test_closing_twice_is_refused(started):
    meetings.meeting_close(meeting=started)
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_close(meeting=started)


def test_someone_who_joined_within_the_notice_is_not_recorded_absent(
    council, moderator, started, settings
):
    from jobcouncil.tests import factories

    settings.FIRST_MEETING_NOTICE_HOURS = 24
    newcomer = factories.make_seeker()
    Membership.objects.create(
        council=council, user=newcomer, joined_at=started.starts_at - dt.timedelta(hours=3)
    )
    meetings.meeting_close(meeting=started)
    marks = dict(Attendance.objects.filter(meeting=started).values_list("user_id", "status"))
    assert newcomer.pk not in marks
    assert marks[moderator.pk] == "absent"


def test_closing_a_second_thin_meeting_in_a_row_flags_the_council_at_risk(council, moderator):
    from django.utils import timezone as tz

    from jobcouncil.councils.meetings import attendance_set, meeting_close
    from jobcouncil.councils.models import Council

    past = list(council.meetings.filter(starts_at__lt=tz.now()).order_by("starts_at")[:2])
    for meeting in past:
        attendance_set(meeting=meeting, statuses={moderator.pk: "present"})
        meeting_close(meeting=meeting)
    assert Council.objects.get(pk=council.pk).at_risk_since is not None
