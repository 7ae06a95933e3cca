"""A simulator of the programme, day by day: how long a new seeker waits for a first meeting.

Run: python bench/programme.py [--days 60] [--arrivals 1000] [--volunteers 0.15] [--seed 1]
     [--round-hours 2] [--notice-hours 12] [--form-within-hours 48]
     [--sweep 0.08,0.10,0.12,0.13,0.14,0.15,0.18] [--sweep-arrivals 300]
     [--write-estimate jobcouncil/pool/simulated_wait.json]

It runs the same arrivals through two cadences, side by side, and prints per seeker type the
days from joining the pool to a first council meeting; then a sweep of volunteer shares.

The model
---------
Time runs in hours from Monday 2026-11-30 00:00 UTC (the engine's reference date, so a
council's UTC slots are its meeting times all through; daylight-saving changes are ignored).

- **Arrivals.** `--arrivals` people a day, at uniformly random moments of the day, drawn by the
  engine's own `match-sample` generator (`jobcouncil.matching.sample`: two thirds fast
  seekers, timezones weighted like a global programme, realistic evening/morning/daytime
  windows, seniority, function, industry), with `--volunteers` of them volunteers who finished
  moderator training and were approved. Both cadences see the same people at the same moments.
- **The engine is the real one** (`jobcouncil.matching.match`, pure Python), on the people
  waiting in the pool and the running councils with a free seat, as the app calls it:
  - *continuous* cadence (what the app does from issue 14): the moment someone joins the pool
    (or comes back to it), they are offered every council of their type with a free seat
    (below eight) whose every slot they can attend, through the engine's one-seeker
    placement: `matching.place_one` when the engine has it (it ranks a council below the
    minimum first, then fit, then the sooner first meeting, and keeps volunteers for rounds,
    where each can lead a new council), else (or with `--place-one refill`) `match()` with that one
    applicant and those councils, soonest next meeting first (its refill takes the first
    council in order); and a scheduled round over the whole pool every `--round-hours` hours
    (refills of councils below six members, as the app's rounds, then new councils, with the
    engine's "first meetings soon" objective), forming new councils only at slots that first
    meet within `--form-within-hours` (48) of the earliest meeting, as the app's schedule does
    (`MatchingSchedule.form_within_hours`): someone whose council would first meet in six
    days waits for a later round (or a free seat) instead, when their slot comes round;
  - *nightly* cadence (the app before issue 14): only the round, once a day at 02:00 UTC.
  Rounds are confirmed at once (the app's auto-confirm with no staff review window).
- **First meeting.** A new council's first meeting is its first slot at least the notice
  period (`--notice-hours`, 12 by default, as `FIRST_MEETING_NOTICE_HOURS`) after it is
  confirmed; a fast council meets at both its weekly slots, a slow council every second week
  from that first meeting. Someone who joins a running council meets it at its next meeting
  after the notice period.
- **Landing.** From their first meeting, members land at a constant weekly hazard: a median of
  `--fast-weeks` (12) weeks for fast seekers and `--slow-weeks` (20) for slow ones; they leave
  their council. A moderator who lands is replaced by their backup (another approved volunteer
  in the council); a council without one dissolves, and its members go back to the pool with a
  fresh place (the app's "back to the pool"). A council left with fewer than
  `--dissolve-below` (3) members dissolves the same way.
- **Dropping out.** Nobody gives up in their first week of waiting; after it, someone still
  waiting leaves the programme at a daily hazard of 1 / `--patience-days` (21), a mean of four
  weeks of waiting in all. People in the pool do not land.
- **Figures.** Per seeker type, over the arrivals who joined at least 14 days before the end
  (so each had 14 days to be placed): the median and 90th percentile days from joining to the
  first meeting (someone who never met counts as longer than anyone who did), the share placed
  within 7 and 14 days, whose first meeting was within 7 days, ever placed (by the end), who
  dropped out; the councils formed and dissolved and why; the pool's size over time; what the
  volunteers are doing at the end (leading a council, a backup, a third volunteer, waiting);
  and what the engine cost (rounds, seconds per round, one-seeker placements).
- **The moderator ceiling.** Every council needs its own moderator and seats at most eight, so
  below about one volunteer per seven or eight arrivals the pool must grow whatever the engine
  does. The sweep runs the continuous cadence at several volunteer shares (`--sweep`, at
  `--sweep-arrivals` a day with a round every `--sweep-round-hours`, nobody dropping out, so
  the pool keeps whoever is left over) and prints the pool's size and its growth per day over
  the last third of the run.

`--write-estimate FILE` stores the continuous cadence's median days to a first meeting per
seeker type, with the date and the command, as the small JSON file the pool page reads when
the programme's own record is still too short (`jobcouncil/pool/simulated_wait.json`).
"""

from __future__ import annotations

import argparse
import dataclasses
import heapq
import json
import math
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from jobcouncil.matching import ExistingCouncil, MatchOptions, match, parse_applicant
from jobcouncil.matching.applicants import Applicant
from jobcouncil.matching.sample import sample_applicants
from jobcouncil.matching.timegrid import meeting_slots, slot_bits_list, window_slots

REFERENCE = date(2026, 11, 30)  # a Monday: hour 0 of the simulation
START = datetime(2026, 11, 30, tzinfo=UTC)
WEEK = 168.0
MAX_SIZE = 8
ROUND_REFILL_BELOW = 6  # rounds refill councils below six members (rounds.services.round_inputs)
NIGHTLY_HOUR = 2.0
HAS_MEETS_FROM = "meets_from" in {f.name for f in dataclasses.fields(ExistingCouncil)}

ARRIVE, ROUND, LAND, DROP = 0, 1, 2, 3


@dataclass(frozen=True)
class Settings:
    days: int = 60
    arrivals: int = 1000
    volunteers: float = 0.15
    seed: int = 1
    round_hours: float = 2.0
    notice_hours: float = 12.0
    # The continuous cadence's rounds form new councils only at slots that first meet within
    # this many hours of the earliest meeting (MatchOptions.form_within_hours; None: any).
    form_within_hours: float | None = 48.0
    fast_weeks: float = 12.0
    slow_weeks: float = 20.0
    patience_days: float | None = 21.0  # None: nobody drops out
    dissolve_below: int = 3
    horizon_days: float = 14.0  # the figures count arrivals who had this long before the end


@dataclass(slots=True)
class Person:
    pid: int
    applicant: Applicant
    fast: bool
    volunteer: bool
    starts: int  # UTC meeting starts they can make (bitset of the week)
    arrived: float
    rng: random.Random
    pool_since: float = 0.0
    state: str = "new"  # waiting, member, landed, dropped
    council: int = -1
    placed_at: float | None = None
    first_meeting: float | None = None
    first_council: int = -1  # the council of that first meeting
    first_seated: float = 0.0  # when they were seated in it
    gen: int = 0  # bumped whenever a scheduled landing or dropout no longer applies


@dataclass(slots=True)
class SimCouncil:
    cid: int
    fast: bool
    slots: tuple[int, ...]
    mask: int
    first: float  # hour of its first meeting
    members: list[int]
    moderator: int
    alive: bool = True

    @property
    def key(self) -> str:
        return f"k{self.cid}"

    def next_meeting(self, after: float) -> float:
        """The council's first meeting at or after hour `after`."""
        if after <= self.first:
            return self.first
        if self.fast:
            best = math.inf
            for s in self.slots:
                h = s * 0.5
                best = min(best, h + WEEK * math.ceil((after - h) / WEEK))
            return best
        period = 2 * WEEK
        return self.first + period * math.ceil((after - self.first) / period)


def first_slot_after(slots: Sequence[int], after: float) -> float:
    best = math.inf
    for s in slots:
        h = s * 0.5
        best = min(best, h + WEEK * math.ceil((after - h) / WEEK))
    return best


def when(hours: float) -> datetime:
    return START + timedelta(hours=hours)


# ----- the engine's one-seeker placement -----

PlaceOne = Callable[[Applicant, list[ExistingCouncil], MatchOptions, datetime], str | None]


def _place_one_by_refill(
    applicant: Applicant, councils: list[ExistingCouncil], options: MatchOptions, earliest: datetime
) -> str | None:
    """The engine's refill entry point with one applicant and the councils that could take
    them, soonest first meeting first: the council it seats them in (its refill step takes
    the first council in order that the applicant can attend)."""
    result = match([applicant], existing=councils, options=options)
    for refill in result.refilled:
        return refill.council
    return None


def engine_place_one(prefer: str = "auto") -> tuple[str, PlaceOne]:
    """The engine's own one-seeker function (`matching.place_one`) when it exists, its refill
    entry point otherwise (or when `prefer` is "refill")."""
    try:
        from jobcouncil.matching import place_one  # type: ignore[attr-defined]
    except ImportError:
        place_one = None
    if place_one is None or prefer == "refill":
        return "the engine's refill, match() with one applicant", _place_one_by_refill

    def call(
        applicant: Applicant,
        councils: list[ExistingCouncil],
        options: MatchOptions,
        earliest: datetime,
    ) -> str | None:
        seat = place_one(applicant, councils, options=options, earliest=earliest)
        return None if seat is None else seat.council

    return "matching.place_one", call


def round_options(seed: int, earliest: datetime, within: float | None) -> MatchOptions:
    """The options of a round: first meetings soon, and new councils only within `within`
    hours of the earliest meeting when given."""
    return MatchOptions(
        reference_date=REFERENCE, seed=seed, earliest_meeting=earliest, form_within_hours=within
    )


# ----- the arrivals, the same for every cadence -----


def make_people(s: Settings) -> list[Person]:
    total = s.days * s.arrivals
    records = sample_applicants(
        total, seed=s.seed, reference_date=REFERENCE, moderator_share=s.volunteers
    )
    clock = random.Random(s.seed * 7919 + 1)
    moments = sorted(d * 24 + clock.random() * 24 for d in range(s.days) for _ in range(s.arrivals))
    starts_cache: dict[tuple[str, tuple[str, ...]], int] = {}
    people = []
    for pid, (record, moment) in enumerate(zip(records, moments, strict=True)):
        record["id"] = f"p{pid}"
        record["applied_at"] = when(moment).isoformat()
        a = parse_applicant(record, pid + 1)
        sig = (a.timezone, a.availability)
        bits = starts_cache.get(sig)
        if bits is None:
            bits = meeting_slots(window_slots(a.availability, a.timezone, REFERENCE), 60)
            starts_cache[sig] = bits
        people.append(
            Person(
                pid=pid,
                applicant=a,
                fast=a.seeker_type == "fast",
                volunteer=a.moderator,
                starts=bits,
                arrived=moment,
                rng=random.Random(s.seed * 1_000_003 + pid),
            )
        )
    return people


def fresh_copies(people: list[Person], s: Settings) -> list[Person]:
    """The same people, as they arrive, for another cadence (their own random draws anew)."""
    return [dataclasses.replace(p, rng=random.Random(s.seed * 1_000_003 + p.pid)) for p in people]


# ----- one run of one cadence -----


@dataclass
class Run:
    name: str
    s: Settings
    continuous: bool
    people: list[Person]
    place_one: PlaceOne
    councils: list[SimCouncil] = field(default_factory=list)
    waiting: dict[int, None] = field(default_factory=dict)  # pid -> None, in pool order
    # councils with a free seat, by seeker type and their first slot
    open_by_slot: dict[bool, dict[int, set[int]]] = field(
        default_factory=lambda: {True: {}, False: {}}
    )
    events: list[tuple[float, int, int, int, int]] = field(default_factory=list)
    seq: int = 0
    formed: int = 0
    dissolved: Counter[str] = field(default_factory=Counter)
    pool_by_day: list[tuple[int, int]] = field(default_factory=list)
    round_seconds: list[float] = field(default_factory=list)
    round_sizes: list[int] = field(default_factory=list)
    place_one_seconds: float = 0.0
    place_one_calls: int = 0
    place_one_placed: int = 0
    placed_by_round: int = 0
    landed: int = 0
    progress: bool = False
    cpu_seconds: float = 0.0

    def push(self, at: float, kind: int, who: int, gen: int = 0) -> None:
        self.seq += 1
        heapq.heappush(self.events, (at, self.seq, kind, who, gen))

    # -- councils with a free seat --

    def _index(self, c: SimCouncil) -> None:
        slot_map = self.open_by_slot[c.fast]
        bucket = slot_map.setdefault(c.slots[0], set())
        if c.alive and len(c.members) < MAX_SIZE:
            bucket.add(c.cid)
        else:
            bucket.discard(c.cid)

    def candidates(self, p: Person) -> list[SimCouncil]:
        """Councils of their type with a free seat whose every slot they can attend."""
        out = []
        slot_map = self.open_by_slot[p.fast]
        for s in slot_bits_list(p.starts):
            for cid in slot_map.get(s, ()):
                c = self.councils[cid]
                if c.mask & ~p.starts == 0:
                    out.append(c)
        return out

    def existing_doc(self, c: SimCouncil) -> ExistingCouncil:
        members = tuple(self.people[m].applicant for m in c.members)
        kind = "fast" if c.fast else "slow"
        if HAS_MEETS_FROM:
            return ExistingCouncil(c.key, kind, c.slots, members, meets_from=when(c.first))
        return ExistingCouncil(c.key, kind, c.slots, members)

    # -- people moving --

    def to_pool(self, p: Person, now: float) -> None:
        p.state = "waiting"
        p.council = -1
        p.pool_since = now
        p.gen += 1
        p.applicant = dataclasses.replace(p.applicant, applied_at=when(now))
        self.waiting[p.pid] = None
        if self.s.patience_days is not None:
            patience = 7 * 24 + p.rng.expovariate(1 / (self.s.patience_days * 24))
            self.push(now + patience, DROP, p.pid, p.gen)
        if self.continuous:
            self.try_place_one(p, now)

    def seat(self, p: Person, c: SimCouncil, now: float, *, new: bool) -> None:
        self.waiting.pop(p.pid, None)
        p.state = "member"
        p.council = c.cid
        p.gen += 1
        if not new:
            c.members.append(p.pid)
        meets = c.next_meeting(now + self.s.notice_hours)
        if p.placed_at is None:
            p.placed_at = now
        if p.first_meeting is None:
            p.first_meeting, p.first_council, p.first_seated = meets, c.cid, now
        median = self.s.fast_weeks if p.fast else self.s.slow_weeks
        stay = p.rng.expovariate(math.log(2) / (median * WEEK))
        self.push(max(meets, now) + stay, LAND, p.pid, p.gen)

    def try_place_one(self, p: Person, now: float) -> None:
        found = self.candidates(p)
        if not found:
            return
        after = now + self.s.notice_hours
        found.sort(key=lambda c: (c.next_meeting(after), c.cid))
        options = MatchOptions(reference_date=REFERENCE, seed=p.pid)
        documents = [self.existing_doc(c) for c in found]
        t0 = time.perf_counter()
        chosen = self.place_one(p.applicant, documents, options, when(after))
        self.place_one_seconds += time.perf_counter() - t0
        self.place_one_calls += 1
        if chosen is None:
            return
        c = self.councils[int(chosen.removeprefix("k"))]
        self.seat(p, c, now, new=False)
        self._index(c)
        self.place_one_placed += 1

    def dissolve(self, c: SimCouncil, now: float, why: str) -> None:
        c.alive = False
        self.dissolved[why] += 1
        self._index(c)
        members, c.members = c.members, []
        for pid in members:
            p = self.people[pid]
            if p.first_meeting is not None and p.first_meeting > now:
                p.first_meeting = None  # the council ended before they ever met it
                p.first_council = -1
            self.to_pool(p, now)

    def land(self, p: Person, now: float) -> None:
        c = self.councils[p.council]
        c.members.remove(p.pid)
        p.state = "landed"
        p.council = -1
        self.landed += 1
        if p.pid == c.moderator:
            backup = next((m for m in c.members if self.people[m].volunteer), None)
            if backup is None:
                self.dissolve(c, now, "moderator landed, no backup")
                return
            c.moderator = backup
        if len(c.members) < self.s.dissolve_below:
            self.dissolve(c, now, f"fewer than {self.s.dissolve_below} members left")
            return
        self._index(c)

    # -- rounds --

    def run_round(self, now: float, number: int) -> None:
        if not self.waiting:
            return
        waiting = [self.people[pid] for pid in self.waiting]
        attend: dict[bool, list[int]] = {True: [0] * 336, False: [0] * 336}
        for k, p in enumerate(waiting):
            bits = 1 << k
            row = attend[p.fast]
            for s in slot_bits_list(p.starts):
                row[s] |= bits
        existing = []
        for fast in (True, False):
            row = attend[fast]
            for bucket in self.open_by_slot[fast].values():
                for cid in bucket:
                    c = self.councils[cid]
                    if len(c.members) >= ROUND_REFILL_BELOW:
                        continue
                    who = -1
                    for s in c.slots:
                        who &= row[s]
                    if who:
                        existing.append(self.existing_doc(c))
        existing.sort(key=lambda e: e.id)
        within = self.s.form_within_hours if self.continuous else None
        options = round_options(number, when(now + self.s.notice_hours), within)
        t0 = time.perf_counter()
        result = match([p.applicant for p in waiting], existing=existing, options=options)
        self.round_seconds.append(time.perf_counter() - t0)
        self.round_sizes.append(len(waiting))
        confirmed = now
        for refill in result.refilled:
            c = self.councils[int(refill.council.removeprefix("k"))]
            for ident in refill.added:
                p = self.people[int(ident.removeprefix("p"))]
                if p.state == "waiting":
                    self.seat(p, c, confirmed, new=False)
                    self.placed_by_round += 1
            self._index(c)
        for proposal in result.councils:
            members = [int(m.removeprefix("p")) for m in proposal.members]
            if any(self.people[m].state != "waiting" for m in members):
                continue  # cannot happen with no review window; kept as the app's rule
            c = SimCouncil(
                cid=len(self.councils),
                fast=proposal.seeker_type == "fast",
                slots=tuple(proposal.slots),
                mask=sum(1 << s for s in proposal.slots),
                first=first_slot_after(proposal.slots, confirmed + self.s.notice_hours),
                members=members,
                moderator=int(proposal.moderator.removeprefix("p")),
            )
            self.councils.append(c)
            self.formed += 1
            for m in members:
                self.seat(self.people[m], c, confirmed, new=True)
            self.placed_by_round += len(members)
            self._index(c)

    # -- the loop --

    def simulate(self) -> None:
        end = self.s.days * 24.0
        for p in self.people:
            self.push(p.arrived, ARRIVE, p.pid)
        number = 0
        if self.continuous:
            step = self.s.round_hours
            at = step
        else:
            step = 24.0
            at = NIGHTLY_HOUR
        while at < end:
            self.push(at, ROUND, 0)
            at += step
        day_marks = iter(range(1, self.s.days + 1))
        next_day = next(day_marks)
        while self.events:
            now, _, kind, who, gen = heapq.heappop(self.events)
            if now >= end:
                break
            while now >= next_day * 24:
                self.pool_by_day.append((next_day, len(self.waiting)))
                if self.progress and next_day % 10 == 0:
                    print(
                        f"  {self.name}: day {next_day}, {len(self.waiting):,} waiting, "
                        f"{sum(self.round_seconds):.0f} s in rounds",
                        file=sys.stderr,
                        flush=True,
                    )
                next_day = next(day_marks, 10**9)
            if kind == ARRIVE:
                self.to_pool(self.people[who], now)
            elif kind == ROUND:
                number += 1
                self.run_round(now, number)
            elif kind == LAND:
                p = self.people[who]
                if p.gen == gen and p.state == "member":
                    self.land(p, now)
            elif kind == DROP:
                p = self.people[who]
                if p.gen == gen and p.state == "waiting":
                    p.state = "dropped"
                    del self.waiting[p.pid]
        while next_day <= self.s.days:
            self.pool_by_day.append((next_day, len(self.waiting)))
            next_day += 1


# ----- figures -----


def cohort(run: Run, fast: bool) -> list[Person]:
    cut = (run.s.days - run.s.horizon_days) * 24
    return [p for p in run.people if p.fast == fast and p.arrived <= cut]


def days_to_first_meeting(p: Person) -> float:
    if p.first_meeting is None:
        return math.inf
    return (p.first_meeting - p.arrived) / 24


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[k]


def type_figures(run: Run, fast: bool) -> dict[str, float]:
    people = cohort(run, fast)
    n = len(people)
    waits = [days_to_first_meeting(p) for p in people]

    def share(pred: Callable[[Person], bool]) -> float:
        return sum(1 for p in people if pred(p)) / n if n else math.nan

    def placed_within(days: float) -> Callable[[Person], bool]:
        return lambda p: p.placed_at is not None and p.placed_at - p.arrived <= days * 24

    return {
        "people": n,
        "median": statistics.median(waits) if waits else math.nan,
        "p90": percentile(waits, 0.9),
        "placed7": share(placed_within(7)),
        "placed14": share(placed_within(14)),
        "met7": share(lambda p: days_to_first_meeting(p) <= 7),
        "ever": share(lambda p: p.placed_at is not None),
        "dropped": share(lambda p: p.state == "dropped"),
    }


def days(value: float) -> str:
    return "never" if math.isinf(value) else f"{value:.2f}"


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def volunteer_use(run: Run) -> dict[str, int]:
    out: Counter[str] = Counter()
    for c in run.councils:
        if not c.alive:
            continue
        out["leading"] += 1
        extra = sum(1 for m in c.members if run.people[m].volunteer and m != c.moderator)
        if extra >= 1:
            out["backup"] += 1
        if extra >= 2:
            out["third or more"] += extra - 1
    out["waiting"] = sum(1 for pid in run.waiting if run.people[pid].volunteer)
    return dict(out)


def print_report(runs: list[Run], engine_name: str) -> None:
    s = runs[0].s
    print(
        f"Programme simulator: {s.days} days, {s.arrivals:,} arrivals a day, "
        f"{s.volunteers:.0%} volunteers, seed {s.seed}; notice {s.notice_hours:g} h, "
        f"landing medians {s.fast_weeks:g}/{s.slow_weeks:g} weeks (fast/slow), "
        f"patience 7 d + {s.patience_days} d mean"
    )
    print(
        f"continuous: one-seeker placement on joining ({engine_name}) + a round every "
        f"{s.round_hours:g} h"
        + (
            f", new councils only at slots that meet within {s.form_within_hours:g} h"
            if s.form_within_hours
            else ""
        )
        + "; nightly: a round a day at 02:00 UTC only"
    )
    print(
        "Days from joining the pool to the first meeting, arrivals who joined at least "
        f"{s.horizon_days:g} days before the end:"
    )
    header = (
        f"{'cadence':<11}{'type':<6}{'people':>8}{'median d':>10}{'p90 d':>8}"
        f"{'placed≤7d':>11}{'placed≤14d':>12}{'met≤7d':>9}{'ever':>8}{'dropped':>9}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        for fast in (True, False):
            f = type_figures(run, fast)
            print(
                f"{run.name:<11}{'fast' if fast else 'slow':<6}{f['people']:>8,}"
                f"{days(f['median']):>10}{days(f['p90']):>8}{pct(f['placed7']):>11}"
                f"{pct(f['placed14']):>12}{pct(f['met7']):>9}{pct(f['ever']):>8}"
                f"{pct(f['dropped']):>9}"
            )
    print()
    marks = sorted({d for d in (1, 7, 14, 21, 30, 45, 60, s.days) if d <= s.days})
    print("Waiting in the pool at the end of day " + ", ".join(str(d) for d in marks) + ":")
    for run in runs:
        by_day = dict(run.pool_by_day)
        print(f"  {run.name:<11}" + "".join(f"{by_day.get(d, 0):>8,}" for d in marks))
    print()
    print("Councils:")
    for run in runs:
        alive = sum(1 for c in run.councils if c.alive)
        sizes = [len(c.members) for c in run.councils if c.alive]
        mean = statistics.mean(sizes) if sizes else 0
        why = "; ".join(f"{k}: {v:,}" for k, v in sorted(run.dissolved.items())) or "none"
        print(
            f"  {run.name:<11}formed {run.formed:,}, running at the end {alive:,} "
            f"(mean size {mean:.2f}), members landed {run.landed:,}; dissolved: {why}"
        )
    print()
    print("Volunteers at the end (moderator utilisation):")
    for run in runs:
        use = volunteer_use(run)
        total = sum(1 for p in run.people if p.volunteer and p.state in ("member", "waiting"))
        lead = use.get("leading", 0)
        print(
            f"  {run.name:<11}{total:,} in the programme: {lead:,} lead a council "
            f"({lead / total:.0%}), {use.get('backup', 0):,} are a backup, "
            f"{use.get('third or more', 0):,} a third or more in a council, "
            f"{use.get('waiting', 0):,} waiting"
            if total
            else f"  {run.name:<11}no volunteers"
        )
    print()
    print("Engine cost:")
    for run in runs:
        rs = run.round_seconds
        line = (
            f"  {run.name:<11}{run.cpu_seconds:.0f} CPU s; {len(rs)} rounds, "
            f"{sum(rs):.1f} s in all, "
            f"mean {statistics.mean(rs) if rs else 0:.2f} s, max {max(rs, default=0):.2f} s "
            f"(largest pool {max(run.round_sizes, default=0):,}); "
            f"placed by rounds {run.placed_by_round:,}"
        )
        if run.place_one_calls:
            line += (
                f"; one-seeker placements {run.place_one_calls:,} calls, "
                f"{1000 * run.place_one_seconds / run.place_one_calls:.1f} ms each, "
                f"{run.place_one_placed:,} placed"
            )
        print(line)


def sweep_report(runs: list[Run]) -> None:
    base = runs[0].s
    print()
    print(
        f"The moderator ceiling: continuous cadence (a round every {base.round_hours:g} h), "
        f"{base.days} days, {base.arrivals:,} arrivals a day, nobody dropping out"
    )
    header = (
        f"{'volunteers':>11}{'arrivals/vol':>14}{'pool d/3':>10}{'pool 2d/3':>11}"
        f"{'pool end':>10}{'growth/day':>12}{'placed≤7d':>11}{'ever':>8}{'councils':>10}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        s = run.s
        by_day = dict(run.pool_by_day)
        a, b, e = s.days // 3, 2 * s.days // 3, s.days
        growth = (by_day[e] - by_day[b]) / (e - b)
        people = [p for p in run.people if p.arrived <= (s.days - s.horizon_days) * 24]
        placed7 = sum(
            1 for p in people if p.placed_at is not None and p.placed_at - p.arrived <= 7 * 24
        ) / len(people)
        ever = sum(1 for p in people if p.placed_at is not None) / len(people)
        alive = sum(1 for c in run.councils if c.alive)
        print(
            f"{s.volunteers:>11.0%}{1 / s.volunteers:>14.1f}{by_day[a]:>10,}{by_day[b]:>11,}"
            f"{by_day[e]:>10,}{growth:>12.1f}{pct(placed7):>11}{pct(ever):>8}{alive:>10,}"
        )


def simulate_one(name: str, continuous: bool, s: Settings, prefer: str, progress: bool) -> Run:
    """One cadence over one programme, in its own process; the people are drawn anew from
    the seed, so every cadence of one seed sees the same arrivals."""
    cpu = time.process_time()
    _engine_name, engine = engine_place_one(prefer)
    run = Run(name, s, continuous, make_people(s), engine, progress=progress)
    run.simulate()
    run.place_one = None  # type: ignore[assignment]  (a closure: it does not pickle)
    run.cpu_seconds = time.process_time() - cpu
    return run


def write_estimate(path: Path, run: Run, argv: Sequence[str]) -> None:
    document = {
        "what": "median days from joining the pool to a first council meeting, simulated",
        "measured_on": date.today().isoformat(),
        "command": "python bench/programme.py " + " ".join(argv),
        "days_to_first_meeting": {
            kind: round(type_figures(run, kind == "fast")["median"], 1) for kind in ("fast", "slow")
        },
        "placed_within_7_days": {
            kind: round(type_figures(run, kind == "fast")["placed7"], 3)
            for kind in ("fast", "slow")
        },
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {path}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    d = Settings()
    parser.add_argument("--days", type=int, default=d.days)
    parser.add_argument("--arrivals", type=int, default=d.arrivals, help="arrivals a day")
    parser.add_argument("--volunteers", type=float, default=d.volunteers, help="share, 0..1")
    parser.add_argument("--seed", type=int, default=d.seed)
    parser.add_argument("--round-hours", type=float, default=d.round_hours)
    parser.add_argument("--notice-hours", type=float, default=d.notice_hours)
    parser.add_argument(
        "--form-within-hours",
        type=float,
        default=d.form_within_hours,
        help="continuous rounds form new councils only at slots this soon (0: any)",
    )
    parser.add_argument("--fast-weeks", type=float, default=d.fast_weeks)
    parser.add_argument("--slow-weeks", type=float, default=d.slow_weeks)
    parser.add_argument("--patience-days", type=float, default=d.patience_days)
    parser.add_argument("--dissolve-below", type=int, default=d.dissolve_below)
    parser.add_argument(
        "--cadence", choices=["both", "continuous", "nightly", "none"], default="both"
    )
    parser.add_argument(
        "--sweep", default="0.08,0.10,0.12,0.13,0.14,0.15,0.18", help="volunteer shares, or ''"
    )
    parser.add_argument("--sweep-arrivals", type=int, default=300)
    parser.add_argument("--sweep-round-hours", type=float, default=12.0)
    parser.add_argument("--write-estimate", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2, help="processes (runs in parallel)")
    parser.add_argument(
        "--place-one",
        choices=["auto", "refill"],
        default="auto",
        help="auto: matching.place_one when the engine has it; refill: match() with one",
    )
    args = parser.parse_args(argv)
    s = Settings(
        days=args.days,
        arrivals=args.arrivals,
        volunteers=args.volunteers,
        seed=args.seed,
        round_hours=args.round_hours,
        notice_hours=args.notice_hours,
        form_within_hours=args.form_within_hours or None,
        fast_weeks=args.fast_weeks,
        slow_weeks=args.slow_weeks,
        patience_days=args.patience_days,
        dissolve_below=args.dissolve_below,
    )
    engine_name, _engine = engine_place_one(args.place_one)
    started = time.perf_counter()
    jobs = [
        (name, continuous, s, True)
        for name, continuous in (("continuous", True), ("nightly", False))
        if args.cadence in ("both", name)
    ]
    shares = [float(x) for x in args.sweep.split(",") if x.strip()]
    sweep_base = dataclasses.replace(
        s,
        arrivals=args.sweep_arrivals,
        patience_days=None,
        round_hours=args.sweep_round_hours,
    )
    jobs += [
        ("continuous", True, dataclasses.replace(sweep_base, volunteers=v), False) for v in shares
    ]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(simulate_one, name, continuous, settings, args.place_one, progress)
            for name, continuous, settings, progress in jobs
        ]
        runs = [f.result() for f in futures]
    main_runs, sweep_runs = runs[: len(runs) - len(shares)], runs[len(runs) - len(shares) :]
    if main_runs:
        print_report(main_runs, engine_name)
    if sweep_runs:
        sweep_report(sweep_runs)
    cpu = sum(r.cpu_seconds for r in runs)
    print(
        f"\n({time.perf_counter() - started:.0f} s wall with {args.jobs} processes; "
        f"{cpu:.0f} CPU s in all, {sum(r.cpu_seconds for r in main_runs):.0f} of them the two "
        "cadences)"
    )
    if args.write_estimate and main_runs and main_runs[0].continuous:
        write_estimate(args.write_estimate, main_runs[0], argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
