"""The council matching engine: applicants in, councils, refills and unplaced out.

`match` runs the steps of the README (one module each: bucketing, construction, coverage,
promises, fit, resilience; `solve` puts them together) for each seeker type, then
assembles the result and its figures.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from .applicants import Applicant, ExistingCouncil, MatchInputError, MatchOptions, council_fit
from .bucketing import Pool
from .placement import Placement
from .solve import Progress, solve
from .text import shown
from .timegrid import format_slot, has_fast_pair, slot_bits_list

REASON_NO_SLOT = "availability holds no full meeting"
REASON_NO_PAIR = "no two meeting slots 48 hours apart"
REASON_TOO_FEW = "no shared slot with enough people"
REASON_NO_MODERATOR = "no moderator shares a slot with enough people"
REASON_FULL = "councils at their slots are full"
REASON_TAKEN = "people at their slots were needed by other councils"
REASON_LATER = "a council at their slots would first meet too late; a later round forms it"


@dataclass(frozen=True, slots=True)
class Council:
    id: str
    seeker_type: str
    moderator: str
    members: tuple[str, ...]
    slots: tuple[int, ...]
    fit: float


@dataclass(frozen=True, slots=True)
class Refill:
    council: str
    added: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unplaced:
    id: str
    reason: str


@dataclass(slots=True)
class MatchResult:
    councils: list[Council]
    refilled: list[Refill]
    unplaced: list[Unplaced]
    stats: dict[str, object]
    options: MatchOptions


def _reasons(p: Placement) -> dict[int, str]:
    """Why each unplaced person is unplaced, in words a coordinator can act on."""
    pool = p.pool
    fits_council = 0
    for w in p.councils:
        if w.alive:
            fits_council |= w.can_attend
    out = {}
    for i in slot_bits_list(p.unplaced):
        bit = 1 << i
        if not pool.starts[i]:
            out[i] = REASON_NO_SLOT
        elif pool.two_slots and not has_fast_pair(pool.starts[i]):
            out[i] = REASON_NO_PAIR
        elif fits_council & bit:
            out[i] = REASON_FULL
        elif pool.viable & bit:
            out[i] = REASON_TAKEN
        elif pool.later & bit:
            out[i] = REASON_LATER
        elif pool.crowded & bit:
            out[i] = REASON_NO_MODERATOR
        else:
            out[i] = REASON_TOO_FEW
    return out


def _arrival_key(a: Applicant) -> tuple[datetime, str]:
    return (a.applied_at.astimezone(UTC), a.id)


def match(
    applicants: Sequence[Applicant],
    *,
    existing: Sequence[ExistingCouncil] = (),
    options: MatchOptions,
    progress: Progress | None = None,
) -> MatchResult:
    """Match applicants into councils (refilling existing ones first) under the spec's rules.

    Same input, options and seed give the same result. `progress` receives 0..1.
    """
    started = time.perf_counter()
    report = progress or (lambda _fraction: None)
    seen: dict[str, str] = {}
    for ex in existing:
        for m in ex.members:
            seen[m.id] = ex.id
    ids: set[str] = set()
    for a in applicants:
        if a.id in ids:
            raise MatchInputError(a.line or None, a.id, "id", "duplicate id")
        ids.add(a.id)
        if a.id in seen:
            raise MatchInputError(
                a.line or None,
                a.id,
                "id",
                f"already a member of existing council {shown(seen[a.id])}",
            )
    codes: dict[str, int] = {}
    placements: list[Placement] = []
    total = max(1, len(applicants))
    done: float = 0
    bound = 0
    for seeker_type in ("fast", "slow"):
        people = sorted((a for a in applicants if a.seeker_type == seeker_type), key=_arrival_key)
        mine = [ex for ex in existing if ex.seeker_type == seeker_type]
        pool = Pool(people, seeker_type == "fast", mine, options, codes)
        share = len(people) / total

        def sub(fraction: float, done: float = done, share: float = share) -> None:
            report(min(1.0, done + share * fraction))

        placements.append(solve(pool, options.seed, sub))
        bound += pool.bound
        done += share
    result = _assemble(placements, applicants, options)
    # No matching can place more: each council needs its own volunteer, of max size.
    result.stats["placeable_at_most"] = bound
    result.stats["seconds"] = round(time.perf_counter() - started, 3)
    report(1.0)
    return result


def _assemble(
    placements: list[Placement], applicants: Sequence[Applicant], options: MatchOptions
) -> MatchResult:
    new: list[tuple[tuple[str, tuple[int, ...], str], Council]] = []
    refilled: list[Refill] = []
    unplaced: list[Unplaced] = []
    by_type: dict[str, dict[str, float]] = {}
    for p in placements:
        pool = p.pool
        seeker_type = "fast" if pool.two_slots else "slow"
        placed_here = 0
        for w in p.councils:
            if not w.alive:
                continue
            if w.existing_id is not None:
                if w.members:
                    added = tuple(pool.people[i].id for i in sorted(w.members))
                    refilled.append(Refill(w.existing_id, added))
                    placed_here += len(w.members)
                continue
            others = sorted(i for i in w.members if i != w.moderator)
            people = [pool.people[w.moderator]] + [pool.people[i] for i in others]
            members = tuple(a.id for a in people)
            council = Council(
                id="",
                seeker_type=seeker_type,
                moderator=pool.people[w.moderator].id,
                members=members,
                slots=w.key,
                fit=council_fit(people),
            )
            placed_here += len(members)
            new.append(((seeker_type, w.key, pool.people[min(w.members)].id), council))
        for i, why in _reasons(p).items():
            unplaced.append(Unplaced(pool.people[i].id, why))
        by_type[seeker_type] = {
            "applicants": pool.n,
            "placed": placed_here,
            "coverage": round(placed_here / pool.n, 4) if pool.n else 0.0,
        }
    new.sort(key=lambda pair: pair[0])
    councils = [
        Council(f"c-{k:04d}", c.seeker_type, c.moderator, c.members, c.slots, c.fit)
        for k, (_, c) in enumerate(new, start=1)
    ]
    refilled.sort(key=lambda r: r.council)
    # Arrival order, so the document does not depend on the order of the input lines.
    order = {a.id: _arrival_key(a) for a in applicants}
    unplaced.sort(key=lambda u: order[u.id])
    stats = compute_stats(applicants, councils, refilled, unplaced, options)
    stats["by_type"] = by_type
    return MatchResult(councils, refilled, unplaced, stats, options)


def compute_stats(
    applicants: Sequence[Applicant],
    councils: Sequence[Council],
    refilled: Sequence[Refill],
    unplaced: Sequence[Unplaced],
    options: MatchOptions,
) -> dict[str, object]:
    """The figures shown after a matching (shared with match-check)."""
    by_id = {a.id: a for a in applicants}
    placed_ids = [m for c in councils for m in c.members] + [m for r in refilled for m in r.added]
    n = len(applicants)
    total_size = sum(len(c.members) for c in councils)
    fit = sum(c.fit * len(c.members) for c in councils) / total_size if total_size else 0.0
    reference = datetime.combine(options.reference_date, datetime.min.time(), tzinfo=UTC)

    def wait(ids: list[str]) -> float:
        known = [by_id[i] for i in ids if i in by_id]
        if not known:
            return 0.0
        days = [(reference - a.applied_at).total_seconds() / 86400 for a in known]
        return round(sum(days) / len(days), 2)

    volunteers = [sum(1 for m in c.members if m in by_id and by_id[m].moderator) for c in councils]
    return {
        "applicants": n,
        "placed": len(placed_ids),
        "coverage": round(len(placed_ids) / n, 4) if n else 0.0,
        "mean_similarity": round(fit, 4),
        "seconds": 0.0,
        "councils": len(councils),
        "refilled_seats": sum(len(r.added) for r in refilled),
        "moderators_placed": sum(1 for i in placed_ids if i in by_id and by_id[i].moderator),
        "moderators_unplaced": sum(1 for u in unplaced if u.id in by_id and by_id[u.id].moderator),
        "councils_with_backup_moderator": sum(1 for v in volunteers if v >= 2),
        "mean_wait_days_placed": wait(placed_ids),
        "mean_wait_days_unplaced": wait([u.id for u in unplaced]),
    }


def result_to_json(result: MatchResult) -> dict[str, object]:
    """The spec's output document (plus the options used, so a result can be audited)."""
    o = result.options
    used: dict[str, object] = {
        "reference_date": o.reference_date.isoformat(),
        "seed": o.seed,
        "min_size": o.min_size,
        "max_size": o.max_size,
        "meeting_minutes": o.meeting_minutes,
    }
    if o.earliest_meeting is not None:
        used["earliest_meeting"] = o.earliest_meeting.isoformat()
    if o.form_within_hours is not None:
        used["form_within_hours"] = o.form_within_hours
    return {
        "councils": [
            {
                "id": c.id,
                "seeker_type": c.seeker_type,
                "moderator": c.moderator,
                "members": list(c.members),
                "slots": [format_slot(s) for s in c.slots],
            }
            for c in result.councils
        ],
        "refilled": [{"council": r.council, "added": list(r.added)} for r in result.refilled],
        "unplaced": [{"id": u.id, "reason": u.reason} for u in result.unplaced],
        "stats": result.stats,
        "options": used,
    }
