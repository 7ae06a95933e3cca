"""Step 2, construction: refill existing councils, then open new ones key by key.

On one key, n people with m volunteers can fill c councils iff min*c <= n <= max*c and
m >= c, so a key's value (how many it can seat) is exact and cheap. A lazy greedy takes
the key seating most and forms all its councils at once; the minimum-size variant opens
one small council at a time (scarcest or busiest key first) for the later steps to fill.
"""

from __future__ import annotations

import heapq
import random

from .bucketing import Key
from .effort import BAND_JITTER, PROGRESS_EVERY
from .placement import Placement

# Flexibility bands (number of possible meeting starts): the least flexible are seated
# first, because the flexible ones can still be seated elsewhere.
BAND_LIMITS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 10**9)


def flexibility_bands(p: Placement, rng: random.Random | None) -> list[int]:
    """The pool cut into bands of flexibility, least flexible first (jittered with `rng`)."""
    bands = [0] * len(BAND_LIMITS)
    f: float
    for i, f in enumerate(p.pool.flex):
        if rng is not None:
            f = f * rng.uniform(*BAND_JITTER)
        for b, limit in enumerate(BAND_LIMITS):
            if f <= limit:
                bands[b] |= 1 << i
                break
    return [b for b in bands if b]


def take(candidates: int, need: int, bands: list[int], out: list[int]) -> None:
    """Append up to `need` people of `candidates`, least flexible band first, earliest within."""
    if need <= 0:
        return
    for band in bands:
        x = candidates & band
        while x:
            low = x & -x
            out.append(low.bit_length() - 1)
            need -= 1
            if need == 0:
                return
            x ^= low


def value(p: Placement, key: Key, candidates: int) -> tuple[int, int]:
    """How many of `candidates` councils on this key could seat, and how many can meet there."""
    pool = p.pool
    available = pool.key_bits(key) & candidates
    n = available.bit_count()
    if n < pool.min_size:
        return 0, n
    m = (available & pool.volunteers).bit_count()
    c = min(m, n // pool.min_size)
    return min(n, pool.max_size * c), n


def refill(p: Placement, bands: list[int]) -> None:
    """Existing councils first: seat people who are not volunteers (they lead new ones)."""
    for ci, w in enumerate(p.councils):
        if w.existing_id is None:
            continue
        room = w.max_size - w.size
        candidates = w.can_attend & p.unplaced & ~p.pool.volunteers
        chosen: list[int] = []
        take(candidates, room, bands, chosen)
        for i in chosen:
            p.add(ci, i)


def form(p: Placement, key: Key, candidates: int, bands: list[int]) -> None:
    """Open as many councils on this key as its candidates can fill, seating the most."""
    pool = p.pool
    volunteers = pool.volunteers
    available = pool.key_bits(key) & candidates
    n = available.bit_count()
    leading = available & volunteers
    c = min(leading.bit_count(), n // pool.min_size)
    seated = min(n, pool.max_size * c)
    leaders: list[int] = []
    take(leading, c, bands, leaders)
    chosen_bits = 0
    for i in leaders:
        chosen_bits |= 1 << i
    others: list[int] = []
    take(available & ~volunteers, seated - c, bands, others)
    if len(others) < seated - c:
        # Not enough plain members here: volunteers join as members (backups).
        take(available & volunteers & ~chosen_bits, seated - c - len(others), bands, others)
    # Similar people side by side, then cut into councils of near-equal size.
    order = sorted(others, key=pool.by_likeness)
    leaders.sort(key=pool.by_likeness)
    start = 0
    for k, leader in enumerate(leaders):
        size = seated // c + (1 if k < seated % c else 0)
        p.new_council(key, leader, order[start : start + size - 1])
        start += size - 1


def construct(p: Placement, candidates: int, bands: list[int], rng: random.Random) -> None:
    """Lazy greedy: form the councils of the key that seats most, until no key seats anyone.

    A key's value only falls as people are seated, so a popped entry whose value is still
    current is the best; a stale one goes back with its new value.
    """
    pool = p.pool
    tiebreak = {key: rng.random() for key in pool.keys}
    heap = []
    for key in pool.keys:
        v, n = value(p, key, candidates)
        if v:
            heap.append((-v, -n, tiebreak[key], key))
    heapq.heapify(heap)
    formed = 0
    goal = max(1, pool.bound)
    while heap:
        neg_v, neg_n, tb, key = heapq.heappop(heap)
        v, n = value(p, key, p.unplaced)
        if v == 0:
            continue
        if v != -neg_v or n != -neg_n:
            heapq.heappush(heap, (-v, -n, tb, key))
            continue
        form(p, key, p.unplaced, bands)
        formed += 1
        if formed % PROGRESS_EVERY == 0:
            p.on_progress(p.placed() / goal)


def open_minimum_council(p: Placement, key: Key, bands: list[int]) -> bool:
    """Open one council of minimum size on this key from the unplaced, if they can fill one:
    a volunteer to lead, then plain members, then volunteers as members."""
    pool = p.pool
    volunteers = pool.volunteers
    available = pool.key_bits(key) & p.unplaced
    if available.bit_count() < pool.min_size or not available & volunteers:
        return False
    leader: list[int] = []
    take(available & volunteers, 1, bands, leader)
    others: list[int] = []
    take(available & ~volunteers, pool.min_size - 1, bands, others)
    rest = available & volunteers & ~(1 << leader[0])
    take(rest, pool.min_size - 1 - len(others), bands, others)
    p.new_council(key, leader[0], others)
    return True


def open_minimal(p: Placement, bands: list[int], rng: random.Random, scarce_first: bool) -> None:
    """Open councils of minimum size, one at a time, so more councils can open at all.

    The augmenting fill then brings them up to the maximum. With `scarce_first` the key
    with the fewest candidates opens first: it is the one most easily lost.
    """
    # Each entry: (candidates when last counted, random tie-break, key).
    live: list[tuple[int, float, Key]] = []
    for key in p.pool.keys:
        v, n = value(p, key, p.unplaced)
        if v:
            live.append((n, rng.random(), key))
    while live:
        best: tuple[tuple[int, float], tuple[int, float, Key]] | None = None
        kept = []
        for _, tie, key in live:
            v, n = value(p, key, p.unplaced)
            if not v:
                continue
            entry = (n, tie, key)
            kept.append(entry)
            rank = (n if scarce_first else -n, tie)
            if best is None or rank < best[0]:
                best = (rank, entry)
        live = kept
        if best is None:
            return
        open_minimum_council(p, best[1][2], bands)
