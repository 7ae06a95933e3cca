"""Small builders of applicants, pools and options for the matching tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import count

from jobcouncil.matching.applicants import Applicant, MatchOptions, parse_applicant

REFERENCE = date(2026, 11, 30)  # a Monday
_serial = count(1)


def record(**overrides: object) -> dict[str, object]:
    """One applicant as a JSON Lines record; a slow seeker free on Monday evening UTC."""
    number = next(_serial)
    data: dict[str, object] = {
        "id": f"p{number}",
        "seeker_type": "slow",
        "moderator": False,
        "timezone": "UTC",
        "availability": ["mon 18:00-20:00"],
        "seniority": 3,
        "function": "engineering",
        "industry": "software",
        "applied_at": (datetime(2026, 9, 1, tzinfo=UTC) + timedelta(hours=number)).isoformat(),
    }
    data.update(overrides)
    return data


def applicant(**overrides: object) -> Applicant:
    return parse_applicant(record(**overrides), 1)


def group(n: int, *, volunteers: int = 1, **overrides: object) -> list[Applicant]:
    """n applicants who share the same windows, the first `volunteers` of them volunteers."""
    return [applicant(moderator=k < volunteers, **overrides) for k in range(n)]


def options(**overrides: object) -> MatchOptions:
    values: dict[str, object] = {"reference_date": REFERENCE, "seed": 1}
    values.update(overrides)
    return MatchOptions(**values)  # type: ignore[arg-type]
