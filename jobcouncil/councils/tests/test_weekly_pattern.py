"""Council.weekly_pattern: the schedule as one sentence, in the viewer's own timezone."""

from __future__ import annotations

import datetime as dt

from jobcouncil.councils.models import Council


def _council(**fields) -> Council:
    fields.setdefault("seeker_type", "fast")
    fields.setdefault("schedule_timezone", "America/Chicago")
    fields.setdefault(
        "meeting_times", [{"weekday": 0, "time": "18:00"}, {"weekday": 2, "time": "11:00"}]
    )
    return Council(**fields)


def test_it_reads_the_schedule_not_the_coming_meetings():
    council = _council()
    assert (
        council.weekly_pattern("America/Chicago", on=dt.date(2026, 12, 1))
        == "twice a week: Mondays at 18:00 and Wednesdays at 11:00"
    )


def test_it_converts_into_the_viewers_timezone_across_midnight():
    assert (
        _council().weekly_pattern("Europe/Berlin", on=dt.date(2026, 12, 1))
        == "twice a week: Tuesdays at 01:00 and Wednesdays at 18:00"
    )


def test_it_follows_daylight_saving_in_the_schedules_zone():
    council = _council(
        seeker_type="slow",
        schedule_timezone="Europe/Berlin",
        meeting_times=[{"weekday": 2, "time": "19:00"}],
    )
    # The US moves its clocks on 8 March 2026, Europe on 29 March: a two-week gap.
    assert council.weekly_pattern("America/Chicago", on=dt.date(2026, 3, 2)) == (
        "every two weeks: Wednesdays at 12:00"
    )
    assert council.weekly_pattern("America/Chicago", on=dt.date(2026, 3, 16)) == (
        "every two weeks: Wednesdays at 13:00"
    )
    assert council.weekly_pattern("America/Chicago", on=dt.date(2026, 4, 6)) == (
        "every two weeks: Wednesdays at 12:00"
    )
