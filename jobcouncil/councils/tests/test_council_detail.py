"""The council home page: who may see it, what it shows, and how many queries it costs."""

import datetime as dt

import pytest
from django.utils import timezone

from jobcouncil.councils.models import Attendance, Meeting, Membership
from jobcouncil.tests import factories
from jobcouncil.tests.queries import assert_queries


def url(council):
    return f"/councils/{council.pk}/"


def test_anonymous_visitors_are_sent_to_log_in(client, council):
    assert client.get(url(council)).status_code == 302


def test_members_of_other_councils_and_staff_get_404(council, outsider, staff, as_user, client):
    assert as_user(outsider).get(url(council)).status_code == 404
    client.force_login(staff)
    assert client.get(url(council)).status_code == 404


def test_a_member_who_left_can_no_longer_see_it(council, fellow, as_user):
    Membership.objects.filter(user=fellow).update(
        status=Membership.Status.LEFT, left_at=timezone.now()
    )
    assert as_user(fellow).get(url(council)).status_code == 404


def test_members_see_the_council_the_moderator_and_the_next_meeting(council, seeker, as_user):
    page = as_user(seeker).get(url(council)).content.decode()
    assert council.name in page
    assert "Mo Moderator" in page and "moderator" in page
    assert "Fran Fellow" in page
    assert council.video_url in page
    assert "Next meeting" in page


def test_times_are_shown_in_the_viewers_own_timezone(council, seeker, fellow, as_user, client):
    next_meeting = council.meetings.filter(starts_at__gte=timezone.now()).first()
    seeker.profile.timezone = "Asia/Kolkata"
    seeker.profile.save()
    page = as_user(seeker).get(url(council)).content.decode()
    local = next_meeting.starts_at.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    assert local.strftime("%H:%M") in page


def test_alumni_can_read_but_get_no_actions(council, alumnus, as_user):
    response = as_user(alumnus).get(url(council))
    assert response.status_code == 200
    assert "As an alumnus" in response.content.decode()
    assert "Leave this council" not in response.content.decode()


INVITE = "Would you consider moderating?"


def test_members_who_attended_a_few_meetings_are_invited_to_moderate(council, seeker, as_user):
    first, second, third, fourth = council.meetings.filter(starts_at__lt=timezone.now())[:4]
    client = as_user(seeker)
    assert INVITE not in client.get(url(council)).content.decode()  # none attended yet
    Attendance.objects.create(meeting=first, user=seeker, status="present")
    Attendance.objects.create(meeting=second, user=seeker, status="late")  # late is attending
    Attendance.objects.create(meeting=third, user=seeker, status="excused")  # excused is not
    Attendance.objects.create(meeting=fourth, user=seeker, status="absent")
    assert INVITE not in client.get(url(council)).content.decode()  # two of three
    Attendance.objects.filter(meeting=third, user=seeker).update(status="present")
    assert INVITE in client.get(url(council)).content.decode()


def test_members_who_already_volunteered_are_not_invited_again(council, seeker, as_user):
    for meeting in council.meetings.filter(starts_at__lt=timezone.now())[:3]:
        Attendance.objects.create(meeting=meeting, user=seeker, status="present")
    seeker.profile.volunteers_to_moderate = True
    seeker.profile.save()
    assert INVITE not in as_user(seeker).get(url(council)).content.decode()


def test_alumni_are_not_invited_to_moderate(council, alumnus, as_user):
    for meeting in council.meetings.filter(starts_at__lt=timezone.now())[:3]:
        Attendance.objects.create(meeting=meeting, user=alumnus, status="present")
    page = as_user(alumnus).get(url(council)).content.decode()
    assert "As an alumnus" in page and INVITE not in page


@pytest.mark.parametrize(("size", "weeks"), [(4, 6), (8, 30)])
def test_the_page_costs_the_same_queries_for_4_members_and_10_meetings_or_8_and_50(
    db, as_user, size, weeks
):
    from jobcouncil.councils.services import meetings_ensure

    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(size - 1)]
    council = factories.make_council(
        moderator, members, now=timezone.now() - dt.timedelta(weeks=weeks + 4)
    )
    start = timezone.now() - dt.timedelta(weeks=weeks)
    meetings_ensure(council=council, start=start, until=timezone.now() + dt.timedelta(weeks=2))
    past = list(council.meetings.filter(starts_at__lt=timezone.now()))
    assert len(past) >= 2 * weeks - 2
    Meeting.objects.filter(pk__in=[m.pk for m in past]).update(status="closed")
    Attendance.objects.bulk_create(
        Attendance(meeting=m, user=u, status="present") for m in past for u in members
    )
    for viewer in (members[0], moderator):
        # The viewer's apologies for the next meeting, their calendar link and the workbook
        # drafts members shared (the shares and their fit lines) and the next step included.
        assert_queries(as_user(viewer), f"/councils/{council.pk}/", 16)


CHICAGO_MON_THU_18 = [{"weekday": 0, "time": "18:00"}, {"weekday": 3, "time": "18:00"}]


def test_the_weekly_pattern_is_shown_in_the_viewers_timezone(db, as_user, time_machine):
    # Mondays and Thursdays 18:00 in Chicago are Tuesday and Friday mornings in Tokyo: 09:00
    # in Chicago's winter (UTC-6), 08:00 in its summer (UTC-5); Tokyo keeps no summer time.
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    time_machine.move_to(now, tick=False)
    council, viewer = _new_council(
        tzname="America/Chicago",
        times=CHICAGO_MON_THU_18,
        starts_on=dt.date(2026, 12, 7),
        now=now,
        viewer_tz="Asia/Tokyo",
    )
    page = as_user(viewer).get(url(council)).content.decode()
    assert "Tuesdays at 09:00 and Fridays at 09:00" in page
    time_machine.move_to(dt.datetime(2027, 6, 1, 10, 0, tzinfo=dt.UTC), tick=False)
    page = as_user(viewer).get(url(council)).content.decode()
    assert "Tuesdays at 08:00 and Fridays at 08:00" in page


# The weekly pattern is read from the schedule, in the viewer's zone, with the zone named.


def _new_council(*, tzname, times, starts_on, now, seeker_type="fast", viewer_tz=None):
    from jobcouncil.councils.services import council_create

    moderator = factories.make_moderator(timezone=tzname, seeker_type=seeker_type)
    viewer = factories.make_seeker(timezone=viewer_tz or tzname, seeker_type=seeker_type)
    others = [factories.make_seeker(seeker_type=seeker_type) for _ in range(4)]
    council = council_create(
        name="Pattern council",
        seeker_type=seeker_type,
        moderator=moderator,
        members=[viewer, *others],
        schedule_timezone=tzname,
        meeting_times=times,
        starts_on=starts_on,
        now=now,
    )
    return council, viewer


MON_WED_11 = [{"weekday": 0, "time": "11:00"}, {"weekday": 2, "time": "11:00"}]


def test_a_council_formed_this_week_names_both_of_its_weekly_times(db, as_user, time_machine):
    # Confirmed on Tuesday 1 December; its weeks start on Monday 7 December, so the coming
    # seven days hold only the Monday meeting. The sentence must still name both.
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    time_machine.move_to(now, tick=False)
    council, viewer = _new_council(
        tzname="America/New_York", times=MON_WED_11, starts_on=dt.date(2026, 12, 7), now=now
    )
    page = as_user(viewer).get(url(council)).content.decode()
    assert "meets twice a week" in page
    assert "Mondays at 11:00 and Wednesdays at 11:00" in page
    assert "your time, America/New_York" in page


def test_a_slow_council_in_its_week_off_still_shows_its_time(db, as_user, time_machine):
    now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)  # Wednesday of the week off
    time_machine.move_to(now, tick=False)
    council, viewer = _new_council(
        tzname="Europe/London",
        times=[{"weekday": 1, "time": "19:00"}],
        starts_on=dt.date(2026, 11, 30),
        now=now - dt.timedelta(days=2),
        seeker_type="slow",
    )
    assert not council.meetings.filter(
        starts_at__gte=now, starts_at__lt=now + dt.timedelta(days=7)
    ).exists()
    page = as_user(viewer).get(url(council)).content.decode()
    assert "meets every two weeks" in page
    assert "Tuesdays at 19:00" in page and "your time, Europe/London" in page


def test_the_weekday_shifts_for_a_viewer_across_midnight(db, as_user, time_machine):
    # Mondays and Thursdays 18:00 in Los Angeles are Tuesday and Friday mornings in Tokyo.
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    time_machine.move_to(now, tick=False)
    council, viewer = _new_council(
        tzname="America/Los_Angeles",
        times=[{"weekday": 0, "time": "18:00"}, {"weekday": 3, "time": "18:00"}],
        starts_on=dt.date(2026, 12, 7),
        now=now,
        viewer_tz="Asia/Tokyo",
    )
    page = as_user(viewer).get(url(council)).content.decode()
    assert "Tuesdays at 11:00 and Fridays at 11:00" in page
    assert "your time, Asia/Tokyo" in page


def test_the_pattern_follows_a_clock_change_in_one_zone_only(db, as_user, time_machine):
    # Monday 18:00 in Berlin is 12:00 in New York, but 13:00 in the weeks between the US
    # change (8 March 2026) and Europe's (29 March).
    now = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)  # the coming week is before both
    time_machine.move_to(now, tick=False)
    council, viewer = _new_council(
        tzname="Europe/Berlin",
        times=[{"weekday": 0, "time": "18:00"}, {"weekday": 3, "time": "18:00"}],
        starts_on=dt.date(2026, 3, 2),
        now=now,
        viewer_tz="America/New_York",
    )
    assert (
        "Mondays at 12:00 and Thursdays at 12:00"
        in as_user(viewer).get(url(council)).content.decode()
    )
    time_machine.move_to(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=False)  # between
    assert (
        "Mondays at 13:00 and Thursdays at 13:00"
        in as_user(viewer).get(url(council)).content.decode()
    )


# "I can't make it", from the council page, through the meeting page's own form and view.


def _next(council):
    return council.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()


def test_a_member_sends_apologies_for_the_next_meeting_from_the_council_page(
    council, seeker, as_user
):
    client = as_user(seeker)
    meeting = _next(council)
    page = client.get(url(council)).content.decode()
    action = f"/councils/{council.pk}/meetings/{meeting.pk}/apologies/"
    assert f'action="{action}"' in page and "I can't make it" in page
    response = client.post(action, {"back": "council"})
    assert response.status_code == 302
    assert response["Location"] == f"{url(council)}#section-apologies"
    attendance = Attendance.objects.get(meeting=meeting, user=seeker)
    assert attendance.sent_apologies and attendance.status == "excused"
    page = client.get(url(council)).content.decode()
    assert "You've sent your apologies for this meeting" in page
    assert f'action="{action}"' not in page


def test_apologies_sent_from_the_meeting_page_still_go_back_there(council, seeker, as_user):
    meeting = _next(council)
    response = as_user(seeker).post(f"/councils/{council.pk}/meetings/{meeting.pk}/apologies/")
    assert response["Location"] == f"/councils/{council.pk}/meetings/{meeting.pk}/"


def test_no_apologies_form_for_alumni_strangers_or_a_cancelled_next_meeting(
    council, seeker, alumnus, outsider, as_user
):
    meeting = _next(council)
    action = f"/councils/{council.pk}/meetings/{meeting.pk}/apologies/"
    assert action not in as_user(alumnus).get(url(council)).content.decode()
    assert as_user(outsider).post(action, {"back": "council"}).status_code == 404
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    assert action not in as_user(seeker).get(url(council)).content.decode()


# The charter


def test_the_charter_stays_readable_after_it_is_accepted(council, seeker, as_user):
    client = as_user(seeker)
    first_line = "Confidentiality: what is said in the council stays in the council."
    page = client.get(url(council)).content.decode()
    assert first_line in page and "I accept the charter" in page
    client.post(f"/councils/{council.pk}/charter/")
    page = client.get(url(council)).content.decode()
    assert first_line in page
    assert "I accept the charter" not in page
    assert "You accepted it on" in page


def test_alumni_can_still_read_the_charter(council, alumnus, as_user):
    assert "Confidentiality" in as_user(alumnus).get(url(council)).content.decode()
