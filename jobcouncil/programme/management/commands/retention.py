"""`jobcouncil retention [--dry-run]`: delete the people who left the programme more than
JOBCOUNCIL_RETENTION_MONTHS ago (programme/retention.py says who, precisely). The dry run
says how many and their ids, and changes nothing. `jobcouncil periodic` runs it every hour."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jobcouncil.programme.retention import retention_apply, retention_cutoff, retention_due

SHOWN_IDS = 50


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:SHOWN_IDS])
    more = len(ids) - SHOWN_IDS
    return shown + (f" and {more} more" if more > 0 else "")


class Command(BaseCommand):
    help = "Delete people who left the programme more than JOBCOUNCIL_RETENTION_MONTHS ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many and who (ids); change nothing."
        )
        parser.add_argument(
            "--months", type=int, help="Another limit than the setting's, e.g. for a dry run."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        months = options["months"] if options["months"] is not None else settings.RETENTION_MONTHS
        if months is not None and months < 1:
            raise CommandError("--months must be 1 or more.")
        if not months:
            self.stdout.write("retention: off (JOBCOUNCIL_RETENTION_MONTHS); nothing removed")
            return
        now = timezone.now()
        cutoff = retention_cutoff(now=now, months=months)
        if options["dry_run"]:
            ids = list(retention_due(now=now, months=months).values_list("pk", flat=True))
            self.stdout.write(
                f"retention (dry run): {len(ids)} people left the programme before "
                f"{cutoff:%Y-%m-%d %H:%M} UTC ({months} months); nothing changed"
                + (f"; ids: {_ids(ids)}" if ids else "")
            )
            return
        removed = retention_apply(now=now, months=months)
        self.stdout.write(
            f"retention: removed {len(removed)} people who left the programme before "
            f"{cutoff:%Y-%m-%d %H:%M} UTC ({months} months)"
            + (f"; ids: {_ids(removed)}" if removed else "")
        )
