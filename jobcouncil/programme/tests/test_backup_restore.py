"""`jobcouncil backup` and `jobcouncil restore`, run as commands against real databases.

Every test runs on the database the suite runs on: SQLite by default, PostgreSQL (pg_dump and
pg_restore) when DATABASE_URL says so, as in CI's PostgreSQL lane."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time

import psycopg
import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import CalendarFeed, Council
from jobcouncil.notifications.emails import email_moderator_approved
from jobcouncil.notifications.models import EmailSubscription
from jobcouncil.programme.demo import seed_demo
from jobcouncil.rounds.models import MatchingSchedule, SeatFill
from jobcouncil.tests import factories
from jobcouncil.tests.databases import database_url
from jobcouncil.workbook import services as workbook_services

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = connection.vendor == "postgresql"


def _jobcouncil(*args: str, database: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The `jobcouncil` command in its own process, on the database named."""
    env = (
        os.environ
        | {"DATABASE_URL": database_url(database), "JOBCOUNCIL_TESTING": "1"}
        | (env or {})
    )
    return subprocess.run(
        [sys.executable, "-m", "jobcouncil.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _this_database() -> str:
    return connection.settings_dict["NAME"]


@pytest.fixture
def fresh_database(tmp_path):
    """The name of a database nobody has used: a new SQLite file, or a new PostgreSQL database
    (dropped again afterwards)."""
    if not ON_POSTGRESQL:
        yield str(tmp_path / "fresh.sqlite3")
        return
    name = f"{_this_database()}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _every_row(database: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows (sorted), read with the driver itself, not Django."""
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    if ON_POSTGRESQL:
        db = connection.settings_dict
        raw = psycopg.connect(
            dbname=database,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
        )
        names_sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        raw = sqlite3.connect(database)
        names_sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    try:
        cursor = raw.cursor()
        for (table,) in cursor.execute(names_sql).fetchall():
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [c[0] for c in cursor.description]
            tables[table] = (columns, sorted(cursor.fetchall(), key=repr))
        if ON_POSTGRESQL:
            # Sequences too: a restore that forgot them would fail the next insert.
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
            tables["(sequences)"] = (["name", "last_value"], sorted(cursor.fetchall()))
    finally:
        raw.close()
    return tables


def _fill_what_the_demo_leaves_empty() -> None:
    """One row or more in every table the demo programme leaves empty."""
    staff = User.objects.get(email="staff@demo.jobcouncil.org")
    seeker = User.objects.filter(is_staff=False).order_by("pk").first()
    group = Group.objects.create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="view_council"))
    staff.groups.add(group)
    staff.user_permissions.add(Permission.objects.get(codename="change_council"))
    EmailConfirmation.create(EmailAddress.objects.get(user=seeker))
    CalendarFeed.issue(seeker)
    MatchingSchedule.objects.update(enabled=True, seeker_types=["fast"], hour_utc=3)
    SeatFill.objects.create(
        council=Council.objects.first(), seeker_type="fast", waited_days=2, placed_at=timezone.now()
    )
    EmailSubscription.objects.create(user=seeker, unsubscribed_at=timezone.now())
    email_moderator_approved(user=staff, note="Welcome aboard", decided_at=timezone.now())
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(seeker.pk),
        object_repr=str(seeker),
        action_flag=ADDITION,
        change_message="[]",
    )
    workbook_services.contacts_import_preview(
        owner=seeker, data=b"Name,Email\nBo Chen,bo@example.org\n", filename="c.csv"
    )  # a pending import
    Client().force_login(seeker)  # a session row
    cache.set("backup-test", {"kept": True}, 3600)
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="jobcouncil.notifications.tasks.send_outbox_email",
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )


def test_a_backup_restored_into_a_fresh_database_gives_back_every_row_of_every_table(
    tmp_path, fresh_database
):
    seed_demo(now=timezone.now() - dt.timedelta(hours=1))
    _fill_what_the_demo_leaves_empty()
    before = _every_row(_this_database())
    empty = sorted(table for table, (_, rows) in before.items() if not rows)
    assert empty == [], f"add rows for these tables to _fill_what_the_demo_leaves_empty: {empty}"
    # Every model (allauth's, auth's, django-tasks' and ours) is among the tables compared.
    model_tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    assert model_tables <= set(before), model_tables - set(before)
    assert settings.CACHE_TABLE in before

    backup = tmp_path / "programme.backup"
    made = _jobcouncil("backup", "--output", str(backup), database=_this_database())
    assert made.returncode == 0, made.stderr
    assert "Backup written" in made.stdout and backup.stat().st_size > 10_000
    assert not list(tmp_path.glob("*.partial"))

    restored = _jobcouncil("restore", str(backup), database=fresh_database)
    assert restored.returncode == 0, restored.stderr
    assert "everything in it is replaced by the backup" in restored.stdout
    assert "Restored" in restored.stdout and "migrate" not in restored.stdout

    after = _every_row(fresh_database)
    assert sorted(after) == sorted(before)
    for table, (columns, rows) in before.items():
        assert after[table][0] == columns, table
        assert after[table][1] == rows, f"{table} differs after the restore"


def test_restore_refuses_a_database_with_data_unless_forced(tmp_path):
    factories.make_seeker("kept@example.org")
    backup = tmp_path / "one.backup"
    assert _jobcouncil("backup", "-o", str(backup), database=_this_database()).returncode == 0
    factories.make_seeker("later@example.org")
    connection.close()

    refused = _jobcouncil("restore", str(backup), database=_this_database())
    assert refused.returncode == 1
    assert "already holds data" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert User.objects.filter(email="later@example.org").exists()
    connection.close()

    forced = _jobcouncil("restore", str(backup), "--force", database=_this_database())
    assert forced.returncode == 0, forced.stderr
    assert set(User.objects.values_list("email", flat=True)) == {"kept@example.org"}


def test_a_database_made_by_migrate_alone_counts_as_empty(tmp_path):
    factories.make_seeker("kept@example.org")
    backup = tmp_path / "one.backup"
    assert _jobcouncil("backup", "-o", str(backup), database=_this_database()).returncode == 0
    User.objects.all().delete()  # what is left is what `migrate` wrote: content types etc.
    connection.close()

    restored = _jobcouncil("restore", str(backup), database=_this_database())
    assert restored.returncode == 0, restored.stderr
    assert list(User.objects.values_list("email", flat=True)) == ["kept@example.org"]


def test_a_damaged_backup_is_refused_and_changes_nothing(tmp_path):
    for n in range(30):
        factories.make_seeker(f"person{n}@example.org")
    backup = tmp_path / "whole.backup"
    assert _jobcouncil("backup", "-o", str(backup), database=_this_database()).returncode == 0
    cut = tmp_path / "cut.backup"
    whole = backup.read_bytes()
    if ON_POSTGRESQL:
        # Its table of contents intact, its last table's rows cut: pg_restore only finds out
        # after it has dropped and recreated everything else, which must then be undone.
        cut.write_bytes(whole[:-64])
        listed = subprocess.run(["pg_restore", "--list", str(cut)], capture_output=True)
        assert listed.returncode == 0
    else:
        cut.write_bytes(whole[: len(whole) * 2 // 3])
    User.objects.filter(email__startswith="person1").delete()
    before = _every_row(_this_database())
    connection.close()

    failed = _jobcouncil("restore", str(cut), "--force", database=_this_database())
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "damaged" in failed.stderr or "nothing was changed" in failed.stderr
    assert _every_row(_this_database()) == before


def test_a_file_that_is_no_backup_of_this_database_is_refused_in_plain_words(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    sqlite_file = tmp_path / "other.sqlite3"
    sqlite3.connect(sqlite_file).execute("CREATE TABLE t (x)").connection.close()
    pg_file = tmp_path / "other.pgdump"
    pg_file.write_bytes(b"PGDMP" + b"\x00" * 200)
    cases = {
        tmp_path / "missing.backup": "There is no file",
        junk: "is not a backup made by `jobcouncil backup`",
        # The kind this database is not, then a file of its kind that is not a backup.
        (sqlite_file if ON_POSTGRESQL else pg_file): "restore it into a database of the same kind",
        (pg_file if ON_POSTGRESQL else sqlite_file): (
            "pg_restore failed"
            if ON_POSTGRESQL
            else "is a SQLite database but not a jobcouncil one"
        ),
    }
    for path, words in cases.items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(path), "--force")
        assert words in str(refused.value)


def test_without_the_postgresql_tools_it_names_the_package_to_install(tmp_path):
    # No server is reached: the missing tool is found first (PATH holds only Python).
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    env = {"PATH": str(bin_dir)}
    url = {"DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    backup = _jobcouncil("backup", "-o", str(tmp_path / "x"), database="x", env=env | url)
    assert backup.returncode == 1
    assert "pg_dump is not installed" in backup.stderr
    assert "apt-get install postgresql-client" in backup.stderr
    dump = tmp_path / "x.pgdump"
    dump.write_bytes(b"PGDMP" + b"\x00" * 200)
    restore = _jobcouncil("restore", str(dump), database="x", env=env | url)
    assert restore.returncode == 1
    assert "pg_restore is not installed" in restore.stderr


def test_a_backup_taken_while_people_write_is_a_consistent_snapshot(tmp_path, fresh_database):
    """Sign-ups keep arriving while the backup runs (each one a user and their address in one
    transaction): none of them waits or fails, and the backup holds whole sign-ups only."""
    stop, written, failures = threading.Event(), [], []

    def sign_ups() -> None:
        try:
            while not stop.is_set():
                with transaction.atomic():
                    written.append(factories.make_user().pk)
        except Exception as error:  # reported below, in the test's own thread
            failures.append(error)
        finally:
            connection.close()

    writer = threading.Thread(target=sign_ups)
    writer.start()
    try:
        _wait_until(lambda: len(written) >= 20)
        made = _jobcouncil("backup", "-o", str(tmp_path / "busy.backup"), database=_this_database())
        during = len(written)
        # Still writing after the backup finished: the writer was never blocked by it. (Wait
        # for the next sign-up rather than stopping at once, which raced on a busy machine.)
        _wait_until(lambda: len(written) > during or bool(failures))
    finally:
        stop.set()
        writer.join(timeout=60)
    assert made.returncode == 0, made.stderr
    assert failures == []

    restored = _jobcouncil("restore", str(tmp_path / "busy.backup"), database=fresh_database)
    assert restored.returncode == 0, restored.stderr
    tables = _every_row(fresh_database)
    users = {row[0] for row in tables["accounts_user"][1]}
    address_column = tables["account_emailaddress"][0].index("user_id")
    addressed = {row[address_column] for row in tables["account_emailaddress"][1]}
    assert len(users) >= 20
    assert users == addressed  # no user without their address, no address without its user


def _wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)
