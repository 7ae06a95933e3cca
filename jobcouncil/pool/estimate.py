"""The pool page's estimate when the programme's own record is too short: the simulator's
figures (`bench/programme.py --write-estimate`), stored beside this file with their date.

Read once per process from a small committed file, so the page costs no query for it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SIMULATED_FILE = Path(__file__).with_name("simulated_wait.json")


@dataclass(frozen=True)
class SimulatedWait:
    days: float  # median days from joining the pool to a first council meeting
    measured_on: dt.date


@lru_cache(maxsize=1)
def _document() -> dict:
    try:
        return json.loads(SIMULATED_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def simulated_wait(seeker_type: str) -> SimulatedWait | None:
    """The simulator's median days to a first meeting for this seeker type, or None."""
    document = _document()
    days = document.get("days_to_first_meeting", {}).get(seeker_type)
    try:
        measured_on = dt.date.fromisoformat(document.get("measured_on", ""))
    except (TypeError, ValueError):
        return None
    if not isinstance(days, int | float) or days < 0:
        return None
    return SimulatedWait(days=float(days), measured_on=measured_on)
