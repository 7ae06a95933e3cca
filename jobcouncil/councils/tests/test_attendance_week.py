"""The weekly attendance summary: each closed meeting adds its final marks to its week."""

from __future__ import annotations

import datetime as dt

import time_machine

from jobcouncil.councils import meetings
from jobcouncil.councils.attendance import attendance_rate, attendance_weeks_rebuild, week_of
from jobcouncil.councils.models import AttendanceWeek, Meeting

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)  # a Thursday


def _past_meetings(council, n):
    return list(Meeting.objects.filter(council=council, starts_at__lt=NOW).order_by("starts_at"))[
        -n:
    ]


@time_machine.travel(NOW, tick=False)
def test_closing_a_meeting_adds_it_to_its_week(council, seeker, fellow):
    meeting = _past_meetings(council, 1)[0]
    meetings.attendance_set(meeting=meeting, statuses={seeker.pk: "present", fellow.pk: "late"})
    meetings.meeting_close(meeting=meeting)
    week = AttendanceWeek.objects.get()
    assert week.week == week_of(meeting.starts_at) and week.week.weekday() == 0
    # Six active members (the alumnus landed): two came, four unmarked became absent.
    assert (week.meetings, week.recorded, week.came) == (1, 6, 2)
    assert attendance_rate(now=NOW) == 2 / 6


@time_machine.travel(NOW, tick=False)
def test_the_rate_covers_this_week_and_the_three_before(council, seeker):
    monday = week_of(NOW)
    AttendanceWeek.objects.create(week=monday - dt.timedelta(weeks=4), recorded=100, came=0)
    AttendanceWeek.objects.create(week=monday - dt.timedelta(weeks=3), recorded=10, came=5)
    AttendanceWeek.objects.create(week=monday, recorded=10, came=10)
    assert attendance_rate(now=NOW) == 15 / 20


@time_machine.travel(NOW, tick=False)
def test_a_rebuild_counts_the_same_as_closing_one_by_one(council, seeker, fellow):
    for meeting in _past_meetings(council, 3):
        meetings.attendance_set(meeting=meeting, statuses={seeker.pk: "present"})
        meetings.meeting_close(meeting=meeting)
    closed_one_by_one = list(
        AttendanceWeek.objects.values_list("week", "meetings", "recorded", "came")
    )
    assert attendance_weeks_rebuild() == len(closed_one_by_one)
    rebuilt = list(AttendanceWeek.objects.values_list("week", "meetings", "recorded", "came"))
    assert sorted(rebuilt) == sorted(closed_one_by_one)
