"""`jobcouncil seed-scale --seekers 100000`: a programme at scale, for benchmarks."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from jobcouncil.programme.scale import seed_scale


class Command(BaseCommand):
    help = "Fill an empty database with a programme of N seekers, written in bulk."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seekers", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=20261201)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        n = options["seekers"]
        if n < 20:
            raise CommandError("Use at least 20 seekers.")
        # About 40 rows per seeker: the bar's total is an estimate, corrected at the end.
        bar = tqdm(total=40 * n, unit="rows", unit_scale=True, disable=options["no_progress"])

        def progress(rows: int, stage: str) -> None:
            bar.set_description(stage, refresh=False)
            bar.update(rows)

        try:
            seeded = seed_scale(seekers=n, seed=options["seed"], progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.total = bar.n
            bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"{seeded.seekers:,} seekers, {seeded.waiting:,} waiting, "
                f"{seeded.councils:,} councils, {seeded.rounds} rounds."
            )
        )
        for label, rows in seeded.rows.items():
            self.stdout.write(f"  {label:<28} {rows:>12,}")
        for role, email in seeded.logins.items():
            self.stdout.write(f"  login {role:<10} {email}  password: council-demo-2026")
