"""Calendar feeds (secret, revocable) and one-off .ics files."""

from icalendar import Calendar

from jobcouncil.councils.models import CalendarFeed


def test_a_member_downloads_one_meeting_as_ics_and_a_stranger_cannot(
    council, seeker, outsider, as_user
):
    meeting = council.meetings.first()
    path = f"/councils/{council.pk}/meetings/{meeting.pk}/meeting.ics"
    response = as_user(seeker).get(path)
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0]["dtstart"].dt == meeting.starts_at
    assert as_user(outsider).get(path).status_code == 404


def test_the_feed_link_is_shown_once_stored_hashed_and_revocable(council, seeker, as_user, client):
    response = as_user(seeker).post("/councils/calendar/", {"action": "issue"})
    url = response.context["url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 22  # at least 128 bits
    assert not CalendarFeed.objects.filter(token_hash=token).exists()
    client.logout()
    feed = client.get(f"/councils/calendar/{token}.ics")
    assert feed.status_code == 200
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) >= 8
    as_user(seeker).post("/councils/calendar/", {"action": "revoke"})
    client.logout()
    assert client.get(f"/councils/calendar/{token}.ics").status_code == 404


def test_a_guessed_token_gets_nothing(db, client):
    assert client.get("/councils/calendar/not-a-real-token.ics").status_code == 404
