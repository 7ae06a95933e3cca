"""On small pools an exact solver (CP-SAT) places at most 3% more people than the engine."""

from __future__ import annotations

import pytest

from jobcouncil.matching.applicants import parse_applicant
from jobcouncil.matching.engine import match
from jobcouncil.matching.exact import exact_optimum
from jobcouncil.matching.sample import sample_applicants

from .factory import group, options
from .strategies import random_pool

REGIONS = (
    ("America/New_York", "America/Chicago", "America/Toronto"),
    ("Europe/London", "Europe/Berlin", "Africa/Lagos"),
    ("Asia/Kolkata", "Asia/Kathmandu", "Asia/Dubai"),
    ("Australia/Adelaide", "Australia/Sydney", "Asia/Singapore"),
)


def assert_near_optimal(pool, opts):
    stats = match(pool, options=opts).stats
    placed = stats["placed"]
    best = exact_optimum(pool, opts, time_limit=20)
    # The engine's own bound (used to stop searching early) must never undercut the optimum.
    assert best.placed <= stats["placeable_at_most"]
    # The bound is proven, so a slow solve can only make this test stricter on the solver.
    assert best.bound <= placed * 1.03, (best, placed)
    return placed, best


@pytest.mark.parametrize("seed", range(24))
def test_the_engine_is_within_3_percent_of_the_optimum_on_regional_pools(seed):
    n = 30 + seed % 4 * 10  # 30 to 60 applicants
    share = (0.1, 0.15, 0.25, 0.4)[seed // 4 % 4]
    records = sample_applicants(n, seed=seed, zones=REGIONS[seed % 4], moderator_share=share)
    pool = [parse_applicant(r, k) for k, r in enumerate(records, start=1)]
    assert_near_optimal(pool, options(seed=seed))


@pytest.mark.parametrize("seed", range(30))
def test_the_engine_is_within_3_percent_of_the_optimum_on_dense_random_pools(seed):
    pool = random_pool(seed, 40 + seed % 3 * 10)
    assert_near_optimal(pool, options(seed=seed))


def test_the_exact_solver_sees_what_the_engine_sees():
    # A pool where the optimum is known by hand: two councils of six on one slot.
    pool = group(12, volunteers=2)
    placed, best = assert_near_optimal(pool, options())
    assert placed == best.placed == best.bound == 12
    assert best.councils == 2
