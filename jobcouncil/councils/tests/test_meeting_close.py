"""Closing a meeting: defaults for attendance, the exercise done, and a read-only record."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import exercises, meetings
from jobcouncil.councils.models import Attendance, Meeting, Membership


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _url(meeting: Meeting, name: str = "meeting-close", *args) -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk, *args])


def test_the_moderator_is_asked_to_confirm_first(as_user, moderator, meeting):
    response = as_user(moderator).get(_url(meeting))
    assert response.status_code == 200
    assert "Yes, close the meeting" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_closing_records_the_meeting_and_defaults_attendance(
    as_user, moderator, seeker, fellow, alumnus, meeting
):
    meetings.meeting_send_apologies(meeting=meeting, user=fellow)
    meetings.attendance_set(meeting=meeting, statuses={seeker.pk: "present"})
    response = as_user(moderator).post(_url(meeting))
    assert response.status_code == 302
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
    meetings.meeting_close(meeting=meeting)
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


def test_closing_twice_is_refused(meeting):
    meetings.meeting_close(meeting=meeting)
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_close(meeting=meeting)


def test_closing_a_second_thin_meeting_in_a_row_flags_the_council_at_risk(council, moderator):
    from django.utils import timezone as tz

    from jobcouncil.councils.meetings import attendance_set, meeting_close
    from jobcouncil.councils.models import Council

    past = list(council.meetings.filter(starts_at__lt=tz.now()).order_by("starts_at")[:2])
    for meeting in past:
        attendance_set(meeting=meeting, statuses={moderator.pk: "present"})
        meeting_close(meeting=meeting)
    assert Council.objects.get(pk=council.pk).at_risk_since is not None
