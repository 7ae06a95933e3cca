"""The council home page: who may see it, what it shows, and how many queries it costs."""

import datetime as dt

from django.utils import timezone

from jobcouncil.councils.models import Attendance, Meeting, Membership
from jobcouncil.tests import factories


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


def test_members_who_attended_a_few_meetings_are_invited_to_moderate(council, seeker, as_user):
    for meeting in council.meetings.filter(starts_at__lt=timezone.now())[:3]:
        Attendance.objects.create(meeting=meeting, user=seeker, status="present")
    assert "Would you consider moderating?" in as_user(seeker).get(url(council)).content.decode()


def test_the_page_costs_a_bounded_number_of_queries_with_8_members_and_50_meetings(
    django_assert_max_num_queries, db, as_user
):
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(7)]
    council = factories.make_council(
        moderator, members, now=timezone.now() - dt.timedelta(weeks=30)
    )
    start = timezone.now() - dt.timedelta(weeks=26)
    from jobcouncil.councils.services import meetings_ensure

    meetings_ensure(council=council, start=start, until=timezone.now() + dt.timedelta(weeks=2))
    past = list(council.meetings.filter(starts_at__lt=timezone.now()))
    assert len(past) >= 50
    Meeting.objects.filter(pk__in=[m.pk for m in past]).update(status="closed")
    Attendance.objects.bulk_create(
        Attendance(meeting=m, user=u, status="present") for m in past for u in members
    )
    client = as_user(members[0])
    with django_assert_max_num_queries(14):
        assert client.get(f"/councils/{council.pk}/").status_code == 200


def test_the_weekly_pattern_is_shown_in_the_viewers_timezone(council, seeker, as_user):
    # The council meets Mondays and Thursdays 18:00 in Chicago; in Tokyo that is Tue/Fri morning.
    seeker.profile.timezone = "Asia/Tokyo"
    seeker.profile.save()
    page = as_user(seeker).get(url(council)).content.decode()
    assert "Tuesdays at 09:00 and Fridays at 09:00" in page or (
        "Tuesdays at 08:00 and Fridays at 08:00" in page
    )
