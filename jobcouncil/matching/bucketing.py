"""Step 1, slot bucketing: what one seeker type's people can do, computed once.

Each person's windows become a bitset of the meeting starts they can make (bit s: a whole
meeting fits from half-hour s of the week, in UTC). Then the other way round: per start
slot, a bitset over *people*, who are numbered in arrival order, so the lowest bit is the
longest wait. A council meets on a *key*: one slot (slow) or a pair of slots 48 to 120
hours apart (fast); the people of a key are one AND away.
"""

from __future__ import annotations

from .applicants import Applicant, ExistingCouncil, MatchOptions
from .effort import Effort, effort_for
from .timegrid import (
    MAX_GAP_SLOTS,
    MIN_GAP_SLOTS,
    WEEK_SLOTS,
    meeting_slots,
    partner_mask,
    slot_bits_list,
    slots_starting_within,
    window_slots,
)

Key = tuple[int, ...]
WEEK_SLOTS_ALL = (1 << WEEK_SLOTS) - 1
# (seniority, function code, industry code): what the fit of a council is computed from.
Traits = tuple[int, int, int]


class Pool:
    """The people of one seeker type, the existing councils of that type, and their keys.

    Nothing here changes once built; `placement.Placement` holds what the steps change.
    """

    def __init__(
        self,
        people: list[Applicant],
        two_slots: bool,
        existing: list[ExistingCouncil],
        options: MatchOptions,
        codes: dict[str, int],
    ) -> None:
        """`people` sorted by arrival; `codes` numbers functions and industries, shared by
        both seeker types so that the numbering (and the order it gives) is the same."""
        self.options = options
        self.people = people
        self.n = len(people)
        self.two_slots = two_slots
        self.min_size = options.min_size
        self.max_size = options.max_size
        self.existing = existing
        self.effort: Effort = effort_for(self.n)
        self.seniority = [a.seniority for a in people]
        self.function = [codes.setdefault("f:" + a.function, len(codes)) for a in people]
        self.industry = [codes.setdefault("i:" + a.industry, len(codes)) for a in people]
        self.existing_traits: list[list[Traits]] = [
            [
                (
                    a.seniority,
                    codes.setdefault("f:" + a.function, len(codes)),
                    codes.setdefault("i:" + a.industry, len(codes)),
                )
                for a in ex.members
            ]
            for ex in existing
        ]
        # Many people share a timezone and windows: convert each combination once.
        cache: dict[tuple[str, tuple[str, ...]], int] = {}
        self.starts: list[int] = []
        for a in people:
            signature = (a.timezone, a.availability)
            bits = cache.get(signature)
            if bits is None:
                available = window_slots(a.availability, a.timezone, options.reference_date)
                bits = meeting_slots(available, options.meeting_minutes)
                cache[signature] = bits
            self.starts.append(bits)
        volunteers = 0
        for i, a in enumerate(people):
            if a.moderator:
                volunteers |= 1 << i
        self.volunteers = volunteers  # people who may moderate, as bits
        self.everyone = (1 << self.n) - 1
        at_slot = [0] * WEEK_SLOTS
        for i, bits in enumerate(self.starts):
            for s in slot_bits_list(bits):
                at_slot[s] |= 1 << i
        self.at_slot = at_slot  # per start slot, who can meet then
        # Flexibility = how many meeting starts one has (on small pools: how many distinct
        # councils' keys one could join); the least flexible are seated first.
        self.flex = [b.bit_count() for b in self.starts]
        self.crowded = 0  # people sharing a key with at least min-size of their type
        self.viable = 0  # ... and with a volunteer among them
        self.later = 0  # ... but only at keys that first meet too late to form a council now
        # The slots a new council may first meet at (MatchOptions.form_within_hours): a key
        # may open a council when one of its slots is among them.
        self.near = (
            WEEK_SLOTS_ALL
            if options.form_within_hours is None or options.earliest_meeting is None
            else slots_starting_within(options.earliest_meeting, options.form_within_hours)
        )
        self.keys = self._feasible_keys()
        if self.effort.thorough_keys:
            self.keys = self._maximal_keys(self.keys)
            self.flex = [0] * self.n
            for key in self.keys:
                for i in slot_bits_list(self.key_bits(key)):
                    self.flex[i] += 1
        self.bound = self._upper_bound()

    def key_bits(self, key: Key) -> int:
        """Who can meet at every slot of the key."""
        if len(key) == 1:
            return self.at_slot[key[0]]
        return self.at_slot[key[0]] & self.at_slot[key[1]]

    def by_likeness(self, i: int) -> tuple[int, int, int, int]:
        """Sort key that puts people of the same function, industry and seniority side by side."""
        return (self.function[i], self.industry[i], self.seniority[i], i)

    @staticmethod
    def key_mask(key: Key) -> int:
        """The key's slots as bits of the week."""
        mask = 0
        for s in key:
            mask |= 1 << s
        return mask

    def keys_within(self, common: int) -> list[Key]:
        """Every key a new council may meet at whose slots are all among the start slots
        `common` (one of them near, `self.near`)."""
        slots = slot_bits_list(common)
        near = self.near
        if not self.two_slots:
            return [(s,) for s in slots if near >> s & 1]
        keys: list[Key] = []
        for s1 in slots:
            for s2 in slot_bits_list(common & partner_mask(s1)):
                if s2 > s1 and (near >> s1 | near >> s2) & 1:
                    keys.append((s1, s2))
        return keys

    def _feasible_keys(self) -> list[Key]:
        """Keys where a council could form at all; also who shares a key with enough people."""
        lo, volunteers, at, near = self.min_size, self.volunteers, self.at_slot, self.near
        keys: list[Key] = []
        busy = [s for s in range(WEEK_SLOTS) if at[s].bit_count() >= lo]
        if not self.two_slots:
            for s in busy:
                self.crowded |= at[s]
                if not at[s] & volunteers:
                    continue
                if near >> s & 1:
                    keys.append((s,))
                    self.viable |= at[s]
                else:
                    self.later |= at[s]
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
                    if not both & volunteers:
                        continue
                    if (near >> s1 | near >> s2) & 1:
                        keys.append((s1, s2))
                        self.viable |= both
                    else:
                        self.later |= both
        return keys

    def _maximal_keys(self, keys: list[Key]) -> list[Key]:
        """Drop keys whose people all share a larger key: a council there could meet there."""
        by_group: dict[int, Key] = {}
        for key in keys:
            by_group.setdefault(self.key_bits(key), key)
        groups = sorted(by_group, key=lambda g: (-g.bit_count(), by_group[g]))
        kept: list[int] = []
        for g in groups:
            if not any(g & k == g for k in kept):
                kept.append(g)
        return sorted(by_group[g] for g in kept)

    def _upper_bound(self) -> int:
        """Most people any matching could place: each council needs its own volunteer."""
        new = min(
            self.viable.bit_count(), self.max_size * (self.viable & self.volunteers).bit_count()
        )
        free = sum(max(0, self.max_size - len(ex.members)) for ex in self.existing)
        return min(self.n, new + free)
