"""Local windows to UTC half-hours, on the weekly circle."""

from __future__ import annotations

from datetime import date

import pytest

from jobcouncil.matching.timegrid import (
    format_slot,
    gap_ok,
    has_fast_pair,
    meeting_slots,
    next_monday,
    parse_slot,
    parse_window,
    slot_bits_list,
    window_slots,
)

WINTER = date(2026, 11, 30)
SUMMER = date(2026, 7, 6)


def slots(windows: list[str], zone: str, day: date = WINTER) -> list[str]:
    return [format_slot(s) for s in slot_bits_list(window_slots(windows, zone, day))]


def test_it_turns_an_evening_in_chicago_into_the_next_utc_day():
    assert slots(["mon 19:00-20:00"], "America/Chicago") == ["tue 01:00", "tue 01:30"]


def test_it_uses_the_offset_on_the_reference_date_for_daylight_saving_zones():
    assert slots(["mon 18:00-19:00"], "America/New_York", WINTER) == ["mon 23:00", "mon 23:30"]
    assert slots(["mon 18:00-19:00"], "America/New_York", SUMMER) == ["mon 22:00", "mon 22:30"]


def test_it_handles_southern_daylight_saving_and_half_hour_offsets():
    # Adelaide is +10:30 in the southern summer and +09:30 in winter.
    assert slots(["tue 08:00-09:00"], "Australia/Adelaide", WINTER) == ["mon 21:30", "mon 22:00"]
    assert slots(["tue 08:00-09:00"], "Australia/Adelaide", SUMMER) == ["mon 22:30", "mon 23:00"]
    assert slots(["mon 20:00-21:00"], "Asia/Kolkata") == ["mon 14:30", "mon 15:00"]


def test_it_keeps_only_whole_half_hours_for_quarter_hour_offsets():
    # Kathmandu is +05:45: 20:00-21:30 local is 14:15-15:45 UTC.
    assert slots(["mon 20:00-21:30"], "Asia/Kathmandu") == ["mon 14:30", "mon 15:00"]


def test_it_wraps_sunday_to_monday_round_the_week():
    assert slots(["mon 00:00-01:00"], "Asia/Tokyo") == ["sun 15:00", "sun 15:30"]
    assert slots(["sun 23:00-24:00"], "America/New_York") == ["mon 04:00", "mon 04:30"]


def test_a_meeting_may_cross_the_end_of_the_week_in_utc():
    # 18:00-20:00 in New York is Sunday 23:00 to Monday 01:00 UTC: one window, not two.
    available = window_slots(["sun 18:00-20:00"], "America/New_York", WINTER)
    starts = meeting_slots(available, 60)
    assert {format_slot(s) for s in slot_bits_list(starts)} == {
        "sun 23:00",
        "sun 23:30",
        "mon 00:00",
    }


def test_a_meeting_needs_the_whole_length_inside_the_window():
    available = window_slots(["wed 10:00-11:30"], "UTC", WINTER)
    assert [format_slot(s) for s in slot_bits_list(meeting_slots(available, 60))] == [
        "wed 10:00",
        "wed 10:30",
    ]
    assert meeting_slots(available, 120) == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("mon 18:15-20:00", "30-minute grid"),
        ("mon 20:00-18:00", "does not end after it starts"),
        ("mon 18:00-18:00", "does not end after it starts"),
        ("monday 18:00-20:00", "is not like"),
        ("mon 25:00-26:00", "impossible time"),
        ("mon 23:00-24:30", "impossible time"),
    ],
)
def test_it_rejects_bad_windows_with_a_reason(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_window(text)


def test_it_accepts_midnight_as_an_end():
    assert parse_window("tue 22:00-24:00") == (1 * 1440 + 22 * 60, 2 * 1440)


def test_fast_slots_must_be_48_hours_apart_both_ways_round():
    assert gap_ok(parse_slot("mon 10:00"), parse_slot("wed 10:00"))
    assert not gap_ok(parse_slot("mon 10:00"), parse_slot("wed 09:30"))
    assert gap_ok(parse_slot("mon 10:00"), parse_slot("fri 10:00"))
    # Friday to Monday is only 72 h one way but 96 h the other: fine. Saturday is not.
    assert not gap_ok(parse_slot("mon 10:00"), parse_slot("sat 10:30"))


def test_it_knows_whether_someone_can_meet_twice_48_hours_apart():
    one_day = meeting_slots(window_slots(["mon 08:00-12:00"], "UTC", WINTER), 60)
    two_days = meeting_slots(
        window_slots(["mon 08:00-09:00", "thu 08:00-09:00"], "UTC", WINTER), 60
    )
    assert not has_fast_pair(one_day)
    assert has_fast_pair(two_days)


def test_the_default_reference_date_is_the_next_monday():
    assert next_monday(date(2026, 11, 29)) == date(2026, 11, 30)
    assert next_monday(date(2026, 11, 30)) == date(2026, 12, 7)
