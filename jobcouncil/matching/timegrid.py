"""The weekly half-hour grid in UTC: parse local windows and turn them into bitsets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .text import shown

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STEP_MINUTES = 30
WEEK_MINUTES = 7 * 24 * 60
WEEK_SLOTS = WEEK_MINUTES // STEP_MINUTES  # 336 half-hours
FULL_WEEK = (1 << WEEK_SLOTS) - 1
# Fast councils meet twice a week with starts at least 48 h apart both ways round.
MIN_GAP_SLOTS = 48 * 60 // STEP_MINUTES  # 96
MAX_GAP_SLOTS = WEEK_SLOTS - MIN_GAP_SLOTS  # 240

_WINDOW = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) (\d\d):(\d\d)-(\d\d):(\d\d)$")
_SLOT = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) (\d\d):(\d\d)$")


def parse_window(text: str) -> tuple[int, int]:
    """Return (start, end) minutes of the local week for `ddd HH:MM-HH:MM`.

    Raises ValueError with a message fit for a user when the window is malformed,
    off the 30-minute grid, or does not end after it starts.
    """
    if not isinstance(text, str):
        raise ValueError(f"window {shown(text)} is not a string")
    return _parse_window(text)


@lru_cache(maxsize=16384)
def _parse_window(text: str) -> tuple[int, int]:
    # A pool repeats the same few hundred windows: parse each once.
    match = _WINDOW.match(text.strip().lower())
    if match is None:
        raise ValueError(f"window {shown(text)} is not like 'mon 18:00-21:00'")
    day, h1, m1, h2, m2 = match.groups()
    start_h, start_m, end_h, end_m = int(h1), int(m1), int(h2), int(m2)
    if start_h > 23 or start_m > 59 or end_h > 24 or end_m > 59 or (end_h == 24 and end_m):
        raise ValueError(f"window {shown(text)} has an impossible time")
    if start_m % STEP_MINUTES or end_m % STEP_MINUTES:
        raise ValueError(f"window {shown(text)} is not on the 30-minute grid")
    start = start_h * 60 + start_m
    end = end_h * 60 + end_m
    if end <= start:
        raise ValueError(f"window {shown(text)} does not end after it starts")
    base = DAYS.index(day) * 24 * 60
    return base + start, base + end


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    """IANA names we accept; computed once because the scan of tzdata is slow."""
    return frozenset(available_timezones())


def is_timezone(name: object) -> bool:
    return isinstance(name, str) and name in known_timezones()


@lru_cache(maxsize=4096)
def utc_offset_minutes(timezone: str, reference_date: date) -> int:
    """The zone's offset from UTC, in minutes, at local noon on the reference date.

    One offset per zone for the whole week: the council's slots are fixed in UTC on the
    reference date, so a later daylight-saving change cannot break a matching.
    """
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown timezone {shown(timezone)}") from error
    offset = datetime.combine(reference_date, time(12, 0), tzinfo=zone).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def minutes_to_bits(start: int, end: int) -> int:
    """Bits of the half-hours fully inside [start, end) UTC minutes, on the weekly circle."""
    # A zone like Asia/Kathmandu (+05:45) moves windows off the grid: keep only whole
    # half-hours, so a member is never booked for a time they did not offer.
    first = -(-start // STEP_MINUTES)
    last = end // STEP_MINUTES
    if last <= first:
        return 0
    length = min(last - first, WEEK_SLOTS)
    first %= WEEK_SLOTS
    bits = ((1 << length) - 1) << first
    return (bits | (bits >> WEEK_SLOTS)) & FULL_WEEK


def window_slots(windows: Iterable[str], timezone: str, reference_date: date) -> int:
    """UTC half-hours (bit i = i-th half-hour after Monday 00:00 UTC) covered by local windows.

    Raises ValueError on a bad window or an unknown timezone.
    """
    if not is_timezone(timezone):
        raise ValueError(f"unknown timezone {shown(timezone)}")
    offset = utc_offset_minutes(timezone, reference_date)
    bits = 0
    for window in windows:
        start, end = parse_window(window)
        bits |= minutes_to_bits(start - offset, end - offset)
    return bits


def rotate_down(bits: int, by: int) -> int:
    """Move bit i to bit i - by on the weekly circle."""
    by %= WEEK_SLOTS
    return ((bits >> by) | (bits << (WEEK_SLOTS - by))) & FULL_WEEK


def meeting_slots(available: int, meeting_minutes: int) -> int:
    """Starts (bits) at which a meeting of that length fits entirely inside `available`."""
    length = max(1, -(-meeting_minutes // STEP_MINUTES))
    starts = available
    for shift in range(1, length):
        starts &= rotate_down(available, shift)
    return starts


def slot_bits_list(bits: int) -> list[int]:
    """Indices of the set bits, lowest first."""
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def gap_ok(first: int, second: int) -> bool:
    """True when two starts are at least 48 h apart both ways round the week."""
    gap = (second - first) % WEEK_SLOTS
    return MIN_GAP_SLOTS <= gap <= MAX_GAP_SLOTS


def partner_mask(slot: int) -> int:
    """Bits of the starts that are far enough from `slot` to pair with it in a fast council."""
    span = ((1 << (MAX_GAP_SLOTS - MIN_GAP_SLOTS + 1)) - 1) << MIN_GAP_SLOTS
    span = (span << slot) | (span >> (WEEK_SLOTS - slot))
    return (span | (span >> WEEK_SLOTS)) & FULL_WEEK


def has_fast_pair(starts: int) -> bool:
    """True when two of the starts are at least 48 h apart (what a fast seeker needs)."""
    for slot in slot_bits_list(starts):
        if starts & partner_mask(slot):
            return True
    return False


def hhmm(minutes: int) -> str:
    """Minutes after midnight as a 24-hour clock time: 1110 -> "18:30" (1440 -> "24:00")."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_slot(slot: int) -> str:
    minutes = (slot % WEEK_SLOTS) * STEP_MINUTES
    day, rest = divmod(minutes, 24 * 60)
    return f"{DAYS[day]} {hhmm(rest)}"


def parse_slot(text: str) -> int:
    """Index of a UTC start `ddd HH:MM` on the grid; ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError(f"slot {shown(text)} is not a string")
    match = _SLOT.match(text.strip().lower())
    if match is None:
        raise ValueError(f"slot {shown(text)} is not like 'mon 18:00'")
    day, hours, minutes = match.groups()
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(f"slot {shown(text)} has an impossible time")
    if int(minutes) % STEP_MINUTES:
        raise ValueError(f"slot {shown(text)} is not on the 30-minute grid")
    return (DAYS.index(day) * 24 * 60 + int(hours) * 60 + int(minutes)) // STEP_MINUTES


def next_monday(today: date) -> date:
    """The default reference date: the first Monday after today."""
    return today + timedelta(days=7 - today.weekday())


def weekly_hours(bits: int) -> float:
    return bits.bit_count() * STEP_MINUTES / 60


def seconds_until(slot: int, after: datetime) -> float:
    """Seconds from `after` to the next start of this weekly UTC slot (0 if it starts then)."""
    moment = after.astimezone(UTC)
    into_week = (
        moment.weekday() * 86400
        + moment.hour * 3600
        + moment.minute * 60
        + moment.second
        + moment.microsecond / 1e6
    )
    return (slot * STEP_MINUTES * 60 - into_week) % (WEEK_MINUTES * 60)


def slots_starting_within(after: datetime, hours: float) -> int:
    """The weekly UTC slots (as bits) whose next start at or after `after` comes less than
    `hours` later."""
    bits = 0
    for s in range(WEEK_SLOTS):
        if seconds_until(s, after) < hours * 3600:
            bits |= 1 << s
    return bits
