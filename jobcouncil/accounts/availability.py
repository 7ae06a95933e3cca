"""Weekly availability: grid cells <-> the engine's window strings, the matchability rule,
and which times are popular with other seekers of the same type."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.utils.translation import gettext as _

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CELLS_PER_DAY = 48
WEEK_CELLS = 7 * CELLS_PER_DAY
MEETING_CELLS = 2  # a meeting is 60 minutes
FAST_MIN_CELLS = 6  # 3 hours
SLOW_MIN_CELLS = 4  # 2 hours
FAST_MIN_GAP_CELLS = 96  # 48 hours between a fast council's two meetings


class AvailabilityError(ValueError):
    pass


def _hhmm(cell_in_day: int) -> str:
    minutes = cell_in_day * 30
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_hhmm(text: str) -> int:
    hours, _sep, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        raise AvailabilityError(text)
    total = int(hours) * 60 + int(minutes)
    if total % 30 or not 0 <= total <= 24 * 60:
        raise AvailabilityError(text)
    return total // 30


def windows_from_cells(cells: Iterable[int]) -> list[str]:
    """Merge painted half-hours into one window per run within a day."""
    chosen = sorted(set(cells))
    windows: list[str] = []
    run_start = prev = None
    for cell in chosen + [None]:
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
    cells: set[int] = set()
    for window in windows:
        day, _sep, span = window.strip().partition(" ")
        start_text, _sep, end_text = span.partition("-")
        if day not in DAYS:
            raise AvailabilityError(window)
        start, end = _parse_hhmm(start_text), _parse_hhmm(end_text)
        if end <= start:
            raise AvailabilityError(window)
        base = DAYS.index(day) * CELLS_PER_DAY
        cells.update(range(base + start, base + end))
    return cells


def meeting_starts(cells: set[int]) -> list[int]:
    """Half-hours at which a whole 60-minute meeting fits (the week is a circle)."""
    return [
        c for c in sorted(cells) if all((c + k) % WEEK_CELLS in cells for k in range(MEETING_CELLS))
    ]


def _circular_gap(a: int, b: int) -> int:
    d = abs(a - b) % WEEK_CELLS
    return min(d, WEEK_CELLS - d)


def matchability_problem(cells: set[int], seeker_type: str) -> str | None:
    """Why this availability cannot be matched yet, in plain words; None when it can."""
    hours = len(cells) / 2
    starts = meeting_starts(cells)
    if seeker_type == "fast":
        if len(cells) < FAST_MIN_CELLS:
            return _(
                "Fast councils meet twice a week, so please mark at least 3 hours in total "
                "(you have %(hours)s)."
            ) % {"hours": f"{hours:g}"}
        if not any(_circular_gap(a, b) >= FAST_MIN_GAP_CELLS for a in starts for b in starts):
            return _(
                "Fast councils meet twice a week, at least two days apart. Please mark a full "
                "hour on two days that are 48 hours or more apart, for example Monday and "
                "Thursday."
            )
        return None
    if len(cells) < SLOW_MIN_CELLS:
        return _("Please mark at least 2 hours in total (you have %(hours)s).") % {
            "hours": f"{hours:g}"
        }
    if not starts:
        return _("Please mark at least one full hour in a row, so a meeting fits.")
    return None


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def utc_shift_cells(tzname: str, reference: dt.date) -> int:
    """How many half-hours to add to a local cell to get the UTC cell, on the reference date."""
    local_noon = dt.datetime.combine(reference, dt.time(12), tzinfo=zoneinfo.ZoneInfo(tzname))
    offset = local_noon.utcoffset() or dt.timedelta()
    return -round(offset.total_seconds() / 1800)


def to_utc_cells(cells: Iterable[int], tzname: str, reference: dt.date) -> set[int]:
    shift = utc_shift_cells(tzname, reference)
    return {(c + shift) % WEEK_CELLS for c in cells}


def to_local_cells(utc_cells: Iterable[int], tzname: str, reference: dt.date) -> set[int]:
    shift = utc_shift_cells(tzname, reference)
    return {(c - shift) % WEEK_CELLS for c in utc_cells}
