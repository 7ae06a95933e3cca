"""Step 5, fit: make councils of similar people, without changing who is placed.

Councils sharing a key are re-dealt sorted by function, industry and seniority (cheap and
most of the gain), then members are swapped between councils whose slots both can attend
when the size-weighted fit rises (budgeted on large pools; a designated moderator may only
be swapped for a volunteer, who takes over the role).
"""

from __future__ import annotations

from .bucketing import Key
from .effort import FEW_KEYS, MIN_GAIN
from .placement import Budget, Placement, similarity_to

# Anyone's similarity to themselves (the weights sum to 1): similarity_to counts it for a
# member, so it comes off when measuring what the member shares with the others.
SELF_SIMILARITY = 1.0


def delta_swap(p: Placement, x: int, y: int) -> float:
    """How much exchanging x and y raises the objective (see `objective`)."""
    pool = p.pool
    seniority, function, industry = pool.seniority, pool.function, pool.industry
    c = p.councils[p.where[x]]
    d = p.councils[p.where[y]]
    sx, fx, ix = seniority[x], function[x], industry[x]
    sy, fy, iy = seniority[y], function[y], industry[y]
    sxy = p.similarity(x, y)
    dc = -(similarity_to(c, sx, fx, ix) - SELF_SIMILARITY) + (similarity_to(c, sy, fy, iy) - sxy)
    dd = -(similarity_to(d, sy, fy, iy) - SELF_SIMILARITY) + (similarity_to(d, sx, fx, ix) - sxy)
    return 2 * dc / (c.size - 1) + 2 * dd / (d.size - 1)


def objective(p: Placement, councils: list[int]) -> float:
    """Size-weighted fit of these councils, up to a constant: sum of 2 * pairsum / (n - 1)."""
    total = 0.0
    for ci in councils:
        w = p.councils[ci]
        if w.size > 1:
            total += 2 * w.pairsum / (w.size - 1)
    return total


def _unseat_plain(p: Placement, group: list[int]) -> None:
    """Remove every member but the designated moderator from these councils."""
    for ci in group:
        w = p.councils[ci]
        for i in list(w.members):
            if i != w.moderator:
                p.remove(i)


def regroup_pass(p: Placement) -> None:
    """Re-deal councils that share slots so that similar people sit together.

    Cheap where swaps are dear: sort everyone on those slots by function, industry and
    seniority, then cut; sizes and the designated moderators' councils stay as they were.
    """
    by_key: dict[Key, list[int]] = {}
    for ci, w in enumerate(p.councils):
        if w.alive and w.existing_id is None:
            by_key.setdefault(w.key, []).append(ci)
    by_likeness = p.pool.by_likeness
    for group in by_key.values():
        if len(group) < 2:
            continue
        before = objective(p, group)
        old = {ci: list(p.councils[ci].members) for ci in group}
        leaders = sorted(group, key=lambda ci: by_likeness(p.councils[ci].moderator))
        sizes = {ci: p.councils[ci].size for ci in group}
        people = sorted(
            (i for ci in group for i in p.councils[ci].members if i != p.councils[ci].moderator),
            key=by_likeness,
        )
        _unseat_plain(p, group)
        start = 0
        for ci in leaders:
            for i in people[start : start + sizes[ci] - 1]:
                p.add(ci, i)
            start += sizes[ci] - 1
        if objective(p, group) <= before + MIN_GAIN:
            # No better: everyone back where they were, in the same order.
            _unseat_plain(p, group)
            for ci in group:
                moderator = p.councils[ci].moderator
                for i in old[ci]:
                    if i != moderator:
                        p.add(ci, i)


def fit_pass(p: Placement, budget: Budget) -> bool:
    """Swap plain members between councils whose slots both can attend, when fit rises."""
    pool = p.pool
    volunteers, starts = pool.volunteers, pool.starts
    changed = False
    by_key: dict[Key, list[int]] = {}
    for ci, w in enumerate(p.councils):
        if w.alive:
            by_key.setdefault(w.key, []).append(ci)
    keys = list(by_key)
    masks = [pool.key_mask(k) for k in keys]
    few_keys = len(keys) <= FEW_KEYS
    for ci, c in enumerate(p.councils):
        if not c.alive:
            continue
        cmask = pool.key_mask(c.key)
        for x in list(c.members):
            if budget.left <= 0:
                return changed
            if p.where[x] != ci:
                continue
            x_leads = x == c.moderator
            x_volunteers = bool(volunteers >> x & 1)
            sx = starts[x]
            targets: list[int] = []
            if few_keys:
                for key, mask in zip(keys, masks, strict=True):
                    if sx & mask == mask:
                        targets.extend(by_key[key])
            else:
                targets = by_key[c.key]
            best, best_y = MIN_GAIN, -1
            for di in targets:
                if di == ci:
                    continue
                d = p.councils[di]
                for y in d.members:
                    if starts[y] & cmask != cmask:
                        continue
                    # Whoever leads a council may only be swapped for a volunteer.
                    if x_leads and not volunteers >> y & 1:
                        continue
                    if y == d.moderator and not x_volunteers:
                        continue
                    budget.left -= 1
                    delta = delta_swap(p, x, y)
                    if delta > best:
                        best, best_y = delta, y
            if best_y >= 0:
                p.swap(x, best_y)
                changed = True
    return changed
