"""The calendar feed as calendar programs read it: expanded by a second library
(recurring-ical-events) across daylight-saving changes in the schedule's zone, for members in
other zones, and compared with the meetings the app holds; and its structure."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from jobcouncil.councils import meetings as meeting_services
from jobcouncil.councils.models import CalendarFeed, Meeting
from jobcouncil.tests import factories

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
VIEWERS = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"]
# Each season's council starts on a Monday and holds eight weeks of meetings, across the
# US clock change (8 March / 1 November 2026) and Europe's (29 March / 25 October).
SEASONS = {
    "march": (dt.date(2026, 2, 16), dt.datetime(2026, 2, 25, 12, 0, tzinfo=dt.UTC)),
    "november": (dt.date(2026, 10, 5), dt.datetime(2026, 10, 14, 12, 0, tzinfo=dt.UTC)),
}
TIMES = {
    "fast": [{"weekday": 0, "time": "11:00"}, {"weekday": 2, "time": "11:00"}],
    "slow": [{"weekday": 1, "time": "11:00"}],
}


@pytest.fixture(params=[(s, k) for s in SEASONS for k in TIMES], ids=lambda p: f"{p[0]}-{p[1]}")
def setting(request, db, time_machine):
    """A New York council with a closed, a missed, a moved and a cancelled meeting."""
    season, kind = request.param
    starts_on, now = SEASONS[season]
    time_machine.move_to(now, tick=False)
    moderator = factories.make_moderator(timezone="America/New_York")
    members = [factories.make_seeker(timezone=tz, seeker_type=kind) for tz in VIEWERS[1:]]
    council = factories.make_council(
        moderator,
        members,
        seeker_type=kind,
        schedule_timezone="America/New_York",
        meeting_times=TIMES[kind],
        starts_on=starts_on,
    )
    rows = list(council.meetings.order_by("scheduled_for"))
    past = [m for m in rows if m.starts_at < now]
    future = [m for m in rows if m.starts_at > now]
    meeting_services.meeting_close(meeting=past[0])
    if len(past) > 1:  # a week the worker was down: no meeting was ever created
        past[1].delete()
    # Moved to two days later at 15:00 New York time, then one cancelled, across the changes.
    moved = future[1]
    new_start = (moved.starts_at.astimezone(NEW_YORK) + dt.timedelta(days=2)).replace(hour=15)
    meeting_services.meeting_move(meeting=moved, starts_at=new_start)
    meeting_services.meeting_cancel(meeting=future[2])
    _feed, token = CalendarFeed.issue(members[0])
    return council, token, now


def _feed(client, token) -> Calendar:
    response = client.get(f"/councils/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _expanded(calendar: Calendar, tz: zoneinfo.ZoneInfo, start, end) -> list[str]:
    events = recurring_ical_events.of(calendar).between(start, end)
    starts = [e["DTSTART"].dt for e in events if e.get("STATUS", "") != "CANCELLED"]
    return _wall_clock(starts, tz)


def _wall_clock(moments, tz: zoneinfo.ZoneInfo) -> list[str]:
    return [f"{t.astimezone(tz):%a %Y-%m-%d %H:%M}" for t in sorted(moments)]


def _held(council, tz: zoneinfo.ZoneInfo, start, end) -> list[str]:
    """The meetings the app shows as taking place: every row but the cancelled ones."""
    rows = council.meetings.exclude(status=Meeting.Status.CANCELLED).filter(
        starts_at__gte=start, starts_at__lt=end
    )
    return _wall_clock([m.starts_at for m in rows], tz)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_expanded_feed_matches_the_meetings_across_the_clock_change(setting, client, viewer):
    council, token, _now = setting
    tz = zoneinfo.ZoneInfo(viewer)
    rows = list(council.meetings.order_by("scheduled_for"))
    start = rows[0].scheduled_for - dt.timedelta(days=1)
    end = rows[-1].scheduled_for + dt.timedelta(minutes=1)
    calendar = _feed(client, token)
    expanded = _expanded(calendar, tz, start.astimezone(tz), end.astimezone(tz))
    assert expanded == _held(council, tz, start, end)
    assert len(expanded) == len(rows) - 1  # the cancelled one is not there
    # It proves something only if New York changed its clocks in between: the same 11:00
    # there is then two different times in UTC.
    utc_hours = {f"{m.scheduled_for:%H:%M}" for m in rows}
    assert len(utc_hours) == 2, "the window does not cross a clock change"


def test_the_series_keeps_going_after_the_meetings_created_so_far(setting, client):
    council, token, _now = setting
    last = council.meetings.order_by("-scheduled_for").first().scheduled_for
    # After the last meeting held so far has ended (between() counts events in progress).
    start = last + dt.timedelta(minutes=council.meeting_minutes)
    end = last + dt.timedelta(weeks=20)
    expanded = _expanded(_feed(client, token), NEW_YORK, start, end)
    schedule = _wall_clock(council.occurrences(start, end), NEW_YORK)
    assert len(schedule) >= 9  # twenty more weeks, well past the eight created ahead
    assert expanded == schedule


def test_every_event_has_uid_stamp_and_start_in_the_schedules_zone(setting, client):
    council, token, now = setting
    calendar = _feed(client, token)
    timezones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = set()
    events = calendar.walk("VEVENT")
    for event in events:
        assert event.get("UID") and event.get("DTSTART") and event.get("DTSTAMP")
        assert event["DTSTAMP"].dt == now  # the moment the feed was made, not the meeting
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE"):
            values = event.get(name)
            for value in values if isinstance(values, list) else [values]:
                if value is not None and "TZID" in value.params:
                    used.add(value.params["TZID"])
    assert used and used <= timezones

    series = [e for e in events if "RRULE" in e]
    assert len(series) == len(council.meeting_times)
    for master in series:
        assert master["RRULE"]["FREQ"] == ["WEEKLY"]
        assert master["RRULE"].get("INTERVAL", [1]) == [council.every_weeks]
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert len(overrides) == 1  # the moved meeting
    assert overrides[0]["UID"] in {m["UID"] for m in series}


def test_uids_stay_the_same_from_one_fetch_to_the_next(setting, client, time_machine):
    council, token, now = setting
    first = _feed(client, token)
    time_machine.move_to(now + dt.timedelta(hours=5), tick=False)
    second = _feed(client, token)
    assert first["UID"] == second["UID"]
    uids = [sorted(str(e["UID"]) for e in c.walk("VEVENT")) for c in (first, second)]
    assert uids[0] == uids[1]
    assert all(f"council-{council.pk}-" in uid for uid in uids[0])
    assert second.walk("VEVENT")[0]["DTSTAMP"].dt == now + dt.timedelta(hours=5)
