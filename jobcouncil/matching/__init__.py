"""Council matching engine: pure Python, no Django; the web app and the CLI call it."""

from __future__ import annotations

from .applicants import (
    Applicant,
    ExistingCouncil,
    MatchInputError,
    MatchOptions,
    parse_applicant,
    parse_applicant_lines,
    parse_existing,
    read_applicants,
    read_existing,
)
from .check import figures, validate_result
from .engine import Council, MatchResult, Refill, Unplaced, match, result_to_json
from .soon import Seat, next_meeting, place_one, seats_for
from .timegrid import (
    format_slot,
    has_fast_pair,
    meeting_slots,
    parse_slot,
    parse_window,
    weekly_hours,
    window_slots,
)

__all__ = [
    "Applicant",
    "Council",
    "ExistingCouncil",
    "MatchInputError",
    "MatchOptions",
    "MatchResult",
    "Refill",
    "Seat",
    "Unplaced",
    "figures",
    "format_slot",
    "has_fast_pair",
    "match",
    "meeting_slots",
    "next_meeting",
    "parse_applicant",
    "parse_applicant_lines",
    "parse_existing",
    "parse_slot",
    "parse_window",
    "place_one",
    "read_applicants",
    "read_existing",
    "result_to_json",
    "seats_for",
    "validate_result",
    "weekly_hours",
    "window_slots",
]
