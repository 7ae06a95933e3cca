"""Step 6, resilience: give as many councils as possible a second volunteer (a backup
moderator) before any council keeps a third. Losing its only moderator is what breaks a
council most."""

from __future__ import annotations

from .fit import delta_swap
from .placement import Placement

# A council keeps its moderator and one backup; volunteers beyond that may move.
KEPT_VOLUNTEERS = 2


def resilience_pass(p: Placement) -> bool:
    """Give councils with one volunteer a second one, taken from councils with three or more.

    The spare volunteer moves into a free seat when both councils keep their sizes legal,
    or else swaps with the plain member whose exchange is best for fit.
    """
    pool = p.pool
    volunteers, starts = pool.volunteers, pool.starts
    changed = False
    counts = [p.volunteers_in(w) if w.alive else 0 for w in p.councils]
    for ci, c in enumerate(p.councils):
        if not c.alive:
            continue
        for v in list(c.members):
            if counts[ci] <= KEPT_VOLUNTEERS:
                break
            if v == c.moderator or not volunteers >> v & 1:
                continue
            for di, d in enumerate(p.councils):
                if di == ci or not d.alive or counts[di] != 1:
                    continue
                dmask = pool.key_mask(d.key)
                if starts[v] & dmask != dmask:
                    continue
                if d.size < d.max_size and c.size > c.min_size:
                    p.remove(v)
                    p.add(di, v)
                else:
                    cmask = pool.key_mask(c.key)
                    plain = [
                        y
                        for y in d.members
                        if not volunteers >> y & 1 and starts[y] & cmask == cmask
                    ]
                    if not plain:
                        continue
                    p.swap(v, max(plain, key=lambda y: delta_swap(p, v, y)))
                counts[ci] -= 1
                counts[di] += 1
                changed = True
                break
    return changed
