"""The availability rules: grid cells <-> windows, and what is enough to be matched."""

import datetime as dt

import pytest

from jobcouncil.accounts.availability import (
    AvailabilityError,
    cells_from_windows,
    matchability_problem,
    to_local_cells,
    to_utc_cells,
    windows_from_cells,
)


def test_it_merges_adjacent_half_hours_into_one_window_per_day():
    cells = cells_from_windows(["mon 18:00-21:00", "sun 23:00-24:00"])
    assert windows_from_cells(cells) == ["mon 18:00-21:00", "sun 23:00-24:00"]


def test_it_does_not_merge_across_midnight():
    cells = cells_from_windows(["mon 23:00-24:00", "tue 00:00-01:00"])
    assert windows_from_cells(cells) == ["mon 23:00-24:00", "tue 00:00-01:00"]


@pytest.mark.parametrize("bad", ["xyz 10:00-11:00", "mon 10:15-11:00", "mon 11:00-10:00"])
def test_it_rejects_malformed_windows(bad):
    with pytest.raises(AvailabilityError):
        cells_from_windows([bad])


def test_a_fast_seeker_needs_three_hours():
    assert "3 hours" in matchability_problem(cells_from_windows(["mon 18:00-20:00"]), "fast")


def test_a_fast_seeker_needs_two_days_48_hours_apart():
    near = cells_from_windows(["mon 18:00-20:00", "tue 18:00-20:00"])
    assert "48 hours" in matchability_problem(near, "fast")
    apart = cells_from_windows(["mon 18:00-20:00", "thu 18:00-20:00"])
    assert matchability_problem(apart, "fast") is None


def test_the_48_hours_count_both_ways_round_the_week():
    # Monday and Saturday are 5 days apart one way but only 2 days the other way.
    cells = cells_from_windows(["mon 18:00-20:00", "sat 18:00-20:00"])
    assert matchability_problem(cells, "fast") is None
    cells = cells_from_windows(["mon 18:00-20:00", "sun 18:00-20:00"])
    assert "48 hours" in matchability_problem(cells, "fast")


def test_a_slow_seeker_needs_two_hours_with_a_full_hour_in_a_row():
    assert "2 hours" in matchability_problem(cells_from_windows(["wed 19:00-20:00"]), "slow")
    scattered = cells_from_windows(
        ["mon 09:00-09:30", "tue 09:00-09:30", "wed 09:00-09:30", "thu 09:00-09:30"]
    )
    assert "full hour" in matchability_problem(scattered, "slow")
    assert matchability_problem(cells_from_windows(["wed 19:00-21:00"]), "slow") is None


def test_local_cells_convert_to_utc_and_back_with_half_hour_zones():
    monday = dt.date(2026, 11, 30)
    local = cells_from_windows(["mon 09:00-10:00"])
    utc = to_utc_cells(local, "Asia/Kolkata", monday)
    assert windows_from_cells(utc) == ["mon 03:30-04:30"]
    assert to_local_cells(utc, "Asia/Kolkata", monday) == local


def test_utc_conversion_wraps_round_the_week():
    monday = dt.date(2026, 11, 30)
    utc = to_utc_cells(cells_from_windows(["sun 23:00-24:00"]), "America/Chicago", monday)
    assert windows_from_cells(utc) == ["mon 05:00-06:00"]
