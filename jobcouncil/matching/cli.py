"""Command line for the engine: `match`, `match-check` and `match-sample`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import IO, Any, cast

from .applicants import (
    TOO_DEEP,
    Applicant,
    MatchInputError,
    MatchOptions,
    parse_applicant_lines,
    read_applicants,
    read_existing,
)
from .check import figures, validate_result
from .engine import match, result_to_json
from .sample import sample_applicants
from .text import shown
from .timegrid import next_monday

EXIT_OK = 0
EXIT_BROKEN = 1  # match-check found a broken rule
EXIT_BAD_INPUT = 2
PROGRESS_FROM = 5000  # below this the run is too quick for a bar to help


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-30: {shown(text)}") from None


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"not a moment with its offset like 2026-12-02T15:00+00:00: {shown(text)}"
        )
    return moment


def _add_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    def default(value: object) -> object:
        return value if defaults else None

    parser.add_argument(
        "--reference-date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="date whose UTC offsets fix the slots (default: next Monday)",
    )
    parser.add_argument(
        "--earliest-meeting",
        type=_moment,
        default=None,
        metavar="YYYY-MM-DDTHH:MM+00:00",
        help="prefer slots whose first start at or after this comes soonest (last objective)",
    )
    parser.add_argument(
        "--form-within-hours",
        type=float,
        default=None,
        metavar="HOURS",
        help="with --earliest-meeting: new councils only at slots that first meet this soon",
    )
    parser.add_argument("--min-size", type=int, default=default(6))
    parser.add_argument("--max-size", type=int, default=default(8))
    parser.add_argument("--meeting-minutes", type=int, default=default(60))
    parser.add_argument(
        "--existing",
        metavar="COUNCILS.json",
        help="existing councils with free seats, refilled first",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobcouncil")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("match", help="match applicants into councils")
    run.add_argument("applicants", help="applicants, one JSON object a line")
    run.add_argument("-o", "--output", required=True, help="where to write the councils JSON")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_options(run, defaults=True)
    check = sub.add_parser("match-check", help="check a result against every hard rule")
    check.add_argument("applicants")
    check.add_argument("result")
    _add_options(check, defaults=False)
    sample = sub.add_parser("match-sample", help="write a realistic random pool")
    sample.add_argument("--n", type=int, default=1000)
    sample.add_argument("--seed", type=int, default=1)
    sample.add_argument("-o", "--output", required=True)
    sample.add_argument("--reference-date", type=_date, default=date(2026, 11, 30))
    return parser


@contextmanager
def _atomic_write(path: str) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path` and rename it into place only on success."""
    folder = os.path.dirname(os.path.abspath(path))
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, prefix=".tmp-", suffix=".part", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        os.unlink(handle.name)
        raise


def _percent(value: float) -> str:
    return f"{float(value) * 100:.1f}%"


def _summary(stats: Mapping[str, Any]) -> str:
    by_type = stats.get("by_type", {})
    coverage = ", ".join(
        f"{name} {_percent(figures['coverage'])} of {figures['applicants']:,}"
        for name, figures in by_type.items()
    )
    bound = ""
    if "placeable_at_most" in stats:
        bound = f", at most {stats['placeable_at_most']:,} placeable"
    text = (
        f"Placed {stats['placed']:,} of {stats['applicants']:,} applicants "
        f"({_percent(stats['coverage'])}{bound}) in {stats['councils']:,} new councils"
        f" and {stats['refilled_seats']:,} refilled seats; coverage by type: {coverage}; "
        f"mean fit {float(stats['mean_similarity']):.3f}; "
        f"{stats['moderators_placed']:,} volunteers placed, "
        f"{stats['moderators_unplaced']:,} not; "
        f"mean wait {stats['mean_wait_days_placed']} days placed vs "
        f"{stats['mean_wait_days_unplaced']} unplaced"
    )
    if "seconds" in stats:
        text += f"; {float(stats['seconds']):.2f} s"
    return text + "."


def _options(args: argparse.Namespace, recorded: dict[str, object] | None = None) -> MatchOptions:
    recorded = recorded or {}

    def pick(name: str, fallback: object) -> Any:
        value = getattr(args, name, None)
        if value is not None:
            return value
        return recorded.get(name, fallback)

    reference = pick("reference_date", None)
    if isinstance(reference, str):
        reference = date.fromisoformat(reference)
    earliest = pick("earliest_meeting", None)
    if isinstance(earliest, str):
        earliest = datetime.fromisoformat(earliest)
    return MatchOptions(
        reference_date=reference or next_monday(date.today()),
        seed=int(pick("seed", 0)),
        min_size=int(pick("min_size", 6)),
        max_size=int(pick("max_size", 8)),
        meeting_minutes=int(pick("meeting_minutes", 60)),
        earliest_meeting=earliest,
        form_within_hours=pick("form_within_hours", None),
    )


def _read_with_bar(path: str, quiet: bool) -> list[Applicant]:
    """Read the applicants, with a bar over the file's bytes when the file is large."""
    size = os.path.getsize(path)
    if quiet or size < PROGRESS_FROM * 400:  # about 400 bytes a line
        return read_applicants(path)
    from tqdm import tqdm

    with (
        open(path, encoding="utf-8") as handle,
        tqdm(
            total=size, desc="reading", unit="B", unit_scale=True, file=sys.stderr, leave=False
        ) as bar,
    ):

        def lines() -> Iterator[str]:
            for line in handle:
                bar.update(len(line.encode("utf-8")))
                yield line

        return list(parse_applicant_lines(lines(), source=path))


def _run_match(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    options = _options(args)
    applicants = _read_with_bar(args.applicants, args.quiet)
    existing = read_existing(args.existing) if args.existing else []
    bar = None
    progress: Callable[[float], None] | None = None
    if not args.quiet and len(applicants) >= PROGRESS_FROM:
        from tqdm import tqdm

        bar = tqdm(total=100, desc="matching", unit="%", file=sys.stderr, leave=False)

        def progress(fraction: float) -> None:
            assert bar is not None
            bar.update(max(0, int(fraction * 100) - bar.n))

    try:
        result = match(applicants, existing=existing, options=options, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    document = result_to_json(result)
    with _atomic_write(args.output) as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    stats = dict(result.stats)
    stats["seconds"] = round(time.perf_counter() - started, 2)
    print(_summary(stats))
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    applicants = read_applicants(args.applicants)
    try:
        with open(args.result, encoding="utf-8") as handle:
            document = json.load(handle)
    except ValueError as error:
        raise MatchInputError(None, None, None, f"bad JSON: {error}", source=args.result) from None
    except RecursionError:
        raise MatchInputError(None, None, None, TOO_DEEP, source=args.result) from None
    recorded = document.get("options") if isinstance(document, dict) else None
    options = _options(args, recorded if isinstance(recorded, dict) else None)
    existing = read_existing(args.existing) if args.existing else []
    problems = validate_result(applicants, document, options, existing)
    malformed = [p for p in problems if p.startswith("format:")]
    if malformed:
        # Not a result document at all: bad input, like bad applicants (no figures from it).
        shown_problems = "; ".join(p.removeprefix("format: ") for p in malformed[:3])
        more = f" (and {len(malformed) - 3} more)" if len(malformed) > 3 else ""
        raise MatchInputError(
            None, None, None, f"not a result document: {shown_problems}{more}", source=args.result
        )
    if isinstance(document, dict) and document.get("refilled") and not args.existing:
        problems.append("rule 7: refills cannot be checked without --existing")
    if isinstance(document, dict):
        stats = figures(applicants, document, options)
        print(_summary(stats))
        reasons = cast(dict[str, int], stats["unplaced_reasons"])
        for reason, count in reasons.items():
            print(f"  unplaced, {reason}: {count:,}")
        print(f"  councils with a backup volunteer: {stats['councils_with_backup_moderator']:,}")
    for problem in problems:
        print(f"BROKEN {problem}")
    if problems:
        print(f"{len(problems)} broken rule(s).")
        return EXIT_BROKEN
    print(f"All hard rules hold (reference date {options.reference_date.isoformat()}).")
    return EXIT_OK


def _run_sample(args: argparse.Namespace) -> int:
    if args.n < 0:
        print("error: --n must be at least 0", file=sys.stderr)
        return EXIT_BAD_INPUT
    with _atomic_write(args.output) as handle:
        for record in sample_applicants(args.n, seed=args.seed, reference_date=args.reference_date):
            handle.write(json.dumps(record) + "\n")
    print(f"Wrote {args.n:,} applicants to {args.output} (seed {args.seed}).")
    return EXIT_OK


def main(argv: list[str]) -> int:
    """Run one subcommand; argv[0] is `match`, `match-check` or `match-sample`."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse reports usage errors with status 2
        return int(exit_.code or 0)
    commands = {"match": _run_match, "match-check": _run_check, "match-sample": _run_sample}
    try:
        return commands[args.command](args)
    except MatchInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
