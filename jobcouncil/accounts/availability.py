"""Weekly availability on the grid: painted local half-hours <-> the engine's window strings.

The rule for "enough to be matched" and every UTC conversion come from the matching engine's
time grid, so the sign-up form and the engine can never disagree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from jobcouncil.lib.hooks import Hook
from jobcouncil.matching.timegrid import (
    DAYS,
    STEP_MINUTES,
    WEEK_SLOTS,
    has_fast_pair,
    hhmm,
    meeting_slots,
    next_monday,
    parse_window,
    slot_bits_list,
    utc_offset_minutes,
    window_slots,
)

CELLS_PER_DAY = 24 * 60 // STEP_MINUTES
WEEK_CELLS = WEEK_SLOTS
MEETING_MINUTES = 60
FAST_MIN_HOURS = 3

# How many people waiting to be matched, of one seeker type, can meet at each UTC cell of the
# week of the reference date. The pool knows (it registers this); the grid shows the busiest.
popular_utc_cells: Hook[[str, dt.date], Counter[int]] = Hook(
    "popular_utc_cells", lambda seeker_type, reference: Counter()
)
SLOW_MIN_HOURS = 2


def _hhmm(cell_in_day: int) -> str:
    return hhmm(cell_in_day * STEP_MINUTES)


def windows_from_cells(cells: Iterable[int]) -> list[str]:
    """Merge painted half-hours into one window per run within a day."""
    chosen = sorted(set(cells))
    windows: list[str] = []
    run_start = prev = None
    for cell in [*chosen, None]:
        if cell is not None and prev is not None and cell == prev + 1 and cell % CELLS_PER_DAY:
            prev = cell
            continue
        if run_start is not None and prev is not None:
            day, start = divmod(run_start, CELLS_PER_DAY)
            end = prev % CELLS_PER_DAY + 1
            windows.append(f"{DAYS[day]} {_hhmm(start)}-{_hhmm(end)}")
        run_start = prev = cell
    return windows


def cells_from_windows(windows: Iterable[str]) -> set[int]:
    """Local half-hours of the week; ValueError on a malformed window."""
    cells: set[int] = set()
    for window in windows:
        start, end = parse_window(window)
        cells.update(range(start // STEP_MINUTES, end // STEP_MINUTES))
    return cells


def default_reference() -> dt.date:
    return next_monday(timezone.now().date())


def matchability_problem(
    windows: list[str], seeker_type: str, tzname: str, reference: dt.date | None = None
) -> str | None:
    """Why this availability cannot be matched yet, in plain words; None when it can."""
    bits = window_slots(windows, tzname, reference or default_reference())
    hours = bits.bit_count() * STEP_MINUTES / 60
    starts = meeting_slots(bits, MEETING_MINUTES)
    if seeker_type == "fast":
        if hours < FAST_MIN_HOURS:
            return _(
                "Fast councils meet twice a week, so please mark at least 3 hours in total "
                "(you have %(hours)s)."
            ) % {"hours": f"{hours:g}"}
        if not has_fast_pair(starts):
            return _(
                "Fast councils meet twice a week, at least two days apart. Please mark a full "
                "hour on two days that are 48 hours or more apart, for example Monday and "
                "Thursday."
            )
        return None
    if hours < SLOW_MIN_HOURS:
        return _("Please mark at least 2 hours in total (you have %(hours)s).") % {
            "hours": f"{hours:g}"
        }
    if not starts:
        return _("Please mark at least one full hour in a row, so a meeting fits.")
    return None


def utc_cells(windows: list[str], tzname: str, reference: dt.date) -> list[int]:
    """The UTC half-hours of the week these local windows cover, as the engine sees them."""
    return slot_bits_list(window_slots(windows, tzname, reference))


def to_local_cells(cells: Iterable[int], tzname: str, reference: dt.date) -> set[int]:
    """UTC half-hours shown on a local grid (to the nearest half-hour in +hh:45 zones)."""
    shift = round(utc_offset_minutes(tzname, reference) / STEP_MINUTES)
    return {(cell + shift) % WEEK_CELLS for cell in cells}
