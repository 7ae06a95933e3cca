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
    "Unplaced",
    "figures",
    "format_slot",
    "has_fast_pair",
    "match",
    "meeting_slots",
    "parse_applicant",
    "parse_applicant_lines",
    "parse_existing",
    "parse_slot",
    "parse_window",
    "read_applicants",
    "read_existing",
    "result_to_json",
    "validate_result",
    "weekly_hours",
    "window_slots",
]
