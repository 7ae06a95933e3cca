"""Closing a meeting: defaults for attendance, the exercise done, and a read-only record."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import exercises, meetings
from jobcouncil.councils.models import Attendance, Council, Meeting, Membership


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
    with pytest.raises(meetings.MeetingRefused, match="has not started yet"):
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


def _close(meeting, came, now=None):
    """Close a past meeting with `came` of the council's six active members marked present or
    late, the rest left to default to absent."""
    now = now or timezone.now()
    active = list(
        Membership.objects.filter(council=meeting.council, status="active")
        .order_by("pk")
        .values_list("user_id", flat=True)
    )
    assert len(active) == 6
    marks = ["present", "late"] * 3
    meetings.attendance_set(
        meeting=meeting, statuses=dict(zip(active[:came], marks, strict=False)), now=now
    )
    meetings.meeting_close(meeting=meeting, now=now)


def _close_the_last_two_past_meetings(council, came):
    """Close the two latest past meetings, the ones the health check reads."""
    now = timezone.now()
    past = council.meetings.filter(starts_at__lt=now).order_by("-starts_at")[:2]
    for meeting in reversed(list(past)):
        _close(meeting, came, now=now)
    return Council.objects.get(pk=council.pk)


def test_closing_a_second_thin_meeting_in_a_row_flags_the_council_at_risk(council):
    # Two of six came, twice: fewer than half. Flagged as of the moment of the second close.
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        assert _close_the_last_two_past_meetings(council, came=2).at_risk_since == now


def test_a_meeting_left_open_counts_as_thin_only_a_day_after_it_started(council, time_machine):
    from jobcouncil.councils.services import council_health_update

    latest, newer, older = council.meetings.filter(starts_at__lt=timezone.now()).order_by(
        "-starts_at"
    )[:3]
    _close(older, came=4)
    _close(newer, came=1)
    # Two hours after the latest started, nobody has closed it yet: not a sign of trouble yet.
    time_machine.move_to(latest.starts_at + dt.timedelta(hours=2), tick=False)
    assert not council_health_update(council=council)
    # A day on, still open: nobody took attendance, which counts as thin.
    time_machine.move_to(latest.starts_at + dt.timedelta(hours=24, minutes=1), tick=False)
    assert council_health_update(council=council)
    assert Council.objects.get(pk=council.pk).at_risk_since == timezone.now()


def test_the_health_check_reads_the_meetings_before_the_moment_it_is_given(council):
    """`now` is the moment of the check: the periodic command and meeting_close pass theirs."""
    from jobcouncil.councils.services import council_health_update

    latest, newer, older = council.meetings.filter(starts_at__lt=timezone.now()).order_by(
        "-starts_at"
    )[:3]
    _close(older, came=4)
    _close(newer, came=1)
    _close(latest, came=1)
    assert council_health_update(council=council)
    # Just after `newer` started, one thin meeting and a good one were behind: not at risk.
    moment = newer.starts_at + dt.timedelta(minutes=5)
    assert not council_health_update(council=council, now=moment)
    assert Council.objects.get(pk=council.pk).at_risk_since is None


def test_well_attended_meetings_are_not_thin(council):
    # Four of six came (late counts as came), twice.
    assert _close_the_last_two_past_meetings(council, came=4).at_risk_since is None


def test_a_meeting_half_the_council_came_to_is_not_thin(council):
    assert _close_the_last_two_past_meetings(council, came=3).at_risk_since is None


def test_a_well_attended_meeting_ends_the_risk(council):
    council = _close_the_last_two_past_meetings(council, came=1)
    assert council.at_risk_since is not None
    following = council.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    later = following.starts_at + dt.timedelta(minutes=70)
    active = Membership.objects.filter(council=council, status="active").values_list(
        "user_id", flat=True
    )
    meetings.attendance_set(meeting=following, statuses=dict.fromkeys(active, "present"), now=later)
    meetings.meeting_close(meeting=following, now=later)
    assert Council.objects.get(pk=council.pk).at_risk_since is None
