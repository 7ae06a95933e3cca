"""Step 3, local search for coverage: seat more people after construction.

Moves a council with free seats to other slots all its members share; chains of moves
found breadth-first over councils (a member moves on to make room, ending at a free seat,
as in augmenting paths); new councils from the unplaced plus members lent by councils
above minimum size; and on small and mid pools a neighbourhood search that dissolves a few
councils and rebuilds around their people. Free seats themselves are filled by
`promises.insert_pass`, which decides who gets them.
"""

from __future__ import annotations

import random

from .construction import construct, flexibility_bands, open_minimal, open_minimum_council, take
from .effort import (
    DISSOLVE_AIMED,
    DISSOLVE_RANDOM,
    LEND_STEPS,
    RANDOM_ROUND_SHARE,
    SEARCH_ROUND_PASSES,
)
from .placement import Budget, Placement
from .promises import fill_free_seats, insert_pass, pick
from .timegrid import FULL_WEEK, slot_bits_list


def rekey_pass(p: Placement) -> bool:
    """Move a council with free seats to other slots all its members can attend, where
    more unplaced people can join it."""
    pool = p.pool
    changed = False
    for ci, w in enumerate(p.councils):
        if not w.alive or w.existing_id is not None or w.size >= w.max_size:
            continue
        common = FULL_WEEK
        for i in w.members:
            common &= pool.starts[i]
        best_key = w.key
        best = (w.can_attend & p.unplaced).bit_count()
        for key in pool.keys_within(common):
            count = (pool.key_bits(key) & p.unplaced).bit_count()
            if count > best:
                best, best_key = count, key
        if best_key != w.key:
            w.key = best_key
            w.slot_mask = pool.key_mask(best_key)
            w.can_attend = pool.key_bits(best_key)
            fill_free_seats(p, ci)
            changed = True
    return changed


def chain_pass(p: Placement, budget: Budget) -> bool:
    """Seat an unplaced person in a full council by moving one member to a council with room."""
    changed = False
    for di, d in enumerate(p.councils):
        if not d.alive or d.size >= d.max_size:
            continue
        movers = d.can_attend & ~p.unplaced & ~p.designated
        while movers and d.size < d.max_size and budget.left > 0:
            budget.left -= 1
            low = movers & -movers
            movers ^= low
            x = low.bit_length() - 1
            ci = p.where[x]
            if ci == di or ci < 0:
                continue
            c = p.councils[ci]
            candidates = c.can_attend & p.unplaced
            if not candidates:
                continue
            p.remove(x)
            p.add(di, x)
            p.add(ci, pick(p, candidates))
            changed = True
    return changed


def augment(p: Placement, u: int, budget: Budget, dead: set[int]) -> bool:
    """Seat u through a shortest chain of moves ending in a council with a free seat.

    `dead` holds councils from which no chain reached a free seat since the last
    change; they are skipped, which keeps a pass near-linear in the unplaced.
    """
    councils = p.councils
    alive = [ci for ci, w in enumerate(councils) if w.alive and ci not in dead]
    parent: dict[int, tuple[int, int]] = {}
    queue = []
    for ci in alive:
        if p.can_sit(u, councils[ci]):
            parent[ci] = (-1, u)
            queue.append(ci)
    if not queue:
        return False
    unvisited = [ci for ci in alive if ci not in parent]
    head = 0
    while head < len(queue):
        ci = queue[head]
        head += 1
        c = councils[ci]
        if c.size < c.max_size:
            # Walk back: each mover leaves its council for the next one on the path.
            while True:
                prev, person = parent[ci]
                if prev < 0:
                    p.add(ci, person)
                    return True
                p.remove(person)
                p.add(ci, person)
                ci = prev
        movable = c.member_bits & ~p.designated
        if not movable or not unvisited or budget.left <= 0:
            continue
        budget.left -= len(unvisited)
        still = []
        for di in unvisited:
            m = councils[di].can_attend & movable
            if m:
                parent[di] = (ci, (m & -m).bit_length() - 1)
                queue.append(di)
            else:
                still.append(di)
        unvisited = still
    dead.update(queue)
    return False


def augment_pass(p: Placement, budget: Budget) -> bool:
    """Try an augmenting chain for every unplaced person: volunteers first (the promise),
    then by arrival."""
    volunteers = p.pool.volunteers
    changed = False
    dead: set[int] = set()
    order = slot_bits_list(p.unplaced & volunteers) + slot_bits_list(p.unplaced & ~volunteers)
    for u in order:
        if budget.left <= 0:
            break
        if augment(p, u, budget, dead):
            changed = True
            dead.clear()
    return changed


def _lend(
    p: Placement, source: int, want: int, lent: dict[int, int], donors: list[int], budget: Budget
) -> None:
    """Borrow up to `want` members of `source` from councils that stay at least minimum size."""
    while source and want > 0 and budget.left > 0:
        budget.left -= 1
        low = source & -source
        source ^= low
        x = low.bit_length() - 1
        if x in donors:
            continue
        ci = p.where[x]
        w = p.councils[ci]
        if w.size - lent.get(ci, 0) <= w.min_size:
            continue
        lent[ci] = lent.get(ci, 0) + 1
        donors.append(x)
        want -= 1


def rebuild_pass(p: Placement, bands: list[int], rng: random.Random) -> bool:
    """Form councils from the unplaced alone, then with members lent by larger councils."""
    pool = p.pool
    volunteers = pool.volunteers
    before = p.unplaced.bit_count()
    if p.unplaced:
        construct(p, p.unplaced, bands, rng)
    budget = Budget(LEND_STEPS)
    for key in pool.keys:
        together = pool.key_bits(key)
        unplaced_here = together & p.unplaced
        n_unplaced = unplaced_here.bit_count()
        if n_unplaced == 0:
            continue
        spare = together & ~p.unplaced & ~p.designated
        if n_unplaced + spare.bit_count() < pool.min_size:
            continue
        need_moderator = not (unplaced_here & volunteers)
        if need_moderator and not (spare & volunteers):
            continue
        lent: dict[int, int] = {}
        donors: list[int] = []
        need = max(0, pool.min_size - n_unplaced)
        if need_moderator:
            _lend(p, spare & volunteers, 1, lent, donors, budget)
            if not donors:
                continue
        _lend(p, spare & ~volunteers, need - len(donors), lent, donors, budget)
        _lend(p, spare & volunteers, need - len(donors), lent, donors, budget)
        if len(donors) < need:
            continue
        takers: list[int] = []
        room = pool.max_size - len(donors)
        take(unplaced_here & volunteers, room, [pool.everyone], takers)
        take(unplaced_here & ~volunteers, room - len(takers), [pool.everyone], takers)
        for x in donors:
            p.remove(x)
        group = takers + donors
        leader = next(i for i in group if volunteers >> i & 1)
        group.remove(leader)
        p.new_council(key, leader, group)
    return p.unplaced.bit_count() < before


def _dissolve_around_unplaced(p: Placement, rng: random.Random, bands: list[int]) -> bool:
    """Dissolve the councils holding the people of one slot an unplaced person could use,
    and open a council on that slot first."""
    pool = p.pool
    candidates = slot_bits_list(p.unplaced & pool.viable)
    if not candidates:
        return False
    u = rng.choice(candidates)
    keys = [k for k in pool.keys if pool.key_bits(k) >> u & 1]
    if not keys:
        return False
    key = rng.choice(keys)
    hits: dict[int, int] = {}
    for i in slot_bits_list(pool.key_bits(key) & ~p.unplaced):
        ci = p.where[i]
        if p.councils[ci].existing_id is None:
            hits[ci] = hits.get(ci, 0) + 1
    if not hits:
        return False
    order = sorted(hits, key=lambda ci: (-hits[ci], rng.random()))
    for ci in order[: rng.choice(DISSOLVE_AIMED)]:
        p.dissolve(ci)
    open_minimum_council(p, key, bands)
    return True


def neighbourhood_search(
    p: Placement, rng: random.Random, rounds: int, coverage_steps: int
) -> None:
    """Dissolve a few councils and rebuild around their people; keep what is not worse.

    Half the rounds aim at an unplaced person's slot, half dissolve councils at random.
    Moves that keep coverage are taken too (to walk plateaus); the best seen is kept.
    """
    bound = p.pool.bound
    best = p.score()
    best_snapshot = p.snapshot()
    current = best[:2]
    for _ in range(rounds):
        new = [ci for ci, w in enumerate(p.councils) if w.alive and w.existing_id is None]
        if not new:
            break
        snapshot = p.snapshot()
        bands = flexibility_bands(p, rng)
        if rng.random() < RANDOM_ROUND_SHARE or not _dissolve_around_unplaced(p, rng, bands):
            for ci in rng.sample(new, k=min(len(new), rng.choice(DISSOLVE_RANDOM))):
                p.dissolve(ci)
        open_minimal(p, bands, rng, scarce_first=rng.random() < 0.5)
        budget = Budget(coverage_steps)
        for _ in range(SEARCH_ROUND_PASSES):
            changed = insert_pass(p)
            changed |= augment_pass(p, budget)
            changed |= rebuild_pass(p, bands, rng)
            if not changed:
                break
        score = p.score()
        if score[:2] >= current:
            current = score[:2]
            p.compact()
            if score > best:
                best, best_snapshot = score, p.snapshot()
                if best[0] >= bound:
                    break
        else:
            p.restore(snapshot)
    p.restore(best_snapshot)
