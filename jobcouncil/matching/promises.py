"""Step 4, promises and fairness: who gets a seat when several could take it.

Free seats go to volunteers first, then the earliest applicant; an unplaced volunteer
takes the seat of the latest plain member; an unplaced applicant takes the seat of a later
plain applicant in a council whose slots they can attend.
"""

from __future__ import annotations

from .effort import SETTLE_ROUNDS
from .placement import Placement


def pick(p: Placement, candidates: int) -> int:
    """Who gets a free seat: a volunteer first (the promise), then the earliest applicant."""
    x = candidates & p.pool.volunteers or candidates
    return (x & -x).bit_length() - 1


def fill_free_seats(p: Placement, ci: int) -> None:
    """Seat unplaced people who can attend council ci until it is full."""
    w = p.councils[ci]
    while w.size < w.max_size:
        candidates = w.can_attend & p.unplaced
        if not candidates:
            break
        p.add(ci, pick(p, candidates))


def insert_pass(p: Placement) -> bool:
    """Fill every free seat someone unplaced can take."""
    changed = False
    for ci, w in enumerate(p.councils):
        if not w.alive:
            continue
        if w.size < w.max_size and w.can_attend & p.unplaced:
            fill_free_seats(p, ci)
            changed = True
    return changed


def volunteer_swap_pass(p: Placement) -> bool:
    """Keep the promise to volunteers: seat an unplaced one in place of a plain member."""
    volunteers = p.pool.volunteers
    changed = False
    if not p.unplaced & volunteers:
        return False
    order = sorted(
        range(len(p.councils)),
        key=lambda ci: (p.volunteers_in(p.councils[ci]), ci),
    )
    for ci in order:
        w = p.councils[ci]
        if not w.alive:
            continue
        candidates = w.can_attend & p.unplaced & volunteers
        if not candidates:
            continue
        plain = [i for i in w.members if not volunteers >> i & 1]
        if not plain:
            continue
        x = max(plain)  # the latest applicant gives way
        p.remove(x)
        p.add(ci, (candidates & -candidates).bit_length() - 1)
        changed = True
    return changed


def fairness_pass(p: Placement) -> bool:
    """Between two people who could hold the same seat, the earlier applicant gets it."""
    volunteers = p.pool.volunteers
    changed = False
    work = list(range(len(p.councils)))
    while work:
        ci = work.pop()
        w = p.councils[ci]
        if not w.alive:
            continue
        candidates = w.can_attend & p.unplaced & ~volunteers
        if not candidates:
            continue
        u = (candidates & -candidates).bit_length() - 1
        plain = [i for i in w.members if not volunteers >> i & 1]
        if not plain:
            continue
        x = max(plain)
        if x > u:
            p.remove(x)
            p.add(ci, u)
            changed = True
            work.append(ci)
    return changed


def settle(p: Placement) -> None:
    """Free seats taken, volunteers before plain members, earlier before later applicants."""
    for _ in range(SETTLE_ROUNDS):
        changed = insert_pass(p)
        changed |= volunteer_swap_pass(p)
        changed |= fairness_pass(p)
        if not changed:
            return
