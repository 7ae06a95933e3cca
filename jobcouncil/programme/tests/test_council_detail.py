"""The staff's read-only council page: any council, for staff only, with who came and how the
meetings went, and none of the words members shared in their council."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobcouncil.councils.models import Ask, Attendance, CheckIn, Commitment, Council, Meeting
from jobcouncil.tests import factories
from jobcouncil.tests.queries import assert_queries


def url(council) -> str:
    return f"/programme/councils/{council.pk}/"


def _a_closed_meeting_with_private_words(council, seeker, fellow) -> Meeting:
    meeting = council.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
    CheckIn.objects.create(
        meeting=meeting, user=seeker, pulse=2, line="PRIVATE-CHECKIN", checkout_word="PRIVWORD"
    )
    Attendance.objects.create(meeting=meeting, user=seeker, status="present")
    Attendance.objects.create(meeting=meeting, user=fellow, status="excused", sent_apologies=True)
    Commitment.objects.create(
        council=council,
        user=seeker,
        made_at=meeting,
        text="PRIVATE-COMMITMENT",
        due_at=timezone.now() + dt.timedelta(days=3),
    )
    Ask.objects.create(meeting=meeting, user=seeker, text="PRIVATE-ASK")
    meeting.status = Meeting.Status.CLOSED
    meeting.exercise = "wants"
    meeting.notes = "PRIVATE-NOTES"
    meeting.save()
    return meeting


def test_only_staff_open_it_members_and_strangers_get_404(
    council, outsider, seeker, moderator, client, as_user
):
    assert client.get(url(council))["Location"].startswith("/accounts/login/")
    for user in (outsider, seeker, moderator):
        assert as_user(user).get(url(council)).status_code == 404
        assert as_user(user).get("/programme/councils/").status_code == 404


def test_staff_see_members_schedule_and_attendance_but_not_what_members_wrote(
    council, seeker, fellow, moderator, staff, as_user
):
    _a_closed_meeting_with_private_words(council, seeker, fellow)
    page = as_user(staff).get(url(council)).content.decode()
    assert council.name in page
    assert seeker.profile.staff_label in page and moderator.profile.staff_label in page
    assert "Moderator" in page
    assert "twice a week: Mondays at 18:00 and Thursdays at 18:00 (America/Chicago time)" in page
    assert "1 of 2 came" in page
    assert "Wants and don&#x27;t-wants" in page
    assert "1 commitment made" in page and "1 ask for help" in page
    assert "(sent apologies)" in page
    assert "came to 1 of 1 meeting" in page
    for private in (
        "PRIVATE-CHECKIN",
        "PRIVWORD",
        "PRIVATE-COMMITMENT",
        "PRIVATE-ASK",
        "PRIVATE-NOTES",
        council.charter or "no charter",
    ):
        assert private not in page


def test_the_dashboard_links_councils_at_risk_to_this_page_not_the_admin(council, staff, as_user):
    Council.objects.filter(pk=council.pk).update(
        at_risk_since=timezone.now(), needs_moderator_since=timezone.now()
    )
    page = as_user(staff).get("/programme/").content.decode()
    assert page.count(f'href="{url(council)}"') == 2
    assert "/admin/councils/council/" not in page
    assert 'href="/programme/councils/"' in page


def test_it_costs_the_same_queries_however_many_meetings_and_members(
    council, seeker, fellow, staff, as_user
):
    client = as_user(staff)
    _a_closed_meeting_with_private_words(council, seeker, fellow)
    assert_queries(client, url(council), 14)
    for meeting in council.meetings.filter(starts_at__lt=timezone.now()):
        for user in (seeker, fellow):
            Attendance.objects.get_or_create(
                meeting=meeting, user=user, defaults={"status": "late"}
            )
    assert_queries(client, url(council), 14)


def test_older_meeting_records_are_on_later_pages(staff, as_user):
    moderator = factories.make_moderator()
    council = factories.make_council(
        moderator,
        [factories.make_seeker() for _ in range(5)],
        starts_on=(timezone.now() - dt.timedelta(weeks=8)).date(),
    )
    client = as_user(staff)
    first = client.get(url(council)).content.decode()
    assert "Page 1 of 2" in first
    assert client.get(url(council) + "?page=2").status_code == 200


def test_the_council_list_finds_any_council_by_name(council, outsider, staff, as_user):
    client = as_user(staff)
    page = client.get("/programme/councils/").content.decode()
    assert council.name in page and f'href="{url(council)}"' in page
    other = outsider.memberships.get().council
    found = client.get("/programme/councils/", {"q": council.name}).content.decode()
    assert council.name in found and other.name not in found
