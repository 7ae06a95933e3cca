"""Exact coverage optimum with OR-Tools CP-SAT, to measure the engine against (tests, bench).

Not used by the engine: ortools is a test dependency, imported only when this runs.
The model is exact because councils on the same slot(s) are interchangeable: n people
with m volunteers can fill c councils there iff min*c <= n <= max*c and m >= c.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .applicants import Applicant, MatchOptions, council_fit
from .timegrid import MAX_GAP_SLOTS, MIN_GAP_SLOTS, WEEK_SLOTS, meeting_slots, window_slots


@dataclass(frozen=True, slots=True)
class ExactResult:
    placed: int  # best solution found
    bound: int  # proven upper bound on anyone's coverage (== placed when optimal)
    optimal: bool
    fit: float  # size-weighted fit of that solution, councils cut by similarity
    councils: int


def _keys(people: list[Applicant], two: bool, options: MatchOptions) -> list[int]:
    """Distinct, non-dominated groups of people sharing a slot (or a fast slot pair)."""
    at = [0] * WEEK_SLOTS
    mods = 0
    for i, a in enumerate(people):
        bits = meeting_slots(
            window_slots(a.availability, a.timezone, options.reference_date),
            options.meeting_minutes,
        )
        for s in range(WEEK_SLOTS):
            if bits >> s & 1:
                at[s] |= 1 << i
        if a.moderator:
            mods |= 1 << i
    groups: set[int] = set()
    for s1 in range(WEEK_SLOTS):
        if not two:
            groups.add(at[s1])
            continue
        for s2 in range(s1 + MIN_GAP_SLOTS, min(s1 + MAX_GAP_SLOTS, WEEK_SLOTS - 1) + 1):
            groups.add(at[s1] & at[s2])
    useful = [g for g in groups if g.bit_count() >= options.min_size and g & mods]
    # A group inside another offers nothing the larger one does not.
    useful.sort(key=lambda g: -g.bit_count())
    kept: list[int] = []
    for g in useful:
        if not any(g & k == g for k in kept):
            kept.append(g)
    return sorted(kept)


def exact_optimum(
    applicants: Sequence[Applicant],
    options: MatchOptions,
    *,
    time_limit: float = 30.0,
    workers: int = 1,
) -> ExactResult:
    """Maximum number of people placeable under the hard rules (no existing councils)."""
    from ortools.sat.python import cp_model

    placed = bound = councils = 0
    optimal = True
    fits: list[tuple[float, int]] = []
    for seeker_type in ("fast", "slow"):
        people = [a for a in applicants if a.seeker_type == seeker_type]
        groups = _keys(people, seeker_type == "fast", options)
        if not groups:
            continue
        model = cp_model.CpModel()
        x: dict[tuple[int, int], cp_model.IntVar] = {}
        count: list[cp_model.IntVar] = []
        for k, g in enumerate(groups):
            members = [i for i in range(len(people)) if g >> i & 1]
            volunteers = [i for i in members if people[i].moderator]
            most = min(len(volunteers), len(members) // options.min_size)
            c = model.new_int_var(0, most, f"c{k}")
            count.append(c)
            for i in members:
                x[i, k] = model.new_bool_var(f"x{i}_{k}")
            total = sum(x[i, k] for i in members)
            model.add(total >= options.min_size * c)
            model.add(total <= options.max_size * c)
            model.add(sum(x[i, k] for i in volunteers) >= c)
        for i in range(len(people)):
            mine = [v for (j, _), v in x.items() if j == i]
            if len(mine) > 1:
                model.add_at_most_one(mine)
        model.maximize(sum(x.values()))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = time_limit
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = options.seed
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise RuntimeError(f"CP-SAT found no solution ({solver.status_name(status)})")
        optimal = optimal and status == cp_model.OPTIMAL
        placed += int(solver.objective_value)
        bound += int(solver.best_objective_bound + 1e-6)
        for k, _g in enumerate(groups):
            opened = solver.value(count[k])
            if not opened:
                continue
            chosen = [i for (i, kk), v in x.items() if kk == k and solver.value(v)]
            councils += opened
            fits.extend(_cut(people, chosen, opened))
    size = sum(n for _, n in fits)
    fit = sum(f * n for f, n in fits) / size if size else 0.0
    return ExactResult(placed, bound, optimal, fit, councils)


def _cut(people: list[Applicant], chosen: list[int], c: int) -> list[tuple[float, int]]:
    """Cut one slot's people into c councils, similar people together, a volunteer in each."""
    volunteers = [i for i in chosen if people[i].moderator][:c]
    rest = sorted(
        (i for i in chosen if i not in volunteers),
        key=lambda i: (people[i].function, people[i].industry, people[i].seniority),
    )
    out = []
    start = 0
    for k, leader in enumerate(volunteers):
        size = len(chosen) // c + (1 if k < len(chosen) % c else 0)
        group = [people[leader]] + [people[i] for i in rest[start : start + size - 1]]
        start += size - 1
        out.append((council_fit(group), len(group)))
    return out
