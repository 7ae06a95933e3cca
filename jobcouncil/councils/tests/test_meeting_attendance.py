"""Attendance: the moderator marks it; members send apologies ahead of time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.meeting_page import live_stamp
from jobcouncil.councils.models import Attendance, Meeting


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


@pytest.fixture
def started(meeting, time_machine):
    """The same meeting, five minutes after it started (the clock frozen there)."""
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=5), tick=False)
    return meeting


def _url(meeting: Meeting, name: str = "meeting-attendance") -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk])


def test_the_moderator_marks_members(as_user, moderator, seeker, fellow, started):
    response = as_user(moderator).post(
        _url(started),
        {f"user_{seeker.pk}": "present", f"user_{fellow.pk}": "late", f"user_{moderator.pk}": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="section-attendance"' in response.content.decode()
    marks = dict(Attendance.objects.filter(meeting=started).values_list("user_id", "status"))
    assert marks == {seeker.pk: "present", fellow.pk: "late"}


def test_marking_again_changes_the_mark(as_user, moderator, seeker, started):
    client = as_user(moderator)
    client.post(_url(started), {f"user_{seeker.pk}": "absent"})
    client.post(_url(started), {f"user_{seeker.pk}": "late"})
    assert Attendance.objects.get(meeting=started, user=seeker).status == "late"


def test_an_unknown_status_is_refused_and_nothing_saved(
    as_user, moderator, seeker, fellow, started
):
    response = as_user(moderator).post(
        _url(started),
        {f"user_{seeker.pk}": "present", f"user_{fellow.pk}": "asleep"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="attendance_user_{fellow.pk}_error"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_only_the_moderator_marks_attendance(
    client, as_user, seeker, fellow, alumnus, outsider, meeting
):
    data = {f"user_{seeker.pk}": "present"}
    assert client.post(_url(meeting), data).status_code == 302
    assert as_user(outsider).post(_url(meeting), data).status_code == 404
    assert as_user(fellow).post(_url(meeting), data).status_code == 403
    assert as_user(seeker).post(_url(meeting), data).status_code == 403
    assert as_user(alumnus).post(_url(meeting), data).status_code == 404  # after they left
    assert not Attendance.objects.exists()


def test_alumni_are_not_marked(alumnus, meeting):
    with pytest.raises(meetings.MeetingRefused):
        meetings.attendance_set(meeting=meeting, statuses={alumnus.pk: "present"})


def test_a_member_sends_apologies_before_the_meeting(as_user, seeker, moderator, meeting):
    response = as_user(seeker).post(_url(meeting, "meeting-apologies"))
    assert response.status_code == 302
    row = Attendance.objects.get(meeting=meeting, user=seeker)
    assert (row.status, row.sent_apologies) == ("excused", True)
    html = as_user(moderator).get(_url(meeting, "meeting-detail")).content.decode()
    assert "<strong>Sam Seeker</strong>:\n      Excused <small>(sent apologies)</small>" in html


def test_attendance_waits_for_the_start_at_service_and_view(
    as_user, moderator, seeker, meeting, time_machine
):
    time_machine.move_to(meeting.starts_at - dt.timedelta(minutes=10), tick=False)
    client = as_user(moderator)
    html = client.get(_url(meeting, "meeting-detail")).content.decode()
    assert "Attendance opens when the meeting starts." in html
    assert f'action="{_url(meeting)}"' not in html
    response = client.post(_url(meeting), {f"user_{seeker.pk}": "absent"})
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
    with pytest.raises(meetings.MeetingRefused, match="has not started yet"):
        meetings.attendance_set(meeting=meeting, statuses={seeker.pk: "absent"})
    assert not Attendance.objects.filter(meeting=meeting).exists()
    # Once it starts, the page's next poll brings the form in without a reload.
    held = live_stamp(meeting)
    time_machine.move_to(meeting.starts_at, tick=False)
    live = reverse("councils:meeting-live", args=[meeting.council_id, meeting.pk])
    html = client.get(live, {"v": held}, headers={"HX-Request": "true"}).content.decode()
    assert '<section id="section-attendance" aria-labelledby="attendance-title" hx-swap-oob' in html
    assert f'action="{_url(meeting)}"' in html


def test_saving_attendance_confirms_in_the_htmx_response(as_user, moderator, seeker, started):
    response = as_user(moderator).post(
        _url(started), {f"user_{seeker.pk}": "present"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Attendance saved." in response.content.decode()


def test_apologies_are_refused_once_the_meeting_has_started(as_user, seeker, meeting):
    meeting.starts_at = timezone.now() - dt.timedelta(minutes=5)
    meeting.save()
    response = as_user(seeker).post(_url(meeting, "meeting-apologies"))
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_apologies_are_for_active_members(client, as_user, alumnus, outsider, meeting):
    assert client.post(_url(meeting, "meeting-apologies")).status_code == 302
    assert as_user(outsider).post(_url(meeting, "meeting-apologies")).status_code == 404
    assert (
        as_user(alumnus).post(_url(meeting, "meeting-apologies")).status_code == 404
    )  # after they left
    assert not Attendance.objects.exists()


def test_the_page_offers_apologies_only_before_the_start(as_user, seeker, meeting):
    client = as_user(seeker)
    apologies = _url(meeting, "meeting-apologies")
    assert apologies in client.get(_url(meeting, "meeting-detail")).content.decode()
    meeting.starts_at = timezone.now() - dt.timedelta(minutes=5)
    meeting.save()
    assert apologies not in client.get(_url(meeting, "meeting-detail")).content.decode()


def test_the_moderators_cant_make_it_speaks_of_a_backup_only_when_there_is_one(
    as_user, moderator, fellow, meeting
):
    from jobcouncil.councils.models import Membership

    client = as_user(moderator)
    html = client.get(_url(meeting, "meeting-detail")).content.decode()
    assert "your backup can lead this one" not in html
    assert "no backup moderator yet" in html
    Membership.objects.filter(council=meeting.council, user=fellow).update(role="backup")
    html = client.get(_url(meeting, "meeting-detail")).content.decode()
    assert "so your backup can lead this one" in html
    assert "no backup moderator yet" not in html
