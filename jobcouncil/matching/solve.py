"""The steps put together for one seeker type: restarts of construction and coverage
search, the neighbourhood search, then promises, fit and resilience."""

from __future__ import annotations

import random
from collections.abc import Callable

from .bucketing import Pool
from .construction import construct, flexibility_bands, open_minimal, refill
from .coverage import augment_pass, chain_pass, neighbourhood_search, rebuild_pass, rekey_pass
from .effort import (
    CONSTRUCTION_SHARE,
    COVERAGE_ROUNDS,
    FIT_ROUNDS,
    JITTERED_BANDS_SHARE,
    RESTART_SEED_STRIDE,
)
from .fit import fit_pass, regroup_pass
from .placement import Budget, Placement
from .promises import insert_pass, settle, volunteer_swap_pass
from .resilience import resilience_pass
from .soon import soonest_pass

Progress = Callable[[float], None]


def run_once(p: Placement, rng: random.Random, strategy: int, coverage_steps: int) -> None:
    """One construction and its coverage search.

    Strategy 0: full councils at the busiest slots first (fast, good when volunteers
    are scarce); 1 and 2: minimum-size councils then augmenting fills (good when
    people are scarce), scarcest or busiest key first.
    """
    p.reset()
    bands = flexibility_bands(p, rng if rng.random() < JITTERED_BANDS_SHARE else None)
    refill(p, bands)
    if strategy == 0:
        construct(p, p.unplaced, bands, rng)
    else:
        open_minimal(p, bands, rng, scarce_first=strategy == 1)
    budget = Budget(coverage_steps)
    for _ in range(COVERAGE_ROUNDS):
        changed = insert_pass(p)
        if p.placed() >= p.pool.bound:
            break  # everyone who can be placed is: nothing left to search for
        changed |= rekey_pass(p)
        changed |= chain_pass(p, budget)
        changed |= augment_pass(p, budget)
        changed |= rebuild_pass(p, bands, rng)
        changed |= volunteer_swap_pass(p)
        if not changed:
            break


def polish(p: Placement, fit_steps: int) -> None:
    """Promises, then fit, then resilience, keeping the promises after each."""
    settle(p)
    regroup_pass(p)
    budget = Budget(fit_steps)
    for _ in range(FIT_ROUNDS):
        if not fit_pass(p, budget):
            break
    if resilience_pass(p):
        settle(p)
    # Fit and resilience moves may put a later applicant where an earlier one fits.
    settle(p)
    # Last: the slots whose first meeting comes soonest, among those the members share (and
    # that open the council to nobody new, so who sits where does not move).
    earliest = p.pool.options.earliest_meeting
    if earliest is not None:
        soonest_pass(p, earliest)


def solve(pool: Pool, seed: int, progress: Progress) -> Placement:
    """The best placement found for this pool; `progress` receives 0..1."""
    effort = pool.effort
    restarts = effort.restarts
    p = Placement(pool)
    best = None
    best_snapshot = None
    for r in range(restarts):
        rng = random.Random(seed * RESTART_SEED_STRIDE + r)

        # Within a run, report how far construction has got towards the bound.
        def tick(fraction: float, r: int = r) -> None:
            progress((r + CONSTRUCTION_SHARE * min(1.0, fraction)) / (restarts + 1))

        p.on_progress = tick
        run_once(p, rng, strategy=r % effort.strategies, coverage_steps=effort.coverage_steps)
        score = p.score()
        if best is None or score > best:
            best = score
            best_snapshot = p.snapshot()
        progress((r + 1) / (restarts + 1))
        if best[0] >= pool.bound:
            break  # nobody more can be placed: more restarts cannot help coverage
    assert best is not None and best_snapshot is not None
    p.restore(best_snapshot)
    if effort.search_rounds and best[0] < pool.bound:
        neighbourhood_search(p, random.Random(seed), effort.search_rounds, effort.coverage_steps)
    polish(p, effort.fit_steps)
    progress(1.0)
    return p
