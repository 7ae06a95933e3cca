"""How much search the engine spends, by pool size: every threshold of the engine, and why.

Sizes are people of one seeker type (fast and slow are matched apart). The figures were
tuned on `match-sample` pools and the CP-SAT comparison (`bench/matching.py`): small pools
get enough search to come within a fraction of a percent of the exact optimum, large pools
stay near a second for 10,000 applicants and well under the spec's time limits.
"""

from __future__ import annotations

from dataclasses import dataclass

# ----- pool sizes at which the treatment changes -----

# Up to here the thorough treatment is affordable: keys whose people all share a larger
# key are dropped (a council there could meet at the larger key), flexibility counts the
# keys one could join, many restarts and a long neighbourhood search.
SMALL_POOL = 400
# Up to here each round of the neighbourhood search is cheap enough for a thousand rounds.
TINY_POOL = 150
# Up to here the restarts also try the minimum-size constructions; above it the full-council
# greedy is as good and much faster.
MIXED_STRATEGY_POOL = 1_500
# Up to here a few restarts, the neighbourhood search and a large coverage budget pay off;
# above it the pools are dense enough that one greedy run is near the bound.
MID_POOL = 3_000
# Up to here the score of a run also counts fairness (the arrival ranks of the unplaced);
# above it summing those ranks costs more than the tie-break is worth.
FAIR_SCORE_POOL = 5_000

# ----- budgets: how many elementary steps a search may take before it stops -----

# Augmenting chains and moves, per run: unlimited in practice on small and mid pools, cut
# on large ones where a chain search over thousands of councils would dominate the run.
COVERAGE_STEPS_SMALL = 2_000_000
COVERAGE_STEPS_LARGE = 40_000
# Candidate swaps for fit: the gain per swap falls with pool size while the cost rises.
FIT_STEPS_SMALL = 2_000_000
FIT_STEPS_MID = 300_000
FIT_STEPS_LARGE = 60_000
# Members looked at for lending, per rebuild pass (each look is cheap; this bounds a pass).
LEND_STEPS = 20_000

# ----- rounds: how often a group of passes repeats before it stops -----

COVERAGE_ROUNDS = 6  # passes of one run; they usually settle in two or three
SEARCH_ROUND_PASSES = 3  # passes after each neighbourhood-search move
FIT_ROUNDS = 4  # swap passes; later ones gain almost nothing
# Each settling pass strictly improves seat order, so this cap is never reached.
SETTLE_ROUNDS = 100

# ----- randomness of restarts and of the neighbourhood search -----

# Each restart's generator is seeded seed * RESTART_SEED_STRIDE + restart: as restarts are
# far fewer than the stride, no two (seed, restart) pairs share a generator.
RESTART_SEED_STRIDE = 1_000_003
# Share of runs whose flexibility bands are jittered, and the jitter's range: different
# runs then seat different people first, which is what makes restarts worth it.
JITTERED_BANDS_SHARE = 0.7
BAND_JITTER = (0.6, 1.6)
# Neighbourhood search: share of rounds that dissolve councils at random (the others aim
# at an unplaced person's slot), and how many councils a round dissolves (drawn uniformly
# from these tuples, so repeats weight the draw).
RANDOM_ROUND_SHARE = 0.5
DISSOLVE_AIMED = (1, 2, 2, 3)
DISSOLVE_RANDOM = (1, 1, 2, 2, 3)

# ----- fit -----

# Swap across every pair of compatible keys when there are at most this many keys;
# above, only councils on the same key are compared (the cross-key scan is quadratic).
FEW_KEYS = 300
# A swap or a re-deal must gain more than this, so float noise never counts as a gain.
MIN_GAIN = 1e-9

# ----- progress -----

PROGRESS_EVERY = 25  # councils formed between progress reports during construction
CONSTRUCTION_SHARE = 0.8  # share of a restart's progress given to its construction


@dataclass(frozen=True, slots=True)
class Effort:
    """What one pool size gets."""

    thorough_keys: bool  # drop dominated keys, flexibility = keys one could join
    restarts: int
    strategies: int  # constructions the restarts cycle through (see solve.run_once)
    coverage_steps: int
    fit_steps: int
    search_rounds: int  # neighbourhood-search rounds (0: none)
    fair_score: bool  # a run's score counts fairness as its last tie-break


def effort_for(people: int) -> Effort:
    """The effort for a pool of this many people of one seeker type."""
    if people <= SMALL_POOL:
        restarts, fit_steps = 12, FIT_STEPS_SMALL
        search_rounds = 1000 if people <= TINY_POOL else 400
    elif people <= MID_POOL:
        # Mid-size pools get few search rounds but still gain about 2% coverage.
        restarts, fit_steps, search_rounds = 4, FIT_STEPS_MID, 40
    else:
        restarts, fit_steps, search_rounds = 1, FIT_STEPS_LARGE, 0
    return Effort(
        thorough_keys=people <= SMALL_POOL,
        restarts=restarts,
        strategies=3 if people <= MIXED_STRATEGY_POOL else 1,
        coverage_steps=COVERAGE_STEPS_SMALL if people <= MID_POOL else COVERAGE_STEPS_LARGE,
        fit_steps=fit_steps,
        search_rounds=search_rounds,
        fair_score=people <= FAIR_SCORE_POOL,
    )
