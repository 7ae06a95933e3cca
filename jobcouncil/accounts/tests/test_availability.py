"""The availability rules: grid cells <-> windows, and what is enough to be matched."""

import datetime as dt

import pytest

from jobcouncil.accounts.availability import (
    cells_from_windows,
    matchability_problem,
    to_local_cells,
    utc_cells,
    windows_from_cells,
)

MONDAY = dt.date(2026, 11, 30)


def _problem(windows, seeker_type, tzname="America/Chicago"):
    return matchability_problem(windows, seeker_type, tzname, MONDAY)


def test_it_merges_adjacent_half_hours_into_one_window_per_day():
    cells = cells_from_windows(["mon 18:00-21:00", "sun 23:00-24:00"])
    assert windows_from_cells(cells) == ["mon 18:00-21:00", "sun 23:00-24:00"]


def test_it_does_not_merge_across_midnight():
    cells = cells_from_windows(["mon 23:00-24:00", "tue 00:00-01:00"])
    assert windows_from_cells(cells) == ["mon 23:00-24:00", "tue 00:00-01:00"]


@pytest.mark.parametrize("bad", ["xyz 10:00-11:00", "mon 10:15-11:00", "mon 11:00-10:00"])
def test_it_rejects_malformed_windows(bad):
    with pytest.raises(ValueError):
        cells_from_windows([bad])


def test_a_fast_seeker_needs_three_hours():
    assert "3 hours" in _problem(["mon 18:00-20:00"], "fast")
    assert "3 hours" in _problem(["mon 18:00-19:30", "thu 18:00-19:00"], "fast")
    assert _problem(["mon 18:00-19:30", "thu 18:00-19:30"], "fast") is None  # exactly three


def test_a_fast_seeker_needs_two_days_48_hours_apart():
    assert "48 hours" in _problem(["mon 18:00-20:00", "tue 18:00-20:00"], "fast")
    assert _problem(["mon 18:00-20:00", "thu 18:00-20:00"], "fast") is None


def test_the_48_hours_count_both_ways_round_the_week():
    # Monday and Saturday are 5 days apart one way but only 2 days the other way.
    assert _problem(["mon 18:00-20:00", "sat 18:00-20:00"], "fast") is None
    assert "48 hours" in _problem(["mon 18:00-20:00", "sun 18:00-20:00"], "fast")


def test_a_slow_seeker_needs_two_hours_with_a_full_hour_in_a_row():
    assert "2 hours" in _problem(["wed 19:00-20:00"], "slow")
    scattered = ["mon 09:00-09:30", "tue 09:00-09:30", "wed 09:00-09:30", "thu 09:00-09:30"]
    assert "full hour" in _problem(scattered, "slow")
    assert _problem(["wed 19:00-21:00"], "slow") is None


def test_in_a_quarter_hour_zone_only_whole_utc_half_hours_count_as_the_engine_does():
    # Kathmandu is UTC+05:45: a local 2-hour window covers only 1.5 whole UTC hours.
    assert "2 hours" in _problem(["wed 19:00-21:00"], "slow", "Asia/Kathmandu")


def test_local_cells_convert_to_utc_and_back_with_half_hour_zones():
    utc = utc_cells(["mon 09:00-10:00"], "Asia/Kolkata", MONDAY)
    assert windows_from_cells(utc) == ["mon 03:30-04:30"]
    assert to_local_cells(utc, "Asia/Kolkata", MONDAY) == cells_from_windows(["mon 09:00-10:00"])


def test_utc_conversion_wraps_round_the_week():
    utc = utc_cells(["sun 23:00-24:00"], "America/Chicago", MONDAY)
    assert windows_from_cells(utc) == ["mon 05:00-06:00"]
