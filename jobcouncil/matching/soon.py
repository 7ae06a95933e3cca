"""First meetings soon: the engine's last objective, and one newcomer into a free seat.

Slots are weekly UTC starts (bit *s*: *s* × 30 minutes after Monday 00:00 UTC), so the next
start of a slot after a moment is plain arithmetic on the week; daylight-saving changes
between the reference date and the meeting are not modelled here (the app builds the real
meetings in the council's own timezone, and this only ranks).

- `soonest_pass` (step 7, only when `MatchOptions.earliest_meeting` is set): once who sits
  where is settled, each new council meets at the key, among the keys all its members can
  attend that open it to nobody new from the unplaced, whose first start at or after the
  earliest meeting comes soonest. Members do not change, so coverage, fairness and fit are
  exactly what they were: a pure tie-break between placements equally good on all three.
- `place_one`: one applicant into an existing council with a free seat, the engine-level
  function behind the app's continuous placement and the programme simulator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .applicants import Applicant, ExistingCouncil, MatchOptions, pair_similarity
from .placement import Placement
from .timegrid import (
    FULL_WEEK,
    WEEK_MINUTES,
    meeting_slots,
    seconds_until,
    window_slots,
)

WEEK_SECONDS = WEEK_MINUTES * 60
# Similarities are sums of a few weighted terms: equal ones may differ in the last bits.
FIT_DIGITS = 9


def key_waits(key: Sequence[int], after: datetime) -> tuple[float, ...]:
    """Seconds from `after` to each slot's next start, soonest first: the sort key of a key
    (the first meeting, then the second of a fast council)."""
    return tuple(sorted(seconds_until(s, after) for s in key))


def first_start(key: Sequence[int], after: datetime) -> datetime:
    """The first start of any of the key's slots at or after `after` (UTC)."""
    return after.astimezone(UTC) + timedelta(seconds=key_waits(key, after)[0])


def soonest_pass(p: Placement, earliest: datetime) -> bool:
    """Move every new council to the key, among those all its members can attend, whose first
    start at or after `earliest` comes soonest (then its second start; then the lower key, so
    the result is the same every run). True when a council moved.

    Only to a key that opens the council to nobody unplaced who could not already attend it:
    the promises (free seats, volunteers, the earlier applicant first) were kept for the old
    key, so they hold for the new one, and members, coverage, fairness and fit stay exactly
    as they were. This is the last objective, never a trade against the others."""
    pool = p.pool
    changed = False
    for w in p.councils:
        if not w.alive or w.existing_id is not None:
            continue
        common = FULL_WEEK
        for i in w.members:
            common &= pool.starts[i]
        waiting_here = w.can_attend & p.unplaced
        best = w.key
        best_rank = (key_waits(w.key, earliest), w.key)
        for key in pool.keys_within(common):
            rank = (key_waits(key, earliest), key)
            if rank < best_rank and pool.key_bits(key) & p.unplaced & ~waiting_here == 0:
                best, best_rank = key, rank
        if best != w.key:
            w.key = best
            w.slot_mask = pool.key_mask(best)
            w.can_attend = pool.key_bits(best)
            changed = True
    return changed


def next_meeting(council: ExistingCouncil, after: datetime) -> datetime:
    """The council's first meeting at or after `after`: weekly on each slot, or every second
    week for a slow council counted from `meets_from` (its first meeting) when known."""
    if council.meets_from is not None and council.meets_from >= after:
        return council.meets_from.astimezone(UTC)
    start = first_start(council.slots, after)
    if council.seeker_type == "slow" and council.meets_from is not None:
        weeks = round((start - council.meets_from).total_seconds() / WEEK_SECONDS)
        if weeks % 2:
            start += timedelta(weeks=1)
    return start


@dataclass(frozen=True, slots=True)
class Seat:
    """A free seat one applicant could take, and how good it is for them."""

    council: str  # the existing council's id
    size: int  # members before the newcomer
    similarity: float  # the newcomer's mean similarity to its members
    first_meeting: datetime | None  # their first meeting there (None: no earliest given)


def seats_for(
    applicant: Applicant,
    councils: Sequence[ExistingCouncil],
    *,
    options: MatchOptions,
    earliest: datetime | None = None,
    keep_volunteers: bool = True,
) -> list[Seat]:
    """Every free seat the applicant may take, best first (none for a volunteer moderator
    with `keep_volunteers`, the default, as the engine's refill does: volunteers are what new
    councils are short of, so they wait for the next round, where each can lead eight).

    A seat may be taken under the engine's refill rules (SPEC.md rules 2, 5 and 7): a council
    of the applicant's seeker type, below `options.max_size`, whose every slot they can
    attend for a whole meeting (their windows read on `options.reference_date`), and that
    they are not already in. Ranked as the engine ranks its objectives: first councils below
    the minimum size (a seat there keeps a council going: coverage), then fit (the
    newcomer's mean similarity to the members), and last the first meeting at or after
    `earliest` (the notice period's end), sooner first; then the smaller council, then id.
    """
    if keep_volunteers and applicant.moderator:
        return []
    starts = meeting_slots(
        window_slots(applicant.availability, applicant.timezone, options.reference_date),
        options.meeting_minutes,
    )
    seats: list[tuple[tuple[bool, float, float, int, str], Seat]] = []
    for council in councils:
        size = len(council.members)
        if council.seeker_type != applicant.seeker_type or size >= options.max_size:
            continue
        mask = 0
        for s in council.slots:
            mask |= 1 << s
        if not mask or starts & mask != mask:
            continue
        if any(m.id == applicant.id for m in council.members):
            continue
        similarity = (
            sum(pair_similarity(applicant, m) for m in council.members) / size if size else 0.0
        )
        first = None
        wait = 0.0
        if earliest is not None:
            first = next_meeting(council, earliest)
            wait = (first - earliest).total_seconds()
        rank = (size >= options.min_size, -round(similarity, FIT_DIGITS), wait, size, council.id)
        seats.append((rank, Seat(council.id, size, similarity, first)))
    seats.sort(key=lambda pair: pair[0])
    return [seat for _, seat in seats]


def place_one(
    applicant: Applicant,
    councils: Sequence[ExistingCouncil],
    *,
    options: MatchOptions,
    earliest: datetime | None = None,
    keep_volunteers: bool = True,
) -> Seat | None:
    """The best free seat for one applicant in the existing councils, or None (see
    `seats_for`). The caller takes the seat, and must check under its own lock that it is
    still free (the app tries the next of `seats_for` when it is not)."""
    seats = seats_for(
        applicant, councils, options=options, earliest=earliest, keep_volunteers=keep_volunteers
    )
    return seats[0] if seats else None
