"""The council matching engine: applicants in, councils, refills and unplaced out."""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .applicants import (
    Applicant,
    ExistingCouncil,
    MatchInputError,
    MatchOptions,
    council_fit,
    parse_applicant,
)
from .text import shown
from .timegrid import (
    FULL_WEEK,
    MAX_GAP_SLOTS,
    MIN_GAP_SLOTS,
    WEEK_SLOTS,
    format_slot,
    has_fast_pair,
    meeting_slots,
    partner_mask,
    slot_bits_list,
    window_slots,
)

__all__ = [
    "Applicant",
    "Council",
    "ExistingCouncil",
    "MatchInputError",
    "MatchOptions",
    "MatchResult",
    "Refill",
    "Unplaced",
    "match",
    "parse_applicant",
    "result_to_json",
    "window_slots",
]

Progress = Callable[[float], None]

REASON_NO_SLOT = "availability holds no full meeting"
REASON_NO_PAIR = "no two meeting slots 48 hours apart"
REASON_TOO_FEW = "no shared slot with enough people"
REASON_NO_MODERATOR = "no moderator shares a slot with enough people"
REASON_FULL = "councils at their slots are full"
REASON_TAKEN = "people at their slots were needed by other councils"

# Flexibility bands (number of possible meeting starts): the least flexible are seated
# first, because the flexible ones can still be seated elsewhere.
_BAND_LIMITS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 10**9)


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


@dataclass(slots=True)
class _Work:
    """A council being built: pool indices of its movable members plus fixed ones."""

    key: tuple[int, ...]
    members: list[int]
    mod: int  # designated moderator (pool index), -1 for an existing council
    hi: int
    lo: int
    existing_id: str | None = None
    fixed: tuple[Applicant, ...] = ()
    sen: list[int] = field(default_factory=lambda: [0] * 7)
    # senv[s]: sum over members of the seniority closeness to someone of seniority s.
    senv: list[float] = field(default_factory=lambda: [0.0] * 7)
    fn: dict[int, int] = field(default_factory=dict)
    ind: dict[int, int] = field(default_factory=dict)
    pairsum: float = 0.0
    alive: bool = True
    mask: int = 0  # the key's slots as bits of the week
    people: int = 0  # everyone in the pool who can attend the key (fixed for a key)
    bits: int = 0  # movable members as bits of the pool

    @property
    def size(self) -> int:
        return len(self.members) + len(self.fixed)


_SEN_W = [[(1 - abs(a - b) / 5) if a and b else 0.0 for b in range(7)] for a in range(7)]


class _Solver:
    """Matches the applicants of one seeker type, refilling that type's existing councils."""

    def __init__(
        self,
        people: list[Applicant],
        two_slots: bool,
        existing: list[ExistingCouncil],
        options: MatchOptions,
        codes: dict[str, int],
    ) -> None:
        self.options = options
        self.apps = people
        self.n = len(people)
        self.two = two_slots
        self.lo = options.min_size
        self.hi = options.max_size
        self.existing = existing
        self.codes = codes
        self.sen = [a.seniority for a in people]
        self.fnc = [codes.setdefault("f:" + a.function, len(codes)) for a in people]
        self.indc = [codes.setdefault("i:" + a.industry, len(codes)) for a in people]
        cache: dict[tuple[str, tuple[str, ...]], int] = {}
        self.starts: list[int] = []
        for a in people:
            sig = (a.timezone, a.availability)
            bits = cache.get(sig)
            if bits is None:
                avail = window_slots(a.availability, a.timezone, options.reference_date)
                bits = meeting_slots(avail, options.meeting_minutes)
                cache[sig] = bits
            self.starts.append(bits)
        mods = 0
        for i, a in enumerate(people):
            if a.moderator:
                mods |= 1 << i
        self.MODS = mods
        self.ALL = (1 << self.n) - 1
        at_slot = [0] * WEEK_SLOTS
        for i, bits in enumerate(self.starts):
            for s in slot_bits_list(bits):
                at_slot[s] |= 1 << i
        self.at_slot = at_slot
        self.flex = [b.bit_count() for b in self.starts]
        self.tick: Callable[[float], None] = lambda _fraction: None
        self.keys = self._feasible_keys()
        if self.n <= 400:
            self.keys = self._maximal_keys(self.keys)
            # Flexibility = how many distinct councils' slots one could join.
            self.flex = [0] * self.n
            for key in self.keys:
                for i in slot_bits_list(self.key_bits(key)):
                    self.flex[i] += 1

    # ----- keys: the slot (slow) or slot pair (fast) a council meets on -----

    def key_bits(self, key: tuple[int, ...]) -> int:
        if len(key) == 1:
            return self.at_slot[key[0]]
        return self.at_slot[key[0]] & self.at_slot[key[1]]

    def _feasible_keys(self) -> list[tuple[int, ...]]:
        """Keys where a council could form at all; also who shares a key with enough people."""
        lo, mods, at = self.lo, self.MODS, self.at_slot
        keys: list[tuple[int, ...]] = []
        self.crowded = 0  # people sharing a key with at least min-size of their type
        self.viable = 0  # ... and with a volunteer among them
        busy = [s for s in range(WEEK_SLOTS) if at[s].bit_count() >= lo]
        if not self.two:
            for s in busy:
                self.crowded |= at[s]
                if at[s] & mods:
                    keys.append((s,))
                    self.viable |= at[s]
            return keys
        busy_set = set(busy)
        for s1 in busy:
            a1 = at[s1]
            for s2 in range(s1 + MIN_GAP_SLOTS, min(s1 + MAX_GAP_SLOTS, WEEK_SLOTS - 1) + 1):
                if s2 not in busy_set:
                    continue
                both = a1 & at[s2]
                if both.bit_count() >= lo:
                    self.crowded |= both
                    if both & mods:
                        keys.append((s1, s2))
                        self.viable |= both
        return keys

    def _maximal_keys(self, keys: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
        """Drop keys whose people all share a larger key: a council there could meet there."""
        by_group: dict[int, tuple[int, ...]] = {}
        for key in keys:
            by_group.setdefault(self.key_bits(key), key)
        groups = sorted(by_group, key=lambda g: (-g.bit_count(), by_group[g]))
        kept: list[int] = []
        for g in groups:
            if not any(g & k == g for k in kept):
                kept.append(g)
        return sorted(by_group[g] for g in kept)

    def key_mask(self, key: tuple[int, ...]) -> int:
        mask = 0
        for s in key:
            mask |= 1 << s
        return mask

    # ----- state -----

    def reset(self) -> None:
        self.councils: list[_Work] = []
        self.where = [-1] * self.n
        self.U = self.ALL  # unplaced
        self.DESIG = 0  # designated moderators

    def _value(self, key: tuple[int, ...], pool: int) -> tuple[int, int]:
        avail = self.key_bits(key) & pool
        n = avail.bit_count()
        if n < self.lo:
            return 0, n
        m = (avail & self.MODS).bit_count()
        c = min(m, n // self.lo)
        return min(n, self.hi * c), n

    def _bands(self, rng: random.Random | None) -> list[int]:
        bands = [0] * len(_BAND_LIMITS)
        f: float
        for i, f in enumerate(self.flex):
            if rng is not None:
                f = f * rng.uniform(0.6, 1.6)
            for b, limit in enumerate(_BAND_LIMITS):
                if f <= limit:
                    bands[b] |= 1 << i
                    break
        return [b for b in bands if b]

    @staticmethod
    def _take(pool: int, need: int, bands: list[int], out: list[int]) -> None:
        """Append up to `need` people of `pool`, least flexible band first, earliest within."""
        if need <= 0:
            return
        for band in bands:
            x = pool & band
            while x:
                low = x & -x
                out.append(low.bit_length() - 1)
                need -= 1
                if need == 0:
                    return
                x ^= low

    def _sim_to(self, i: int, w: _Work) -> float:
        """Sum of the similarities between person i and every member of w (i included if in)."""
        return (
            0.40 * w.senv[self.sen[i]]
            + 0.35 * w.fn.get(self.fnc[i], 0)
            + 0.25 * w.ind.get(self.indc[i], 0)
        )

    def _sim(self, i: int, j: int) -> float:
        return (
            0.40 * _SEN_W[self.sen[i]][self.sen[j]]
            + 0.35 * (self.fnc[i] == self.fnc[j])
            + 0.25 * (self.indc[i] == self.indc[j])
        )

    def _hist_add(self, w: _Work, sen: int, fn: int, ind: int, sign: int) -> None:
        w.sen[sen] += sign
        row = _SEN_W[sen]
        senv = w.senv
        for v in range(1, 7):
            senv[v] += sign * row[v]
        w.fn[fn] = w.fn.get(fn, 0) + sign
        w.ind[ind] = w.ind.get(ind, 0) + sign

    def _add(self, ci: int, i: int) -> None:
        w = self.councils[ci]
        w.pairsum += self._sim_to(i, w)
        self._hist_add(w, self.sen[i], self.fnc[i], self.indc[i], 1)
        w.members.append(i)
        w.bits |= 1 << i
        self.where[i] = ci
        self.U &= ~(1 << i)

    def _remove(self, i: int) -> None:
        ci = self.where[i]
        w = self.councils[ci]
        w.members.remove(i)
        w.bits &= ~(1 << i)
        self._hist_add(w, self.sen[i], self.fnc[i], self.indc[i], -1)
        w.pairsum -= self._sim_to(i, w)
        self.where[i] = -1
        self.U |= 1 << i

    def _new_council(self, key: tuple[int, ...], mod: int, others: list[int]) -> int:
        ci = len(self.councils)
        self.councils.append(
            _Work(
                key=key,
                members=[],
                mod=mod,
                hi=self.hi,
                lo=self.lo,
                mask=self.key_mask(key),
                people=self.key_bits(key),
            )
        )
        self.DESIG |= 1 << mod
        self._add(ci, mod)
        for i in others:
            self._add(ci, i)
        return ci

    def _add_existing(self) -> None:
        for ex in self.existing:
            w = _Work(
                key=tuple(sorted(ex.slots)),
                members=[],
                mod=-1,
                hi=max(self.hi, len(ex.members)),
                lo=len(ex.members),
                existing_id=ex.id,
                fixed=ex.members,
                mask=self.key_mask(tuple(sorted(ex.slots))),
                people=self.key_bits(tuple(sorted(ex.slots))),
            )
            for a in ex.members:
                fn = self.codes.setdefault("f:" + a.function, len(self.codes))
                ind = self.codes.setdefault("i:" + a.industry, len(self.codes))
                w.pairsum += (
                    0.40 * w.senv[a.seniority] + 0.35 * w.fn.get(fn, 0) + 0.25 * w.ind.get(ind, 0)
                )
                self._hist_add(w, a.seniority, fn, ind, 1)
            self.councils.append(w)

    # ----- construction -----

    def _refill(self, bands: list[int]) -> None:
        """Existing councils first: seat people who are not volunteers (they lead new ones)."""
        for ci, w in enumerate(self.councils):
            if w.existing_id is None:
                continue
            room = w.hi - w.size
            pool = w.people & self.U & ~self.MODS
            chosen: list[int] = []
            self._take(pool, room, bands, chosen)
            for i in chosen:
                self._add(ci, i)

    def _form(self, key: tuple[int, ...], pool: int, bands: list[int]) -> None:
        avail = self.key_bits(key) & pool
        n = avail.bit_count()
        mods = avail & self.MODS
        c = min(mods.bit_count(), n // self.lo)
        p = min(n, self.hi * c)
        leaders: list[int] = []
        self._take(mods, c, bands, leaders)
        chosen_bits = 0
        for i in leaders:
            chosen_bits |= 1 << i
        others: list[int] = []
        self._take(avail & ~self.MODS, p - c, bands, others)
        if len(others) < p - c:
            # Not enough plain members here: volunteers join as members (backups).
            self._take(avail & self.MODS & ~chosen_bits, p - c - len(others), bands, others)
        # Similar people side by side, then cut into councils of near-equal size.
        order = sorted(others, key=lambda i: (self.fnc[i], self.indc[i], self.sen[i], i))
        leaders.sort(key=lambda i: (self.fnc[i], self.indc[i], self.sen[i], i))
        start = 0
        for k, leader in enumerate(leaders):
            size = p // c + (1 if k < p % c else 0)
            self._new_council(key, leader, order[start : start + size - 1])
            start += size - 1

    def _construct(self, pool: int, bands: list[int], rng: random.Random) -> None:
        tiebreak = {key: rng.random() for key in self.keys}
        heap = []
        for key in self.keys:
            v, n = self._value(key, pool)
            if v:
                heap.append((-v, -n, tiebreak[key], key))
        heapq.heapify(heap)
        formed = 0
        goal = max(1, self.upper_bound())
        while heap:
            neg_v, neg_n, tb, key = heapq.heappop(heap)
            v, n = self._value(key, self.U)
            if v == 0:
                continue
            if v != -neg_v or n != -neg_n:
                heapq.heappush(heap, (-v, -n, tb, key))
                continue
            self._form(key, self.U, bands)
            formed += 1
            if formed % 25 == 0:
                self.tick((self.ALL & ~self.U).bit_count() / goal)

    def _open_minimal(self, bands: list[int], rng: random.Random, scarce_first: bool) -> None:
        """Open councils of minimum size, one at a time, so more councils can open at all.

        The augmenting fill then brings them up to the maximum. With `scarce_first` the key
        with the fewest candidates opens first: it is the one most easily lost.
        """
        # Each entry: (candidates when last counted, random tie-break, key).
        live: list[tuple[int, float, tuple[int, ...]]] = []
        for key in self.keys:
            v, n = self._value(key, self.U)
            if v:
                live.append((n, rng.random(), key))
        while live:
            best: tuple[tuple[int, float], tuple[int, float, tuple[int, ...]]] | None = None
            kept = []
            for _, tie, key in live:
                v, n = self._value(key, self.U)
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
            key = best[1][2]
            avail = self.key_bits(key) & self.U
            leader: list[int] = []
            self._take(avail & self.MODS, 1, bands, leader)
            others: list[int] = []
            self._take(avail & ~self.MODS, self.lo - 1, bands, others)
            rest = avail & self.MODS & ~(1 << leader[0])
            self._take(rest, self.lo - 1 - len(others), bands, others)
            self._new_council(key, leader[0], others)

    def _fits(self, i: int, w: _Work) -> bool:
        return self.starts[i] & w.mask == w.mask

    def _augment(self, u: int, budget: list[int], dead: set[int]) -> bool:
        """Seat u through a shortest chain of moves ending in a council with a free seat.

        `dead` holds councils from which no chain reached a free seat since the last
        change; they are skipped, which keeps a pass near-linear in the unplaced.
        """
        alive = [ci for ci, w in enumerate(self.councils) if w.alive and ci not in dead]
        parent: dict[int, tuple[int, int]] = {}
        queue = []
        for ci in alive:
            if self._fits(u, self.councils[ci]):
                parent[ci] = (-1, u)
                queue.append(ci)
        if not queue:
            return False
        unvisited = [ci for ci in alive if ci not in parent]
        fit_bits = self.fit_bits
        head = 0
        while head < len(queue):
            ci = queue[head]
            head += 1
            c = self.councils[ci]
            if c.size < c.hi:
                # Walk back: each mover leaves its council for the next one on the path.
                while True:
                    prev, person = parent[ci]
                    if prev < 0:
                        self._add(ci, person)
                        return True
                    self._remove(person)
                    self._add(ci, person)
                    ci = prev
            movable = c.bits & ~self.DESIG
            if not movable or not unvisited or budget[0] <= 0:
                continue
            budget[0] -= len(unvisited)
            still = []
            for di in unvisited:
                m = fit_bits(di) & movable
                if m:
                    parent[di] = (ci, (m & -m).bit_length() - 1)
                    queue.append(di)
                else:
                    still.append(di)
            unvisited = still
        dead.update(queue)
        return False

    def fit_bits(self, ci: int) -> int:
        """People of the pool who can attend every slot of council ci."""
        return self.councils[ci].people

    def _augment_pass(self, budget: list[int]) -> bool:
        changed = False
        dead: set[int] = set()
        # Volunteers first (the promise), then by arrival.
        order = slot_bits_list(self.U & self.MODS) + slot_bits_list(self.U & ~self.MODS)
        for u in order:
            if budget[0] <= 0:
                break
            if self._augment(u, budget, dead):
                changed = True
                dead.clear()
        return changed

    # ----- local search for coverage -----

    def _pick(self, cand: int) -> int:
        """Who gets a free seat: a volunteer first (the promise), then the earliest applicant."""
        vols = cand & self.MODS
        x = vols or cand
        return (x & -x).bit_length() - 1

    def _insert_pass(self) -> bool:
        changed = False
        for ci, w in enumerate(self.councils):
            if not w.alive:
                continue
            while w.size < w.hi:
                cand = w.people & self.U
                if not cand:
                    break
                self._add(ci, self._pick(cand))
                changed = True
        return changed

    def _rekey_pass(self) -> bool:
        """Move a council with free seats to other slots all its members can attend, where
        more unplaced people can join it."""
        changed = False
        for ci, w in enumerate(self.councils):
            if not w.alive or w.existing_id is not None or w.size >= w.hi:
                continue
            common = FULL_WEEK
            for i in w.members:
                common &= self.starts[i]
            best_key = w.key
            best = (w.people & self.U).bit_count()
            for key in self._keys_within(common):
                count = (self.key_bits(key) & self.U).bit_count()
                if count > best:
                    best, best_key = count, key
            if best_key != w.key:
                w.key = best_key
                w.mask = self.key_mask(best_key)
                w.people = self.key_bits(best_key)
                while w.size < w.hi:
                    cand = w.people & self.U
                    if not cand:
                        break
                    self._add(ci, self._pick(cand))
                changed = True
        return changed

    def _keys_within(self, common: int) -> list[tuple[int, ...]]:
        slots = slot_bits_list(common)
        if not self.two:
            return [(s,) for s in slots]
        keys: list[tuple[int, ...]] = []
        for s1 in slots:
            for s2 in slot_bits_list(common & partner_mask(s1)):
                if s2 > s1:
                    keys.append((s1, s2))
        return keys

    def _chain_pass(self, budget: list[int]) -> bool:
        """Seat an unplaced person in a full council by moving one member to a council with room."""
        changed = False
        for di, d in enumerate(self.councils):
            if not d.alive or d.size >= d.hi:
                continue
            movers = d.people & ~self.U & ~self.DESIG
            while movers and d.size < d.hi and budget[0] > 0:
                budget[0] -= 1
                low = movers & -movers
                movers ^= low
                x = low.bit_length() - 1
                ci = self.where[x]
                if ci == di or ci < 0:
                    continue
                c = self.councils[ci]
                cand = c.people & self.U
                if not cand:
                    continue
                self._remove(x)
                self._add(di, x)
                self._add(ci, self._pick(cand))
                changed = True
        return changed

    def _rebuild_pass(self, bands: list[int], rng: random.Random) -> bool:
        """Form councils from the unplaced alone, then with members lent by larger councils."""
        before = self.U.bit_count()
        if self.U:
            self._construct(self.U, bands, rng)
        budget = [20000]
        for key in self.keys:
            together = self.key_bits(key)
            uk = together & self.U
            n_u = uk.bit_count()
            if n_u == 0:
                continue
            spare = together & ~self.U & ~self.DESIG
            if n_u + spare.bit_count() < self.lo:
                continue
            need_mod = not (uk & self.MODS)
            if need_mod and not (spare & self.MODS):
                continue
            lent: dict[int, int] = {}
            donors: list[int] = []
            need = max(0, self.lo - n_u)
            if need_mod:
                self._lend(spare & self.MODS, 1, lent, donors, budget)
                if not donors:
                    continue
            self._lend(spare & ~self.MODS, need - len(donors), lent, donors, budget)
            self._lend(spare & self.MODS, need - len(donors), lent, donors, budget)
            if len(donors) < need:
                continue
            takers: list[int] = []
            room = self.hi - len(donors)
            self._take(uk & self.MODS, room, [self.ALL], takers)
            self._take(uk & ~self.MODS, room - len(takers), [self.ALL], takers)
            for x in donors:
                self._remove(x)
            group = takers + donors
            leader = next(i for i in group if self.MODS >> i & 1)
            group.remove(leader)
            self._new_council(key, leader, group)
        return self.U.bit_count() < before

    def _lend(
        self, src: int, want: int, lent: dict[int, int], donors: list[int], budget: list[int]
    ) -> None:
        """Borrow up to `want` members of `src` from councils that stay at least minimum size."""
        while src and want > 0 and budget[0] > 0:
            budget[0] -= 1
            low = src & -src
            src ^= low
            x = low.bit_length() - 1
            if x in donors:
                continue
            ci = self.where[x]
            w = self.councils[ci]
            if w.size - lent.get(ci, 0) <= w.lo:
                continue
            lent[ci] = lent.get(ci, 0) + 1
            donors.append(x)
            want -= 1

    def _volunteer_swap_pass(self) -> bool:
        """Keep the promise to volunteers: seat an unplaced one in place of a plain member."""
        changed = False
        if not self.U & self.MODS:
            return False
        order = sorted(
            range(len(self.councils)),
            key=lambda ci: (self._volunteers(self.councils[ci]), ci),
        )
        for ci in order:
            w = self.councils[ci]
            if not w.alive:
                continue
            cand = w.people & self.U & self.MODS
            if not cand:
                continue
            plain = [i for i in w.members if not self.MODS >> i & 1]
            if not plain:
                continue
            x = max(plain)  # the latest applicant gives way
            self._remove(x)
            self._add(ci, (cand & -cand).bit_length() - 1)
            changed = True
        return changed

    def _volunteers(self, w: _Work) -> int:
        return sum(1 for i in w.members if self.MODS >> i & 1) + sum(
            1 for a in w.fixed if a.moderator
        )

    # ----- fairness, fit, resilience -----

    def _fairness_pass(self) -> bool:
        """Between two people who could hold the same seat, the earlier applicant gets it."""
        changed = False
        work = list(range(len(self.councils)))
        while work:
            ci = work.pop()
            w = self.councils[ci]
            if not w.alive:
                continue
            cand = w.people & self.U & ~self.MODS
            if not cand:
                continue
            u = (cand & -cand).bit_length() - 1
            plain = [i for i in w.members if not self.MODS >> i & 1]
            if not plain:
                continue
            x = max(plain)
            if x > u:
                self._remove(x)
                self._add(ci, u)
                changed = True
                work.append(ci)
        return changed

    def _delta_swap(self, x: int, y: int) -> float:
        c = self.councils[self.where[x]]
        d = self.councils[self.where[y]]
        sxy = self._sim(x, y)
        dc = -(self._sim_to(x, c) - 1.0) + (self._sim_to(y, c) - self._sim(x, y))
        dd = -(self._sim_to(y, d) - 1.0) + (self._sim_to(x, d) - sxy)
        return 2 * dc / (c.size - 1) + 2 * dd / (d.size - 1)

    def _swap(self, x: int, y: int) -> None:
        """Exchange two members; a designated moderator hands the role to the newcomer."""
        cx, cy = self.where[x], self.where[y]
        c, d = self.councils[cx], self.councils[cy]
        self._remove(x)
        self._remove(y)
        self._add(cy, x)
        self._add(cx, y)
        if c.mod == x:
            c.mod = y
            self.DESIG = self.DESIG & ~(1 << x) | (1 << y)
        if d.mod == y:
            d.mod = x
            self.DESIG = self.DESIG & ~(1 << y) | (1 << x)

    def _objective(self, councils: list[int]) -> float:
        """Size-weighted fit of these councils, up to a constant: sum of 2 * pairsum / (n - 1)."""
        total = 0.0
        for ci in councils:
            w = self.councils[ci]
            if w.size > 1:
                total += 2 * w.pairsum / (w.size - 1)
        return total

    def _regroup_pass(self) -> None:
        """Re-deal councils that share slots so that similar people sit together.

        Cheap where swaps are dear: sort everyone on those slots by function, industry and
        seniority, then cut; sizes and the designated moderators' councils stay as they were.
        """
        by_key: dict[tuple[int, ...], list[int]] = {}
        for ci, w in enumerate(self.councils):
            if w.alive and w.existing_id is None:
                by_key.setdefault(w.key, []).append(ci)

        def similar(i: int) -> tuple[int, int, int, int]:
            return (self.fnc[i], self.indc[i], self.sen[i], i)

        for group in by_key.values():
            if len(group) < 2:
                continue
            before = self._objective(group)
            old = {ci: list(self.councils[ci].members) for ci in group}
            leaders = sorted(group, key=lambda ci: similar(self.councils[ci].mod))
            sizes = {ci: self.councils[ci].size for ci in group}
            people = sorted(
                (
                    i
                    for ci in group
                    for i in self.councils[ci].members
                    if i != self.councils[ci].mod
                ),
                key=similar,
            )
            self._deal(group, leaders, sizes, people)
            if self._objective(group) <= before + 1e-9:
                self._deal(group, group, sizes, None, old)

    def _deal(
        self,
        group: list[int],
        leaders: list[int],
        sizes: dict[int, int],
        people: list[int] | None,
        old: dict[int, list[int]] | None = None,
    ) -> None:
        for ci in group:
            w = self.councils[ci]
            for i in list(w.members):
                if i != w.mod:
                    self._remove(i)
        start = 0
        for ci in leaders:
            w = self.councils[ci]
            if old is not None:
                chosen = [i for i in old[ci] if i != w.mod]
            else:
                assert people is not None
                chosen = people[start : start + sizes[ci] - 1]
                start += sizes[ci] - 1
            for i in chosen:
                self._add(ci, i)

    def _fit_pass(self, budget: list[int]) -> bool:
        """Swap plain members between councils whose slots both can attend, when fit rises."""
        changed = False
        by_key: dict[tuple[int, ...], list[int]] = {}
        for ci, w in enumerate(self.councils):
            if w.alive:
                by_key.setdefault(w.key, []).append(ci)
        keys = list(by_key)
        masks = [self.key_mask(k) for k in keys]
        small = len(keys) <= 300
        for ci, c in enumerate(self.councils):
            if not c.alive:
                continue
            cmask = self.key_mask(c.key)
            for x in list(c.members):
                if budget[0] <= 0:
                    return changed
                if self.where[x] != ci:
                    continue
                x_leads = x == c.mod
                x_volunteers = bool(self.MODS >> x & 1)
                sx = self.starts[x]
                targets: list[int] = []
                if small:
                    for key, mask in zip(keys, masks, strict=True):
                        if sx & mask == mask:
                            targets.extend(by_key[key])
                else:
                    targets = by_key[c.key]
                best, best_y = 1e-9, -1
                for di in targets:
                    if di == ci:
                        continue
                    d = self.councils[di]
                    for y in d.members:
                        if self.starts[y] & cmask != cmask:
                            continue
                        # Whoever leads a council may only be swapped for a volunteer.
                        if x_leads and not self.MODS >> y & 1:
                            continue
                        if y == d.mod and not x_volunteers:
                            continue
                        budget[0] -= 1
                        delta = self._delta_swap(x, y)
                        if delta > best:
                            best, best_y = delta, y
                if best_y >= 0:
                    self._swap(x, best_y)
                    changed = True
        return changed

    def _resilience_pass(self) -> bool:
        """Give councils with one volunteer a second one, taken from councils with three or more."""
        changed = False
        counts = [self._volunteers(w) if w.alive else 0 for w in self.councils]
        for ci, c in enumerate(self.councils):
            if not c.alive:
                continue
            for v in list(c.members):
                if counts[ci] < 3:
                    break
                if v == c.mod or not self.MODS >> v & 1:
                    continue
                for di, d in enumerate(self.councils):
                    if di == ci or not d.alive or counts[di] != 1:
                        continue
                    dmask = self.key_mask(d.key)
                    if self.starts[v] & dmask != dmask:
                        continue
                    if d.size < d.hi and c.size > c.lo:
                        self._remove(v)
                        self._add(di, v)
                    else:
                        cmask = self.key_mask(c.key)
                        plain = [
                            y
                            for y in d.members
                            if not self.MODS >> y & 1 and self.starts[y] & cmask == cmask
                        ]
                        if not plain:
                            continue
                        self._swap(v, max(plain, key=lambda y: self._delta_swap(v, y)))
                    counts[ci] -= 1
                    counts[di] += 1
                    changed = True
                    break
        return changed

    # ----- the whole run -----

    def run_once(self, rng: random.Random, strategy: int, budget: int) -> None:
        """One construction and its coverage search.

        Strategy 0: full councils at the busiest slots first (fast, good when volunteers
        are scarce); 1 and 2: minimum-size councils then augmenting fills (good when
        people are scarce), scarcest or busiest key first.
        """
        self.reset()
        self._add_existing()
        bands = self._bands(rng if rng.random() < 0.7 else None)
        self._refill(bands)
        if strategy == 0:
            self._construct(self.U, bands, rng)
        else:
            self._open_minimal(bands, rng, scarce_first=strategy == 1)
        work = [budget]
        bound = self.upper_bound()
        for _ in range(6):
            changed = self._insert_pass()
            if (self.ALL & ~self.U).bit_count() >= bound:
                break  # everyone who can be placed is: nothing left to search for
            changed |= self._rekey_pass()
            changed |= self._chain_pass(work)
            changed |= self._augment_pass(work)
            changed |= self._rebuild_pass(bands, rng)
            changed |= self._volunteer_swap_pass()
            if not changed:
                break

    def _settle(self) -> None:
        """Free seats taken, volunteers before plain members, earlier before later applicants."""
        for _ in range(100):  # each step strictly improves, so this ends long before
            changed = self._insert_pass()
            changed |= self._volunteer_swap_pass()
            changed |= self._fairness_pass()
            if not changed:
                return

    def polish(self, budget: int) -> None:
        self._settle()
        self._regroup_pass()
        work = [budget]
        for _ in range(4):
            if not self._fit_pass(work):
                break
        if self._resilience_pass():
            self._settle()
        # Fit and resilience moves may put a later applicant where an earlier one fits.
        self._settle()

    def _dissolve(self, ci: int) -> None:
        w = self.councils[ci]
        for i in list(w.members):
            self._remove(i)
        if w.mod >= 0:
            self.DESIG &= ~(1 << w.mod)
        w.alive = False

    def _destroy_around_unplaced(self, rng: random.Random, bands: list[int]) -> bool:
        """Dissolve the councils holding the people of one slot an unplaced person could use,
        and open a council on that slot first."""
        candidates = slot_bits_list(self.U & self.viable)
        if not candidates:
            return False
        u = rng.choice(candidates)
        keys = [k for k in self.keys if self.key_bits(k) >> u & 1]
        if not keys:
            return False
        key = rng.choice(keys)
        hits: dict[int, int] = {}
        for i in slot_bits_list(self.key_bits(key) & ~self.U):
            ci = self.where[i]
            if self.councils[ci].existing_id is None:
                hits[ci] = hits.get(ci, 0) + 1
        if not hits:
            return False
        order = sorted(hits, key=lambda ci: (-hits[ci], rng.random()))
        for ci in order[: rng.choice((1, 2, 2, 3))]:
            self._dissolve(ci)
        avail = self.key_bits(key) & self.U
        if avail.bit_count() >= self.lo and avail & self.MODS:
            leader: list[int] = []
            self._take(avail & self.MODS, 1, bands, leader)
            others: list[int] = []
            self._take(avail & ~self.MODS, self.lo - 1, bands, others)
            rest = avail & self.MODS & ~(1 << leader[0])
            self._take(rest, self.lo - 1 - len(others), bands, others)
            self._new_council(key, leader[0], others)
        return True

    def upper_bound(self) -> int:
        """Most people any matching could place: each council needs its own volunteer."""
        viable = self.viable & self.ALL
        new = min(viable.bit_count(), self.hi * (viable & self.MODS).bit_count())
        free = sum(max(0, self.hi - len(ex.members)) for ex in self.existing)
        return min(self.n, new + free)

    def _neighbourhood_search(
        self, rng: random.Random, rounds: int, budget: int, bound: int
    ) -> None:
        """Dissolve a few councils and rebuild around their people; keep what is not worse.

        Half the rounds aim at an unplaced person's slot, half dissolve councils at random.
        Moves that keep coverage are taken too (to walk plateaus); the best seen is kept.
        """
        best = self.score()
        best_snap = self.snapshot()
        current = best[:2]
        for _ in range(rounds):
            new = [ci for ci, w in enumerate(self.councils) if w.alive and w.existing_id is None]
            if not new:
                break
            snap = self.snapshot()
            bands = self._bands(rng)
            if rng.random() < 0.5 or not self._destroy_around_unplaced(rng, bands):
                for ci in rng.sample(new, k=min(len(new), rng.choice((1, 1, 2, 2, 3)))):
                    self._dissolve(ci)
            self._open_minimal(bands, rng, scarce_first=rng.random() < 0.5)
            work = [budget]
            for _ in range(3):
                changed = self._insert_pass()
                changed |= self._augment_pass(work)
                changed |= self._rebuild_pass(bands, rng)
                if not changed:
                    break
            score = self.score()
            if score[:2] >= current:
                current = score[:2]
                self.councils = [w for w in self.councils if w.alive]
                self.where = [-1] * self.n
                for ci, w in enumerate(self.councils):
                    for i in w.members:
                        self.where[i] = ci
                if score > best:
                    best, best_snap = score, self.snapshot()
                    if best[0] >= bound:
                        break
            else:
                self.restore(snap)
        self.restore(best_snap)

    def score(self) -> tuple[int, int, int]:
        placed = self.ALL & ~self.U
        # Coverage, then volunteers placed, then fairness (low arrival ranks placed).
        rank_sum = sum(slot_bits_list(self.U)) if self.n <= 5000 else 0
        return (placed.bit_count(), (placed & self.MODS).bit_count(), rank_sum)

    def snapshot(self) -> tuple[list[_Work], list[int], int, int]:
        copies = [
            _Work(
                key=w.key,
                members=list(w.members),
                mod=w.mod,
                hi=w.hi,
                lo=w.lo,
                existing_id=w.existing_id,
                fixed=w.fixed,
                sen=list(w.sen),
                senv=list(w.senv),
                fn=dict(w.fn),
                ind=dict(w.ind),
                pairsum=w.pairsum,
                alive=w.alive,
                mask=w.mask,
                bits=w.bits,
                people=w.people,
            )
            for w in self.councils
        ]
        return copies, list(self.where), self.U, self.DESIG

    def restore(self, snap: tuple[list[_Work], list[int], int, int]) -> None:
        self.councils, self.where, self.U, self.DESIG = snap

    def solve(self, seed: int, progress: Callable[[float], None]) -> None:
        # Small pools get many seeded restarts: cheap, and they close most of the gap to
        # the exact optimum. Large pools are dense enough that one greedy run is near it.
        if self.n <= 400:
            restarts = 12
        elif self.n <= 3000:
            restarts = 4
        else:
            restarts = 1
        budget = 40_000 if self.n > 3000 else 2_000_000
        fit_budget = 2_000_000 if self.n <= 400 else 300_000 if self.n <= 3000 else 60_000
        best = None
        best_snap = None
        bound = self.upper_bound()
        for r in range(restarts):
            rng = random.Random(seed * 1_000_003 + r)

            # Within a run, report how far construction has got towards the bound.
            def tick(fraction: float, r: int = r) -> None:
                progress((r + 0.8 * min(1.0, fraction)) / (restarts + 1))

            self.tick = tick
            self.run_once(rng, strategy=r % 3 if self.n <= 1500 else 0, budget=budget)
            score = self.score()
            if best is None or score > best:
                best = score
                best_snap = self.snapshot()
            progress((r + 1) / (restarts + 1))
            if best[0] >= bound:
                break  # nobody more can be placed: more restarts cannot help coverage
        assert best is not None and best_snap is not None
        self.restore(best_snap)
        if self.n <= 3000 and best[0] < bound:
            # Rounds cost more as pools grow; mid-size pools get few but still gain ~2%.
            rounds = 1000 if self.n <= 150 else 400 if self.n <= 400 else 40

            self._neighbourhood_search(random.Random(seed), rounds, budget, bound)
        self.polish(fit_budget)
        progress(1.0)

    # ----- explanation -----

    def reasons(self) -> dict[int, str]:
        """Why each unplaced person is unplaced, in words a coordinator can act on."""
        fits_council = 0
        for w in self.councils:
            if w.alive:
                fits_council |= w.people
        out = {}
        for i in slot_bits_list(self.U):
            bit = 1 << i
            if not self.starts[i]:
                out[i] = REASON_NO_SLOT
            elif self.two and not has_fast_pair(self.starts[i]):
                out[i] = REASON_NO_PAIR
            elif fits_council & bit:
                out[i] = REASON_FULL
            elif self.viable & bit:
                out[i] = REASON_TAKEN
            elif self.crowded & bit:
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
    solvers: list[_Solver] = []
    total = max(1, len(applicants))
    done: float = 0
    bound = 0
    for seeker_type in ("fast", "slow"):
        people = sorted((a for a in applicants if a.seeker_type == seeker_type), key=_arrival_key)
        mine = [ex for ex in existing if ex.seeker_type == seeker_type]
        solver = _Solver(people, seeker_type == "fast", mine, options, codes)
        share = len(people) / total

        def sub(fraction: float, done: float = done, share: float = share) -> None:
            report(min(1.0, done + share * fraction))

        solver.solve(options.seed, sub)
        bound += solver.upper_bound()
        done += share
        solvers.append(solver)
    result = _assemble(solvers, applicants, options)
    # No matching can place more: each council needs its own volunteer, of max size.
    result.stats["placeable_at_most"] = bound
    result.stats["seconds"] = round(time.perf_counter() - started, 3)
    report(1.0)
    return result


def _assemble(
    solvers: list[_Solver], applicants: Sequence[Applicant], options: MatchOptions
) -> MatchResult:
    new: list[tuple[tuple[str, tuple[int, ...], str], Council]] = []
    refilled: list[Refill] = []
    unplaced: list[Unplaced] = []
    by_type: dict[str, dict[str, float]] = {}
    for solver in solvers:
        seeker_type = "fast" if solver.two else "slow"
        placed_here = 0
        for w in solver.councils:
            if not w.alive:
                continue
            if w.existing_id is not None:
                if w.members:
                    added = tuple(solver.apps[i].id for i in sorted(w.members))
                    refilled.append(Refill(w.existing_id, added))
                    placed_here += len(w.members)
                continue
            others = sorted(i for i in w.members if i != w.mod)
            people = [solver.apps[w.mod]] + [solver.apps[i] for i in others]
            members = tuple(a.id for a in people)
            council = Council(
                id="",
                seeker_type=seeker_type,
                moderator=solver.apps[w.mod].id,
                members=members,
                slots=w.key,
                fit=council_fit(people),
            )
            placed_here += len(members)
            new.append(((seeker_type, w.key, solver.apps[min(w.members)].id), council))
        for i, why in solver.reasons().items():
            unplaced.append(Unplaced(solver.apps[i].id, why))
        by_type[seeker_type] = {
            "applicants": solver.n,
            "placed": placed_here,
            "coverage": round(placed_here / solver.n, 4) if solver.n else 0.0,
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
        "options": {
            "reference_date": o.reference_date.isoformat(),
            "seed": o.seed,
            "min_size": o.min_size,
            "max_size": o.max_size,
            "meeting_minutes": o.meeting_minutes,
        },
    }
