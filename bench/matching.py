"""Benchmark of the matching engine against a greedy baseline and the exact CP-SAT optimum.

Run: python bench/matching.py [--sizes 1000 10000 100000] [--small 12]
Each large run happens in a fresh child process, so its peak memory (ru_maxrss) is its own.

"1st mtg h" is the mean hours to first meeting: for every person placed in a new council,
the hours from the moment the result is confirmed (NOW, a Tuesday afternoon) to their
council's first start at least the notice period (NOTICE, 24 h) later. `engine` runs with
the last objective (MatchOptions.earliest_meeting = NOW + NOTICE), `engine0` is the same
engine without it (the slots as coverage, fairness and fit left them): the before and after.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from jobcouncil.matching.applicants import Applicant, MatchOptions, parse_applicant
from jobcouncil.matching.check import figures, validate_result
from jobcouncil.matching.engine import match, result_to_json
from jobcouncil.matching.sample import sample_applicants
from jobcouncil.matching.soon import first_start
from jobcouncil.matching.timegrid import (
    WEEK_SLOTS,
    format_slot,
    meeting_slots,
    parse_slot,
    partner_mask,
    slot_bits_list,
    window_slots,
)

REFERENCE = date(2026, 11, 30)
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # when the result is confirmed
NOTICE = timedelta(hours=24)  # FIRST_MEETING_NOTICE_HOURS's default
METHODS = ("engine", "engine0", "greedy")
REGIONS = (
    ("America/New_York", "America/Chicago", "America/Toronto"),
    ("Europe/London", "Europe/Berlin", "Africa/Lagos"),
    ("Asia/Kolkata", "Asia/Kathmandu", "Asia/Dubai"),
    ("Australia/Adelaide", "Australia/Sydney", "Asia/Singapore"),
)


def greedy_baseline(applicants: Sequence[Applicant], options: MatchOptions) -> dict[str, object]:
    """The simple approach: bucket people by their most common slot, fill in arrival order."""
    councils: list[dict[str, object]] = []
    unplaced: list[dict[str, object]] = []
    ordered = sorted(applicants, key=lambda a: (a.applied_at, a.id))
    for seeker_type in ("fast", "slow"):
        people = [a for a in ordered if a.seeker_type == seeker_type]
        starts = [
            meeting_slots(
                window_slots(a.availability, a.timezone, options.reference_date),
                options.meeting_minutes,
            )
            for a in people
        ]
        popularity = [0] * WEEK_SLOTS
        for bits in starts:
            for s in slot_bits_list(bits):
                popularity[s] += 1
        buckets: dict[tuple[int, ...], list[Applicant]] = {}
        for a, bits in zip(people, starts, strict=True):
            slots = slot_bits_list(bits)
            if not slots:
                unplaced.append({"id": a.id, "reason": "no slot"})
                continue
            first = max(slots, key=lambda s: (popularity[s], -s))
            key: tuple[int, ...] = (first,)
            if seeker_type == "fast":
                partners = slot_bits_list(bits & partner_mask(first))
                if not partners:
                    unplaced.append({"id": a.id, "reason": "no pair"})
                    continue
                second = max(partners, key=lambda s: (popularity[s], -s))
                key = tuple(sorted((first, second)))
            buckets.setdefault(key, []).append(a)
        for key, bucket in sorted(buckets.items()):
            volunteers = [a for a in bucket if a.moderator]
            count = min(len(volunteers), len(bucket) // options.min_size)
            seated = min(len(bucket), count * options.max_size)
            leaders = volunteers[:count]
            rest = [a for a in bucket if a not in leaders]
            members = rest[: seated - count]
            start = 0
            for k, leader in enumerate(leaders):
                size = seated // count + (1 if k < seated % count else 0)
                group = [leader, *members[start : start + size - 1]]
                start += size - 1
                councils.append(
                    {
                        "id": f"g-{len(councils) + 1:04d}",
                        "seeker_type": seeker_type,
                        "moderator": leader.id,
                        "members": [a.id for a in group],
                        "slots": [format_slot(s) for s in key],
                    }
                )
            for a in rest[seated - count :]:
                unplaced.append({"id": a.id, "reason": "bucket full or too small"})
    return {"councils": councils, "refilled": [], "unplaced": unplaced}


def pool(n: int, seed: int, **kwargs: object) -> list[Applicant]:
    records = sample_applicants(n, seed=seed, reference_date=REFERENCE, **kwargs)  # type: ignore[arg-type]
    return [parse_applicant(r, k) for k, r in enumerate(records, start=1)]


def mean_hours_to_first_meeting(document: dict[str, object]) -> float:
    """Mean over the people placed in new councils of the hours from NOW to their council's
    first start at or after NOW + NOTICE."""
    total = 0.0
    people = 0
    for council in document["councils"]:  # type: ignore[attr-defined]
        slots = [parse_slot(s) for s in council["slots"]]
        hours = (first_start(slots, NOW + NOTICE) - NOW).total_seconds() / 3600
        total += hours * len(council["members"])
        people += len(council["members"])
    return total / people if people else 0.0


def child(n: int, method: str, seed: int) -> dict[str, object]:
    """One measured run, in this (fresh) process."""
    applicants = pool(n, seed)
    options = MatchOptions(reference_date=REFERENCE, seed=seed)
    if method == "engine":
        options = MatchOptions(reference_date=REFERENCE, seed=seed, earliest_meeting=NOW + NOTICE)
    started = time.perf_counter()
    bound = None
    if method in ("engine", "engine0"):
        result = match(applicants, options=options)
        seconds = time.perf_counter() - started
        bound = result.stats["placeable_at_most"]
        document = result_to_json(result)
    else:
        document = greedy_baseline(applicants, options)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    broken = validate_result(applicants, document, options)
    stats = figures(applicants, document, options)
    return {
        "n": n,
        "method": method,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "placed": stats["placed"],
        "coverage": stats["coverage"],
        "fit": stats["mean_similarity"],
        "councils": stats["councils"],
        "broken": len(broken),
        "bound": bound,
        "wait_placed": stats["mean_wait_days_placed"],
        "wait_unplaced": stats["mean_wait_days_unplaced"],
        "first_meeting_hours": mean_hours_to_first_meeting(document),
    }


def run_child(n: int, method: str, seed: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(n), method, str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def small_pools(count: int, sizes: Sequence[int]) -> list[dict[str, object]]:
    from jobcouncil.matching.exact import exact_optimum

    rows = []
    for n in sizes:
        for k in range(count):
            share = (0.1, 0.15, 0.25, 0.4)[k % 4]
            applicants = pool(n, 1000 + k, zones=REGIONS[k % 4], moderator_share=share)
            options = MatchOptions(reference_date=REFERENCE, seed=k)
            started = time.perf_counter()
            result = match(applicants, options=options)
            seconds = time.perf_counter() - started
            greedy = figures(applicants, greedy_baseline(applicants, options), options)
            started = time.perf_counter()
            best = exact_optimum(applicants, options, time_limit=60, workers=2)
            exact_seconds = time.perf_counter() - started
            rows.append(
                {
                    "n": n,
                    "engine": result.stats["placed"],
                    "greedy": greedy["placed"],
                    "optimum": best.placed,
                    "bound": best.bound,
                    "proven": best.optimal,
                    "engine_fit": result.stats["mean_similarity"],
                    "exact_fit": best.fit,
                    "seconds": seconds,
                    "exact_seconds": exact_seconds,
                }
            )
    return rows


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--small", type=int, default=12, help="small pools per size for CP-SAT")
    parser.add_argument("--small-sizes", type=int, nargs="*", default=[60, 120])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=3, metavar=("N", "METHOD", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        n, method, seed = args.child
        print(json.dumps(child(int(n), method, int(seed))))
        return

    print(f"Large pools (match-sample, seed {args.seed}); each run in a fresh process.")
    header = (
        f"{'applicants':>10}  {'method':<7} {'seconds':>8} {'peak MB':>8} {'placed':>7} "
        f"{'coverage':>8} {'fit':>6} {'councils':>8} {'wait p/u (days)':>16} {'broken':>6} "
        f"{'1st mtg h':>9}"
    )
    print(header)
    print("-" * len(header))
    ratios = []
    bounds = []
    soon: list[tuple[int, float, float, dict, dict]] = []
    for n in args.sizes:
        rows = {m: run_child(n, m, args.seed) for m in METHODS}
        bounds.append((n, rows["engine"]["placed"], rows["engine"]["bound"]))
        for method, r in rows.items():
            print(
                f"{n:>10,}  {method:<7} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f} "
                f"{r['placed']:>7,} {r['coverage']:>8.1%} {r['fit']:>6.3f} {r['councils']:>8,} "
                f"{r['wait_placed']:>7.1f}/{r['wait_unplaced']:<8.1f} {r['broken']:>6} "
                f"{r['first_meeting_hours']:>9.1f}"
            )
        e, g, e0 = rows["engine"], rows["greedy"], rows["engine0"]
        ratios.append((n, ratio(e["placed"], g["placed"]), ratio(e["fit"], g["fit"])))
        soon.append((n, e0["first_meeting_hours"], e["first_meeting_hours"], e0, e))
    print()
    for (n, cover, fit), (_, placed, bound) in zip(ratios, bounds, strict=True):
        print(
            f"{n:>10,}: engine / greedy coverage {cover}, fit {fit}; engine placed {placed:,} "
            f"of at most {bound:,} placeable ({ratio(placed, bound)})"
        )
    for n, before, after, e0, e in soon:
        same = e0["placed"] == e["placed"] and e0["fit"] == e["fit"]
        print(
            f"{n:>10,}: mean hours to first meeting {before:.1f} without the last objective, "
            f"{after:.1f} with it ({after - before:+.1f} h); placed and fit "
            f"{'unchanged' if same else 'CHANGED'}"
        )

    if args.small:
        print()
        print(
            f"Small regional pools vs the exact CP-SAT optimum ({args.small} pools per size; "
            "volunteer share 10-40%)"
        )
        rows = small_pools(args.small, args.small_sizes)
        head = (
            f"{'applicants':>10}  {'pools':>5} {'engine/opt':>17} {'greedy/opt':>11} "
            f"{'fit engine':>10} {'fit exact':>9} {'engine s':>8} {'CP-SAT s':>8} {'proven':>6}"
        )
        print(head)
        print("-" * len(head))
        for n in args.small_sizes:
            mine = [r for r in rows if r["n"] == n]
            scored = [r for r in mine if r["bound"]]
            engine_ratios = [r["engine"] / r["bound"] for r in scored]
            greedy_ratios = [r["greedy"] / r["bound"] for r in scored]
            mean = sum(engine_ratios) / len(engine_ratios) if engine_ratios else 1.0
            low = min(engine_ratios, default=1.0)
            greedy_mean = sum(greedy_ratios) / len(greedy_ratios) if greedy_ratios else 1.0
            fits = [r for r in scored]
            engine_fit = sum(r["engine_fit"] for r in fits) / len(fits) if fits else 0.0
            exact_fit = sum(r["exact_fit"] for r in fits) / len(fits) if fits else 0.0
            print(
                f"{n:>10}  {len(mine):>5} {mean:>8.3f} (min {low:.3f}) {greedy_mean:>11.3f} "
                f"{engine_fit:>10.3f} {exact_fit:>9.3f} "
                f"{max(r['seconds'] for r in mine):>8.2f} "
                f"{max(r['exact_seconds'] for r in mine):>8.2f} "
                f"{sum(r['proven'] for r in mine):>3}/{len(mine)}"
            )
        print("(ratios are to the proven CP-SAT bound; times are the slowest pool)")


if __name__ == "__main__":
    main()
