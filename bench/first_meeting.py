"""How long after confirmation a council's people first meet, on the demo's matching round.

Run: python bench/first_meeting.py [--now 2026-12-01T12:00]
Seeds the demo into a throwaway SQLite database (the clock fixed at --now, so runs compare) and
prints, over every member placed by the demo's round, the delay from the round's confirmation to
their first meeting: median, quartiles, extremes, and the count per whole day.
To compare with an older rule, run the same file with that checkout first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--now", default="2026-12-01T12:00", help="the demo's 'now', in UTC")
    args = parser.parse_args(argv)
    now = dt.datetime.fromisoformat(args.now).replace(tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcouncil.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from jobcouncil.councils.models import Membership
        from jobcouncil.programme.demo import seed_demo
        from jobcouncil.rounds.models import MatchingRound

        seed_demo(now=now)
        matching_round = MatchingRound.objects.get()
        confirmed = matching_round.confirmed_at
        hours = []
        for membership in Membership.objects.filter(
            council__matching_round_id=matching_round.pk, joined_at=confirmed
        ).select_related("council"):
            first = (
                membership.council.meetings.exclude(status="cancelled")
                .filter(starts_at__gte=membership.joined_at)
                .order_by("starts_at")
                .first()
            )
            hours.append((first.starts_at - confirmed).total_seconds() / 3600)
    hours.sort()
    quartiles = statistics.quantiles(hours, n=4)
    print(f"members placed by the demo's round: {len(hours)}")
    print(
        f"confirmation to first meeting, hours: median {statistics.median(hours):.1f}, "
        f"quartiles {quartiles[0]:.1f} / {quartiles[2]:.1f}, min {hours[0]:.1f}, "
        f"max {hours[-1]:.1f}"
    )
    per_day = Counter(int(h // 24) for h in hours)
    print("whole days: " + ", ".join(f"{d}d: {per_day[d]}" for d in sorted(per_day)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
