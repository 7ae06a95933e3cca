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
    html = response.content.decode()
    assert 'id="move_date_error"' in html and "Choose a date from today on." in html
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_a_move_earlier_today_is_refused_as_in_the_past(as_user, moderator, meeting):
    with time_machine.travel(dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC), tick=False):
        response = as_user(moderator).post(
            _url(meeting, "meeting-move"), {"date": "2026-12-02", "time": "08:00"}
        )
    assert response.status_code == 200
    assert "Choose a time in the future." in response.content.decode()


def test_a_move_to_the_first_day_of_year_one_east_of_greenwich_is_refused_not_a_500(
    as_user, moderator, meeting
):
    """Found by fuzzing: 0001-01-01 00:00 in Tokyo is in year 0 in UTC (OverflowError)."""
    moderator.profile.timezone = "Asia/Tokyo"
    moderator.profile.save()
    response = as_user(moderator).post(
        _url(meeting, "meeting-move"), {"date": "0001-01-01", "time": "00:00"}
    )
    assert response.status_code == 200
    assert "Choose a date from today on." in response.content.decode()


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
    # The meeting is still ahead at the frozen time below, so it may be moved at all.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=dt.datetime(2030, 3, 28, 18, tzinfo=dt.UTC)
    )
    meeting.refresh_from_db()
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


def _next_two(council):
    return list(Meeting.objects.filter(council=council, starts_at__gt=timezone.now())[:2])


def _local_form(when: dt.datetime, tzname: str) -> dict:
    local = when.astimezone(zoneinfo.ZoneInfo(tzname))
    return {"date": local.date().isoformat(), "time": f"{local:%H:%M}"}


@pytest.mark.parametrize("minutes_later", [0, 30, -59])
def test_a_move_onto_another_meeting_of_the_council_is_refused_next_to_the_field(
    as_user, moderator, council, minutes_later, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    meeting, other = _next_two(council)
    before = meeting.starts_at
    onto = other.starts_at + dt.timedelta(minutes=minutes_later)
    response = as_user(moderator).post(
        _url(meeting, "meeting-move"), _local_form(onto, moderator.profile.timezone)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="move_time_error"' in html
    assert "Your council already meets at" in html.split('id="move_time_error"')[1][:300]
    meeting.refresh_from_db()
    assert meeting.starts_at == before
    with pytest.raises(meetings.MeetingRefused) as refused:
        meetings.meeting_move(meeting=meeting, starts_at=onto)
    assert refused.value.field == "starts_at"


def test_a_move_right_after_another_meeting_or_onto_a_cancelled_one_is_accepted(
    moderator, council, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    meeting, other = _next_two(council)
    right_after = other.starts_at + dt.timedelta(minutes=council.meeting_minutes)
    meetings.meeting_move(meeting=meeting, starts_at=right_after)
    third = Meeting.objects.filter(council=council, starts_at__gt=right_after).first()
    meetings.meeting_cancel(meeting=other)
    meetings.meeting_move(meeting=third, starts_at=other.starts_at)
    third.refresh_from_db()
    assert third.starts_at == other.starts_at


def test_a_meeting_under_way_can_no_longer_be_moved_or_cancelled(
    as_user, moderator, council, time_machine
):
    meeting = _next_two(council)[0]
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=5), tick=False)
    client = as_user(moderator)
    later = _local_form(meeting.starts_at + dt.timedelta(days=2), moderator.profile.timezone)
    assert client.post(_url(meeting, "meeting-move"), later).status_code == 400
    assert client.post(_url(meeting, "meeting-cancel")).status_code == 400
    followed = client.get(_url(meeting, "meeting-cancel"), follow=True)
    assert "can no longer be moved or cancelled" in followed.content.decode()
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_cancel(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_a_meeting_can_be_moved_until_the_second_it_starts_and_not_at_it(council, time_machine):
    """The edge of "under way": a second before the start is still ahead, the start is not."""
    meeting, later = _next_two(council)
    time_machine.move_to(later.starts_at - dt.timedelta(seconds=1), tick=False)
    meetings.meeting_cancel(meeting=later)
    assert meetings.can_reschedule(meeting, now=meeting.starts_at - dt.timedelta(seconds=1))
    assert not meetings.can_reschedule(meeting, now=meeting.starts_at)
    time_machine.move_to(meeting.starts_at, tick=False)
    with pytest.raises(meetings.MeetingRefused, match="already started"):
        meetings.meeting_move(meeting=meeting, starts_at=meeting.starts_at + dt.timedelta(days=1))
    with pytest.raises(meetings.MeetingRefused, match="already started"):
        meetings.meeting_cancel(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert Meeting.objects.get(pk=later.pk).status == Meeting.Status.CANCELLED


def test_moving_tells_each_member_the_old_and_new_time_in_their_own_timezone(
    as_user, moderator, seeker, fellow, alumnus, council, mailoutbox, time_machine
):
    from jobcouncil.notifications.models import OutboxEmail

    time_machine.move_to(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    seeker.profile.timezone = "Asia/Tokyo"
    seeker.profile.save()
    meeting = _next_two(council)[0]
    old = meeting.starts_at
    new = old + dt.timedelta(days=1)
    response = as_user(moderator).post(
        _url(meeting, "meeting-move"), _local_form(new, moderator.profile.timezone), follow=True
    )
    html = response.content.decode()
    assert "The meeting is moved to" in html and "Members are told by email." in html
    emails = {e.user_id: e for e in OutboxEmail.objects.filter(key__startswith="meeting-moved:")}
    active = set(council.memberships.filter(status="active").values_list("user_id", flat=True))
    assert set(emails) == active - {moderator.pk}
    assert alumnus.pk not in emails
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    mine = emails[seeker.pk]
    assert f"{old.astimezone(tokyo):%A %-d %B, %H:%M}" in mine.body_text
    assert f"{new.astimezone(tokyo):%A %-d %B, %H:%M}" in mine.body_text
    assert "Asia/Tokyo" in mine.body_text and "Asia/Tokyo" in mine.body_html
    assert mine.unsubscribe_url in mine.body_text and mine.unsubscribe_url in mine.body_html
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert f"{new.astimezone(chicago):%A %-d %B, %H:%M}" in emails[fellow.pk].body_text


def test_cancelling_tells_members_and_the_council_page_shows_it(
    as_user, moderator, seeker, council, time_machine
):
    from jobcouncil.notifications.models import OutboxEmail

    time_machine.move_to(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    meeting, following = _next_two(council)
    response = as_user(moderator).post(_url(meeting, "meeting-cancel"), follow=True)
    assert "This meeting is cancelled. Members are told by email." in response.content.decode()
    email = OutboxEmail.objects.get(key=f"meeting-cancelled:{meeting.pk}:{seeker.pk}")
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert f"{meeting.starts_at.astimezone(chicago):%A %-d %B, %H:%M}" in email.subject + (
        email.body_text
    )
    assert f"{following.starts_at.astimezone(chicago):%A %-d %B, %H:%M}" in email.body_text
    page = as_user(seeker).get(reverse("councils:council-detail", args=[council.pk]))
    when = f"{meeting.starts_at.astimezone(chicago):%A %-d %B, %H:%M}"
    assert f"the meeting of {when} is cancelled." in page.content.decode()


def test_the_council_page_shows_a_moved_meeting_in_the_viewers_time(
    as_user, moderator, seeker, council, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    seeker.profile.timezone = "Europe/Berlin"
    seeker.profile.save()
    meeting = _next_two(council)[0]
    old = meeting.starts_at
    meetings.meeting_move(meeting=meeting, starts_at=old + dt.timedelta(hours=20))
    html = as_user(seeker).get(reverse("councils:council-detail", args=[council.pk])).content
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    old_text = f"{old.astimezone(berlin):%A %-d %B, %H:%M}"
    new_text = f"{meeting.starts_at.astimezone(berlin):%A %-d %B, %H:%M}"
    assert f"the meeting of {old_text} moved to {new_text} (your time)." in html.decode()


def test_a_page_left_open_on_a_cancelled_meeting_says_so_and_when_the_next_is(
    as_user, seeker, council, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    meeting, following = _next_two(council)
    meetings.meeting_cancel(meeting=meeting)
    checkin = reverse("councils:meeting-checkin", args=[council.pk, meeting.pk, seeker.pk])
    response = as_user(seeker).post(checkin, {"pulse": "5"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    text = response.content.decode()
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    when = f"{following.starts_at.astimezone(chicago):%A %-d %B, %H:%M}"
    assert f"This meeting was cancelled. The next one is on {when} (America/Chicago)." in text
    page = as_user(seeker).get(_url(meeting, "meeting-detail")).content.decode()
    assert "This meeting was cancelled." in page and when in page
    assert "This meeting is over" not in page
