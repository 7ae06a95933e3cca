"""The state every step changes: who sits in which council, who is unplaced, who moderates.

People are pool indices (arrival order) and sets of people are bitsets over the pool, so
"who at this key is unplaced" is `council.can_attend & placement.unplaced`. Steps change
the state only through `add`, `remove`, `new_council`, `dissolve` and `swap`, which keep
each council's similarity tallies (and so its fit) up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .applicants import FIT_WEIGHTS, MAX_SENIORITY, Applicant, seniority_closeness
from .bucketing import Key, Pool
from .timegrid import slot_bits_list

# The weights under short names: they are read in the engine's hottest loops.
W_SENIORITY, W_FUNCTION, W_INDUSTRY = FIT_WEIGHTS
# CLOSENESS[a][b]: seniority closeness of a and b (index 0, no seniority, counts 0).
CLOSENESS = [
    [seniority_closeness(a, b) if a and b else 0.0 for b in range(MAX_SENIORITY + 1)]
    for a in range(MAX_SENIORITY + 1)
]


@dataclass(slots=True)
class Budget:
    """How many more elementary steps a search may take; shared by the passes of one run."""

    left: int


@dataclass(slots=True)
class WorkingCouncil:
    """A council being built: pool indices of its movable members, plus fixed ones."""

    key: Key
    members: list[int]
    moderator: int  # designated moderator (pool index), -1 for an existing council
    max_size: int
    min_size: int
    existing_id: str | None = None
    fixed: tuple[Applicant, ...] = ()  # an existing council's members, who stay
    # closeness[s]: sum over members of their seniority closeness to someone of seniority s.
    closeness: list[float] = field(default_factory=lambda: [0.0] * (MAX_SENIORITY + 1))
    functions: dict[int, int] = field(default_factory=dict)  # function code: members
    industries: dict[int, int] = field(default_factory=dict)  # industry code: members
    pairsum: float = 0.0  # sum of the similarities of every pair of members
    alive: bool = True  # False once dissolved (dropped when the list is compacted)
    slot_mask: int = 0  # the key's slots as bits of the week
    can_attend: int = 0  # everyone in the pool who can attend the key (fixed for a key)
    member_bits: int = 0  # movable members as bits of the pool

    @property
    def size(self) -> int:
        return len(self.members) + len(self.fixed)

    def copy(self) -> WorkingCouncil:
        return WorkingCouncil(
            key=self.key,
            members=list(self.members),
            moderator=self.moderator,
            max_size=self.max_size,
            min_size=self.min_size,
            existing_id=self.existing_id,
            fixed=self.fixed,
            closeness=list(self.closeness),
            functions=dict(self.functions),
            industries=dict(self.industries),
            pairsum=self.pairsum,
            alive=self.alive,
            slot_mask=self.slot_mask,
            can_attend=self.can_attend,
            member_bits=self.member_bits,
        )


def similarity_to(w: WorkingCouncil, seniority: int, function: int, industry: int) -> float:
    """Sum of the similarities between someone with these traits and every member of w
    (themselves included if they are in: anyone's similarity to themselves is 1)."""
    return (
        W_SENIORITY * w.closeness[seniority]
        + W_FUNCTION * w.functions.get(function, 0)
        + W_INDUSTRY * w.industries.get(industry, 0)
    )


def _tally(w: WorkingCouncil, seniority: int, function: int, industry: int, sign: int) -> None:
    """Count a member in (sign 1) or out (sign -1) of the council's similarity tallies."""
    row = CLOSENESS[seniority]
    closeness = w.closeness
    for v in range(1, MAX_SENIORITY + 1):
        closeness[v] += sign * row[v]
    w.functions[function] = w.functions.get(function, 0) + sign
    w.industries[industry] = w.industries.get(industry, 0) + sign


# What undoes a run of moves: the councils (copies), where each person sits, the unplaced
# and the designated moderators.
Snapshot = tuple[list[WorkingCouncil], list[int], int, int]


class Placement:
    """One matching of a pool in progress."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        # Construction reports how far it got towards the bound (0..1) here.
        self.on_progress: Callable[[float], None] = lambda _fraction: None
        self.reset()

    def reset(self) -> None:
        """Start over: nobody placed, only the existing councils with their own members."""
        pool = self.pool
        self.councils: list[WorkingCouncil] = []
        self.where = [-1] * pool.n  # council index of each person, -1 if unplaced
        self.unplaced = pool.everyone
        self.designated = 0  # designated moderators, as bits
        for ex, traits in zip(pool.existing, pool.existing_traits, strict=True):
            key = tuple(sorted(ex.slots))
            w = WorkingCouncil(
                key=key,
                members=[],
                moderator=-1,
                max_size=max(pool.max_size, len(ex.members)),
                min_size=len(ex.members),
                existing_id=ex.id,
                fixed=ex.members,
                slot_mask=pool.key_mask(key),
                can_attend=pool.key_bits(key),
            )
            for seniority, function, industry in traits:
                w.pairsum += similarity_to(w, seniority, function, industry)
                _tally(w, seniority, function, industry, 1)
            self.councils.append(w)

    # ----- similarity -----

    def similarity(self, i: int, j: int) -> float:
        """The spec's s(i, j)."""
        pool = self.pool
        return (
            W_SENIORITY * CLOSENESS[pool.seniority[i]][pool.seniority[j]]
            + W_FUNCTION * (pool.function[i] == pool.function[j])
            + W_INDUSTRY * (pool.industry[i] == pool.industry[j])
        )

    # ----- moves -----

    def add(self, ci: int, i: int) -> None:
        pool = self.pool
        w = self.councils[ci]
        seniority, function, industry = pool.seniority[i], pool.function[i], pool.industry[i]
        w.pairsum += similarity_to(w, seniority, function, industry)
        _tally(w, seniority, function, industry, 1)
        w.members.append(i)
        w.member_bits |= 1 << i
        self.where[i] = ci
        self.unplaced &= ~(1 << i)

    def remove(self, i: int) -> None:
        pool = self.pool
        ci = self.where[i]
        w = self.councils[ci]
        w.members.remove(i)
        w.member_bits &= ~(1 << i)
        seniority, function, industry = pool.seniority[i], pool.function[i], pool.industry[i]
        _tally(w, seniority, function, industry, -1)
        w.pairsum -= similarity_to(w, seniority, function, industry)
        self.where[i] = -1
        self.unplaced |= 1 << i

    def new_council(self, key: Key, moderator: int, others: list[int]) -> int:
        pool = self.pool
        ci = len(self.councils)
        self.councils.append(
            WorkingCouncil(
                key=key,
                members=[],
                moderator=moderator,
                max_size=pool.max_size,
                min_size=pool.min_size,
                slot_mask=pool.key_mask(key),
                can_attend=pool.key_bits(key),
            )
        )
        self.designated |= 1 << moderator
        self.add(ci, moderator)
        for i in others:
            self.add(ci, i)
        return ci

    def dissolve(self, ci: int) -> None:
        w = self.councils[ci]
        for i in list(w.members):
            self.remove(i)
        if w.moderator >= 0:
            self.designated &= ~(1 << w.moderator)
        w.alive = False

    def swap(self, x: int, y: int) -> None:
        """Exchange two members; a designated moderator hands the role to the newcomer."""
        cx, cy = self.where[x], self.where[y]
        c, d = self.councils[cx], self.councils[cy]
        self.remove(x)
        self.remove(y)
        self.add(cy, x)
        self.add(cx, y)
        if c.moderator == x:
            c.moderator = y
            self.designated = self.designated & ~(1 << x) | (1 << y)
        if d.moderator == y:
            d.moderator = x
            self.designated = self.designated & ~(1 << y) | (1 << x)

    def compact(self) -> None:
        """Drop dissolved councils (indices change)."""
        self.councils = [w for w in self.councils if w.alive]
        self.where = [-1] * self.pool.n
        for ci, w in enumerate(self.councils):
            for i in w.members:
                self.where[i] = ci

    # ----- reading -----

    def can_sit(self, i: int, w: WorkingCouncil) -> bool:
        """Whether person i can attend every slot of council w."""
        return self.pool.starts[i] & w.slot_mask == w.slot_mask

    def placed(self) -> int:
        return (self.pool.everyone & ~self.unplaced).bit_count()

    def volunteers_in(self, w: WorkingCouncil) -> int:
        volunteers = self.pool.volunteers
        return sum(1 for i in w.members if volunteers >> i & 1) + sum(
            1 for a in w.fixed if a.moderator
        )

    def score(self) -> tuple[int, int, int]:
        """Coverage, then volunteers placed, then fairness: the later the unplaced arrived
        (the higher the sum of their arrival ranks), the better."""
        pool = self.pool
        placed = pool.everyone & ~self.unplaced
        rank_sum = sum(slot_bits_list(self.unplaced)) if pool.effort.fair_score else 0
        return (placed.bit_count(), (placed & pool.volunteers).bit_count(), rank_sum)

    def snapshot(self) -> Snapshot:
        copies = [w.copy() for w in self.councils]
        return copies, list(self.where), self.unplaced, self.designated

    def restore(self, snapshot: Snapshot) -> None:
        """Back to a snapshot (which is then used up: its councils become the live ones)."""
        self.councils, self.where, self.unplaced, self.designated = snapshot
