"""`jobcouncil backup` and `jobcouncil restore`: the whole database to one file and back.

SQLite goes through its online backup API (a consistent copy while the app runs, and a
restore that replaces the database in one transaction); PostgreSQL through pg_dump's custom
format and pg_restore in a single transaction. Either way a restore that fails leaves the
database as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
# What `migrate` writes by itself: a database holding only these is empty.
MIGRATE_FILLS = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
POSTGRESQL_CLIENT = "postgresql-client"  # the Debian package with pg_dump and pg_restore


class BackupError(Exception):
    """Something the person running the command can fix; the message says what."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    seconds: float


@dataclass(frozen=True)
class Restore:
    source: Path
    target: str
    tables: int
    seconds: float
    migrations_pending: int


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups work on SQLite and PostgreSQL, not on {vendor}.")
    return vendor


def database_describe(*, alias: str = "default") -> str:
    """The database in words, without its password: 'the SQLite database /srv/db.sqlite3'."""
    db = connections[alias].settings_dict
    if _vendor(alias) == "sqlite":
        return f"the SQLite database {db['NAME']}"
    return (
        f"the PostgreSQL database {db['NAME']} on {db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    )


def default_backup_name(*, alias: str = "default") -> Path:
    suffix = "sqlite3" if _vendor(alias) == "sqlite" else "pgdump"
    return Path(f"jobcouncil-{timezone.now():%Y%m%d-%H%M%S}.{suffix}")


def tables_with_data(*, alias: str = "default") -> list[str]:
    """The tables holding rows other than those `migrate` writes by itself."""
    connection = connections[alias]
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return []
    skip = MIGRATE_FILLS | {settings.CACHE_TABLE}
    found = []
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names(cursor)) - skip):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                found.append(table)
    return found


def database_backup(*, output: Path, alias: str = "default") -> Backup:
    """Write the whole database to `output`, through a temporary file beside it, so a backup
    that fails halfway never looks like a finished one."""
    started = time.monotonic()
    output = output.resolve()
    if not output.parent.is_dir():
        raise BackupError(f"There is no folder {output.parent} to write the backup into.")
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if _vendor(alias) == "sqlite":
            _sqlite_backup(connections[alias].settings_dict["NAME"], partial)
        else:
            _pg_run(
                "pg_dump", ["--format=custom", "--no-password", f"--file={partial}"], alias=alias
            )
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path=output, size=output.stat().st_size, seconds=time.monotonic() - started)


def database_restore(*, source: Path, force: bool = False, alias: str = "default") -> Restore:
    """Replace the database with the backup in `source`, all or nothing.

    Refuses a database that holds data unless `force`, and a file that is not a backup of
    this kind of database."""
    started = time.monotonic()
    vendor = _vendor(alias)
    _check_backup_file(source, vendor=vendor)
    if vendor == "postgresql":
        _pg_run("pg_restore", ["--list", str(source)], alias=alias, stdout=subprocess.DEVNULL)
    if not force and (filled := tables_with_data(alias=alias)):
        listed = ", ".join(filled[:5]) + (f" and {len(filled) - 5} more" if len(filled) > 5 else "")
        raise BackupError(
            f"{_first_upper(database_describe(alias=alias))} already holds data ({listed}). "
            "Restoring would replace all of it: run the restore again with --force to do that."
        )
    connections[alias].close()  # hold no lock of our own while the database is replaced
    if vendor == "sqlite":
        _sqlite_restore(source, connections[alias].settings_dict["NAME"])
    else:
        # --clean --if-exists drops what the backup holds before recreating it (a database
        # just made by `migrate` has the same tables); --single-transaction with
        # --exit-on-error undoes everything if any statement fails.
        _pg_run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                "--no-privileges",
                "--no-password",
                str(source),
            ],
            alias=alias,
            dbname_flag=True,
        )
    connection = connections[alias]
    tables = len(connection.introspection.table_names())
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return Restore(
        source=source,
        target=database_describe(alias=alias),
        tables=tables,
        seconds=time.monotonic() - started,
        migrations_pending=pending,
    )


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check_backup_file(source: Path, *, vendor: str) -> None:
    if not source.is_file():
        raise BackupError(f"There is no file {source}.")
    with source.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    kind = (
        "sqlite" if head.startswith(SQLITE_MAGIC) else "postgresql" if head[:5] == PG_MAGIC else ""
    )
    if not kind:
        raise BackupError(
            f"{source} is not a backup made by `jobcouncil backup` "
            "(neither a SQLite database nor a pg_dump custom-format file)."
        )
    if kind != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"{source} is a {names[kind]} backup and this database is {names[vendor]}: "
            "restore it into a database of the same kind."
        )
    if kind == "sqlite":
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
                verdict = backup.execute("PRAGMA quick_check").fetchone()[0]
                has_migrations = backup.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
                ).fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is damaged: SQLite says {error}.") from error
        if verdict != "ok":
            raise BackupError(f"{source} is damaged: SQLite's check says {verdict}.")
        if not has_migrations:
            raise BackupError(f"{source} is a SQLite database but not a jobcouncil one.")


def _sqlite_backup(database: str, partial: Path) -> None:
    # The online backup API copies a consistent snapshot while the app keeps writing.
    source = sqlite3.connect(database, timeout=20)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        # One self-contained file (no -wal beside it), checked before it counts.
        target.execute("PRAGMA journal_mode=DELETE")
        verdict = target.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(f"The copy failed SQLite's check: {verdict}.")
    finally:
        target.close()
        source.close()


def _sqlite_restore(source: Path, database: str) -> None:
    # The backup API again, backwards: the whole copy is one write transaction on the live
    # database, so the app's other connections see the old database or the new one, never a
    # mix, and a failure leaves the old one.
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(database, timeout=20)
    try:
        backup.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore {source}: {error}.") from error
    finally:
        target.close()
        backup.close()


def _pg_run(
    tool: str,
    args: list[str],
    *,
    alias: str,
    dbname_flag: bool = False,
    stdout: int | None = None,
) -> None:
    """Run pg_dump or pg_restore on the database; the password goes in the environment, never
    on a command line other users can read."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} is not installed. On Debian or Ubuntu: apt-get install {POSTGRESQL_CLIENT}"
        )
    db = connections[alias].settings_dict
    env = os.environ.copy()
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    options = db.get("OPTIONS") or {}
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "options"):
        if options.get(key):
            env[f"PG{key.upper()}"] = str(options[key])
    database = [f"--dbname={db['NAME']}"] if dbname_flag or tool == "pg_dump" else []
    result = subprocess.run(
        [path, *database, *args],
        env=env,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()
        detail = " / ".join(said[:5])[:1000] or f"exit status {result.returncode}"
        raise BackupError(f"{tool} failed, nothing was changed: {detail}")
