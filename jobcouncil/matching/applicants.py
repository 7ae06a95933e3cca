"""Input of the matching engine: applicants, existing councils, options, and their parsing."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from .text import shown
from .timegrid import WEEK_SLOTS, gap_ok, is_timezone, parse_slot, parse_window

SEEKER_TYPES = ("fast", "slow")
MAX_SENIORITY = 6  # seniority runs from 1 (entry) to 6 (executive)
REQUIRED_FIELDS = (
    "id",
    "seeker_type",
    "moderator",
    "timezone",
    "availability",
    "seniority",
    "function",
    "industry",
    "applied_at",
)


class MatchInputError(ValueError):
    """Bad input: names where (line, id), which field and what was wrong."""

    def __init__(
        self,
        line: int | None,
        id: str | None,  # noqa: A002 - the spec calls it id
        field: str | None,
        message: str,
        *,
        source: str = "",
    ) -> None:
        self.line = line
        self.id = id
        self.field = field
        self.message = message
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = []
        where = self.source
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        if where:
            parts.append(where)
        if self.id is not None:
            parts.append(f"id {shown(self.id)}")
        if self.field is not None:
            parts.append(f"field {shown(self.field)}")
        parts.append(self.message)
        return ": ".join(parts)


@dataclass(frozen=True, slots=True)
class Applicant:
    id: str
    seeker_type: str
    moderator: bool
    timezone: str
    availability: tuple[str, ...]
    seniority: int
    function: str  # normalised: trimmed, lower case
    industry: str  # normalised: trimmed, lower case
    applied_at: datetime
    line: int = 0


@dataclass(frozen=True, slots=True)
class ExistingCouncil:
    """A running council with free seats: its members and slots stay as they are."""

    id: str
    seeker_type: str
    slots: tuple[int, ...]  # UTC half-hour indices
    members: tuple[Applicant, ...]
    # Its first meeting (UTC), when known: a slow council meets every second week from it
    # (soon.next_meeting). Only ranks free seats for one newcomer (soon.place_one).
    meets_from: datetime | None = None


@dataclass(frozen=True, slots=True)
class MatchOptions:
    reference_date: date
    seed: int = 0
    min_size: int = 6
    max_size: int = 8
    meeting_minutes: int = 60
    # The earliest a new council's first meeting may be (the moment it is confirmed plus the
    # notice period). When set, the last objective picks, among the slots a council's members
    # share, those whose first start after it comes soonest (soon.soonest_pass).
    earliest_meeting: datetime | None = None
    # With earliest_meeting: new councils form only on keys whose first start comes less than
    # this many hours after it (existing councils take newcomers at any key). People who could
    # only meet later wait for a later round, when their times come round, or for a free seat:
    # with rounds every few hours, a council then forms a day or two before it first meets,
    # not a week. None: any key (a round run by hand, once in a while).
    form_within_hours: float | None = None

    def __post_init__(self) -> None:
        if not 2 <= self.min_size <= self.max_size:
            raise ValueError("sizes must satisfy 2 <= min-size <= max-size")
        if not 0 < self.meeting_minutes <= 24 * 60:
            raise ValueError("meeting-minutes must be between 1 and 1440")
        if self.form_within_hours is not None:
            if self.earliest_meeting is None:
                raise ValueError("form-within-hours needs earliest-meeting")
            if not 0 < self.form_within_hours <= 7 * 24:
                raise ValueError("form-within-hours must be between 0 (excluded) and 168")


def _fail(line: int | None, ident: str | None, name: str, message: str, source: str) -> None:
    raise MatchInputError(line, ident, name, message, source=source)


def parse_applicant(data: object, line_no: int | None, *, source: str = "") -> Applicant:
    """Check one applicant record against the spec and return it normalised.

    Raises MatchInputError naming the line, the id (when known), the field and the problem.
    """
    if not isinstance(data, dict):
        raise MatchInputError(line_no, None, None, "expected a JSON object", source=source)
    raw_id = data.get("id")
    ident = raw_id if isinstance(raw_id, str) else None
    for name in REQUIRED_FIELDS:
        if name not in data:
            _fail(line_no, ident, name, "missing field", source)
    if not isinstance(raw_id, str) or not raw_id.strip():
        _fail(line_no, None, "id", f"must be a non-empty string, got {shown(raw_id)}", source)
    assert isinstance(raw_id, str)
    seeker_type = data["seeker_type"]
    if seeker_type not in SEEKER_TYPES:
        _fail(
            line_no,
            ident,
            "seeker_type",
            f"must be 'fast' or 'slow', got {shown(seeker_type)}",
            source,
        )
    moderator = data["moderator"]
    if not isinstance(moderator, bool):
        _fail(line_no, ident, "moderator", f"must be true or false, got {shown(moderator)}", source)
    timezone = data["timezone"]
    if not is_timezone(timezone):
        _fail(line_no, ident, "timezone", f"unknown timezone {shown(timezone)}", source)
    availability = data["availability"]
    if not isinstance(availability, list):
        _fail(line_no, ident, "availability", "must be a list of windows", source)
    for window in availability:
        try:
            parse_window(window)
        except ValueError as error:
            _fail(line_no, ident, "availability", str(error), source)
    seniority = data["seniority"]
    if (
        isinstance(seniority, bool)
        or not isinstance(seniority, int)
        or not 1 <= seniority <= MAX_SENIORITY
    ):
        _fail(
            line_no,
            ident,
            "seniority",
            f"must be an integer 1 to {MAX_SENIORITY}, got {shown(seniority)}",
            source,
        )
    texts = {}
    for name in ("function", "industry"):
        value = data[name]
        if not isinstance(value, str):
            _fail(line_no, ident, name, f"must be a string, got {shown(value)}", source)
        texts[name] = value.strip().lower()
    applied_raw = data["applied_at"]
    applied_at = None
    if isinstance(applied_raw, str):
        try:
            applied_at = datetime.fromisoformat(applied_raw)
        except ValueError:
            applied_at = None
    if applied_at is None:
        _fail(
            line_no, ident, "applied_at", f"not an ISO 8601 timestamp: {shown(applied_raw)}", source
        )
    assert applied_at is not None
    if applied_at.tzinfo is None or applied_at.utcoffset() is None:
        _fail(
            line_no,
            ident,
            "applied_at",
            f"timestamp has no UTC offset: {shown(applied_raw)}",
            source,
        )
    return Applicant(
        id=raw_id,
        seeker_type=seeker_type,
        moderator=moderator,
        timezone=timezone,
        availability=tuple(w.strip().lower() for w in availability),
        seniority=seniority,
        function=texts["function"],
        industry=texts["industry"],
        applied_at=applied_at,
        line=line_no or 0,
    )


def _strict_constant(value: str) -> None:
    # Python's json accepts NaN and Infinity, which are not JSON.
    raise ValueError(f"{value} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_strict_constant)
# Python's parser recurses once per [ or {: a line of 100,000 [ exhausts the stack.
TOO_DEEP = "bad JSON: nested too deeply"


def parse_applicant_lines(lines: Iterable[str], *, source: str = "") -> Iterator[Applicant]:
    """Parse JSON Lines, one applicant a line; blank lines are skipped; ids must be unique."""
    seen: dict[str, int] = {}
    for line_no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = _DECODER.decode(text)
        except ValueError as error:
            raise MatchInputError(
                line_no, None, None, f"bad JSON: {error}", source=source
            ) from None
        except RecursionError:
            raise MatchInputError(line_no, None, None, TOO_DEEP, source=source) from None
        applicant = parse_applicant(data, line_no, source=source)
        if applicant.id in seen:
            raise MatchInputError(
                line_no,
                applicant.id,
                "id",
                f"duplicate id (first on line {seen[applicant.id]})",
                source=source,
            )
        seen[applicant.id] = line_no
        yield applicant


def read_applicants(path: str) -> list[Applicant]:
    with open(path, encoding="utf-8") as handle:
        return list(parse_applicant_lines(handle, source=path))


def parse_existing(document: object, *, source: str = "") -> list[ExistingCouncil]:
    """Existing councils: a JSON list of {id, seeker_type, slots, members}, or {"councils": [...]}.

    Errors name the council's position in the list as the line (1-based).
    """
    if isinstance(document, dict) and "councils" in document:
        document = document["councils"]
    if not isinstance(document, list):
        raise MatchInputError(None, None, None, "expected a list of councils", source=source)
    councils: list[ExistingCouncil] = []
    seen_members: dict[str, str] = {}
    seen_ids: set[str] = set()
    for number, item in enumerate(document, start=1):
        where = f"{source} council {number}" if source else f"council {number}"
        if not isinstance(item, dict):
            raise MatchInputError(None, None, None, "expected a JSON object", source=where)
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            raise MatchInputError(None, None, "id", "must be a non-empty string", source=where)
        if ident in seen_ids:
            raise MatchInputError(None, ident, "id", "duplicate council id", source=where)
        seen_ids.add(ident)
        seeker_type = item.get("seeker_type")
        if seeker_type not in SEEKER_TYPES:
            raise MatchInputError(
                None,
                ident,
                "seeker_type",
                f"must be 'fast' or 'slow', got {shown(seeker_type)}",
                source=where,
            )
        raw_slots = item.get("slots")
        if not isinstance(raw_slots, list):
            raise MatchInputError(None, ident, "slots", "must be a list", source=where)
        try:
            slots = tuple(parse_slot(s) for s in raw_slots)
        except ValueError as error:
            raise MatchInputError(None, ident, "slots", str(error), source=where) from None
        wanted = 2 if seeker_type == "fast" else 1
        if len(slots) != wanted:
            raise MatchInputError(
                None, ident, "slots", f"a {seeker_type} council has {wanted} slot(s)", source=where
            )
        if wanted == 2 and not gap_ok(slots[0], slots[1]):
            raise MatchInputError(
                None, ident, "slots", "fast slots must be 48 hours apart", source=where
            )
        raw_members = item.get("members")
        if not isinstance(raw_members, list):
            raise MatchInputError(None, ident, "members", "must be a list", source=where)
        members = []
        for position, member in enumerate(raw_members, start=1):
            applicant = parse_applicant(member, position, source=f"{where} member")
            if applicant.id in seen_members:
                raise MatchInputError(
                    position,
                    applicant.id,
                    "id",
                    f"also a member of council {shown(seen_members[applicant.id])}",
                    source=f"{where} member",
                )
            seen_members[applicant.id] = ident
            members.append(applicant)
        assert all(0 <= s < WEEK_SLOTS for s in slots)
        councils.append(ExistingCouncil(ident, seeker_type, slots, tuple(members)))
    return councils


def read_existing(path: str) -> list[ExistingCouncil]:
    with open(path, encoding="utf-8") as handle:
        try:
            document = json.load(handle, parse_constant=_strict_constant)
        except ValueError as error:
            raise MatchInputError(None, None, None, f"bad JSON: {error}", source=path) from None
        except RecursionError:
            raise MatchInputError(None, None, None, TOO_DEEP, source=path) from None
    return parse_existing(document, source=path)


class FitWeights(NamedTuple):
    seniority: float
    function: float
    industry: float


# The spec's weights of a pair's similarity; they sum to 1, so s(i, i) == 1.
FIT_WEIGHTS = FitWeights(seniority=0.40, function=0.35, industry=0.25)


def seniority_closeness(a: int, b: int) -> float:
    """1 for the same seniority, falling evenly to 0 between the lowest and the highest."""
    return 1 - abs(a - b) / (MAX_SENIORITY - 1)


def pair_similarity(a: Applicant, b: Applicant) -> float:
    """The spec's s(i, j)."""
    return (
        FIT_WEIGHTS.seniority * seniority_closeness(a.seniority, b.seniority)
        + FIT_WEIGHTS.function * (a.function == b.function)
        + FIT_WEIGHTS.industry * (a.industry == b.industry)
    )


def council_fit(members: list[Applicant]) -> float:
    """Mean pair similarity of a council (0 for fewer than two members)."""
    total = 0.0
    pairs = 0
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            total += pair_similarity(a, b)
            pairs += 1
    return total / pairs if pairs else 0.0
