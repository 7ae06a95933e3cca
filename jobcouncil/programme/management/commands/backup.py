"""`jobcouncil backup [--output FILE]`: the whole database to one file, safe while the app runs."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobcouncil.programme.backups import (
    BackupError,
    database_backup,
    database_describe,
    default_backup_name,
)


class Command(BaseCommand):
    help = (
        "Back up the whole database to one file: SQLite through its online backup API, "
        "PostgreSQL through pg_dump (custom format). Restore it with `jobcouncil restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", type=Path, help="the file to write (default: jobcouncil-DATE.*)"
        )
        parser.add_argument("--database", default="default", help="a DATABASES alias")

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        try:
            output = options["output"] or default_backup_name(alias=alias)
            self.stdout.write(f"Backing up {database_describe(alias=alias)} to {output} ...")
            backup = database_backup(output=output, alias=alias)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {backup.path} ({backup.size / 1e6:.1f} MB, "
                f"{backup.seconds:.1f} s). Restore it with: jobcouncil restore {backup.path}"
            )
        )
