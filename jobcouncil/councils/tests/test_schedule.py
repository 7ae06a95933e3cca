"""Meetings recur from the council's schedule, in its own timezone, across DST changes."""

import datetime as dt

from jobcouncil.councils.models import Council, Meeting
from jobcouncil.councils.services import local_meeting_times, meetings_ensure


def _council(**kw):
    fields = {
        "name": "C",
        "seeker_type": "fast",
        "schedule_timezone": "America/New_York",
        "meeting_times": [{"weekday": 0, "time": "19:00"}, {"weekday": 3, "time": "19:00"}],
        "starts_on": dt.date(2026, 10, 26),
        "video_url": "https://meet.jit.si/x",
    }
    fields.update(kw)
    return Council.objects.create(**fields)


def test_meetings_keep_their_local_time_across_the_dst_change(db):
    council = _council()
    start = dt.datetime(2026, 10, 26, tzinfo=dt.UTC)
    meetings_ensure(council=council, start=start, until=start + dt.timedelta(weeks=2))
    starts = list(Meeting.objects.filter(council=council).values_list("starts_at", flat=True))
    # New York leaves daylight saving time on 1 November 2026: 19:00 local is 23:00 UTC
    # before and 00:00 UTC the next day after.
    assert [s.astimezone(dt.UTC).strftime("%a %d %H:%M") for s in starts] == [
        "Mon 26 23:00",
        "Thu 29 23:00",
        "Tue 03 00:00",
        "Fri 06 00:00",
    ]


def test_slow_councils_meet_every_second_week(db):
    council = _council(seeker_type="slow", meeting_times=[{"weekday": 2, "time": "12:00"}])
    start = dt.datetime(2026, 10, 26, tzinfo=dt.UTC)
    meetings_ensure(council=council, start=start, until=start + dt.timedelta(weeks=6))
    days = [m.starts_at.date().isoformat() for m in Meeting.objects.filter(council=council)]
    assert days == ["2026-10-28", "2026-11-11", "2026-11-25"]


def test_ensuring_twice_creates_nothing_new(db):
    council = _council()
    start = dt.datetime(2026, 10, 26, tzinfo=dt.UTC)
    assert meetings_ensure(council=council, start=start, until=start + dt.timedelta(weeks=1)) == 2
    assert meetings_ensure(council=council, start=start, until=start + dt.timedelta(weeks=1)) == 0


def test_engine_slots_become_local_times_in_the_schedule_timezone():
    # 23:30 UTC on a Monday is 05:00 on Tuesday in Kolkata (UTC+5:30).
    times = local_meeting_times(["mon 23:30", "thu 23:30"], "Asia/Kolkata", dt.date(2026, 11, 30))
    assert times == [{"weekday": 1, "time": "05:00"}, {"weekday": 4, "time": "05:00"}]
