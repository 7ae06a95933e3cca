"""Calendar feeds (secret, revocable) and one-off .ics files: who gets what, and at what cost."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from jobcouncil.councils import meetings as meeting_services
from jobcouncil.councils.models import CalendarFeed, Meeting, Membership
from jobcouncil.councils.services import meetings_ensure
from jobcouncil.tests import factories

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


def _feed_path(token: str) -> str:
    return f"/councils/calendar/{token}.ics"


def test_a_member_downloads_one_meeting_as_ics_and_a_stranger_cannot(
    council, seeker, outsider, as_user, time_machine
):
    time_machine.move_to(NOW, tick=False)
    meeting = council.meetings.filter(starts_at__gt=NOW).first()
    path = f"/councils/{council.pk}/meetings/{meeting.pk}/meeting.ics"
    response = as_user(seeker).get(path)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert events[0]["DTSTART"].dt == meeting.starts_at
    assert events[0]["DTSTART"].params["TZID"] == council.schedule_timezone
    assert events[0]["DTSTAMP"].dt == NOW  # when the file was made, not when the meeting is
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [council.schedule_timezone]
    assert as_user(outsider).get(path).status_code == 404


def test_a_cancelled_meetings_ics_says_it_is_cancelled(council, seeker, as_user):
    meeting = council.meetings.filter(starts_at__gt=timezone.now()).first()
    meeting_services.meeting_cancel(meeting=meeting)
    response = as_user(seeker).get(f"/councils/{council.pk}/meetings/{meeting.pk}/meeting.ics")
    assert Calendar.from_ical(response.content).walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_the_feed_link_is_shown_once_stored_hashed_and_revocable(council, seeker, as_user, client):
    response = as_user(seeker).post("/councils/calendar/", {"action": "issue"})
    url = response.context["url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 22  # at least 128 bits
    assert not CalendarFeed.objects.filter(token_hash=token).exists()
    assert "Make a new link" in as_user(seeker).get("/councils/calendar/").content.decode()
    assert token not in as_user(seeker).get("/councils/calendar/").content.decode()
    client.logout()
    feed = client.get(_feed_path(token))
    assert feed.status_code == 200
    assert feed["Cache-Control"] == "no-store"
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) >= 2
    as_user(seeker).post("/councils/calendar/", {"action": "revoke"})
    client.logout()
    assert client.get(_feed_path(token)).status_code == 404


def test_a_token_grants_its_own_members_council_and_nothing_else(council, seeker, outsider, client):
    _feed, mine = CalendarFeed.issue(seeker)
    _feed, theirs = CalendarFeed.issue(outsider)
    other = Membership.objects.get(user=outsider, status="active").council

    def uids(token):
        feed = Calendar.from_ical(client.get(_feed_path(token)).content)
        return {str(e["UID"]).split("-")[1] for e in feed.walk("VEVENT")}

    assert uids(mine) == {str(council.pk)}
    assert uids(theirs) == {str(other.pk)}


def test_a_new_link_turns_the_old_one_off(council, seeker, client):
    _feed, old = CalendarFeed.issue(seeker)
    _feed, new = CalendarFeed.issue(seeker)
    assert client.get(_feed_path(old)).status_code == 404
    assert client.get(_feed_path(new)).status_code == 200


def test_a_guessed_token_gets_nothing(db, client):
    assert client.get("/councils/calendar/not-a-real-token.ics").status_code == 404


def test_a_member_who_left_keeps_a_working_link_with_no_meetings(council, fellow, client):
    _feed, token = CalendarFeed.issue(fellow)
    Membership.objects.filter(user=fellow).update(
        status=Membership.Status.LEFT, left_at=timezone.now()
    )
    response = client.get(_feed_path(token))
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_the_feed_costs_three_queries_whatever_the_councils_history(db, client, time_machine):
    time_machine.move_to(NOW, tick=False)
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(7)]
    council = factories.make_council(moderator, members, now=NOW - dt.timedelta(weeks=60))
    meetings_ensure(council=council, start=NOW - dt.timedelta(weeks=60), until=NOW)
    rows = list(council.meetings.order_by("starts_at"))
    assert len(rows) >= 100
    for meeting in rows[-30::3]:  # moved ones each become an override
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=meeting.starts_at + dt.timedelta(hours=2)
        )
    Meeting.objects.filter(pk__in=[m.pk for m in rows[-29::5]]).update(status="cancelled")
    _feed, token = CalendarFeed.issue(members[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_feed_path(token))
    assert response.status_code == 200
    assert len(queries) == 3, "\n".join(q["sql"] for q in queries.captured_queries)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) > 2
