"""`jobcouncil restore FILE [--force]`: replace the database with a backup, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobcouncil.programme.backups import BackupError, database_describe, database_restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `jobcouncil backup`, in one "
        "transaction. Refuses a database that already holds data unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a file written by `jobcouncil backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )
        parser.add_argument("--database", default="default", help="a DATABASES alias")

    def handle(self, *args: Any, **options: Any) -> None:
        alias, source = options["database"], options["file"]
        try:
            self.stdout.write(
                f"Restoring {source} into {database_describe(alias=alias)}: everything in it "
                "is replaced by the backup, in one transaction (on any error nothing changes)."
            )
            restore = database_restore(source=source, force=options["force"], alias=alias)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {restore.tables} tables from {restore.source} in "
                f"{restore.seconds:.1f} s."
            )
        )
        if restore.migrations_pending:
            self.stdout.write(
                f"The backup is from an older version: run `jobcouncil migrate` "
                f"({restore.migrations_pending} migrations to apply)."
            )
