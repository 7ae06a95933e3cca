"""The task worker killed with SIGKILL in the middle of sending an email, then restarted.

A real `jobcouncil db_worker` sends through a real local SMTP server, which holds the first
delivery open until the worker has been killed (so the kill lands inside the task, not
before or after it). The restarted worker alone never picks the dead task up again:
django-tasks leaves it RUNNING. The hourly upkeep puts it back in line once it has been
running too long, the outbox hands the email to exactly one of the tasks that then run, and
the email arrives once."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobcouncil.notifications.emails import email_moderator_approved
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.notifications.tasks import STUCK_RUNNING_AFTER, stuck_tasks_requeue
from jobcouncil.tests import factories
from jobcouncil.tests.databases import database_url

# The worker is another process, on the real clock: this test keeps it too.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_clock]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class HoldFirstDelivery:
    """An SMTP server's handler: the first message is held until released, then refused
    (the sender died meanwhile, so nothing was delivered); later ones are delivered."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()
        self.delivered: list[tuple[list[str], bytes]] = []
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.attempts += 1
        if self.attempts == 1:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 120)
            return "451 4.3.0 Try again later"
        self.delivered.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _start_worker(smtp_port: int, log) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "JOBCOUNCIL_TESTING"} | {
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        # As in production: with DEBUG the worker runs under an autoreloader, and the pid
        # killed would be the reloader's, not the worker's.
        "DEBUG": "false",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jobcouncil.cli",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait_for(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.2)


@pytest.fixture
def smtp():
    handler = HoldFirstDelivery()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    handler.release.set()
    controller.stop()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_killed_mid_send_is_recovered_and_the_email_arrives_once(smtp, tmp_path):
    handler, smtp_port = smtp
    staff = factories.make_user("new-moderator@example.org")
    email = email_moderator_approved(user=staff, note="Welcome aboard", decided_at=timezone.now())
    assert email is not None
    (task,) = DBTaskResult.objects.all()
    log = (tmp_path / "worker.log").open("w")

    worker = _start_worker(smtp_port, log)
    try:
        assert handler.holding.wait(90), (tmp_path / "worker.log").read_text()
        task.refresh_from_db()
        email.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING
        assert email.status == OutboxEmail.Status.SENDING
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        handler.release.set()
        if worker.poll() is None:
            worker.kill()

    worker = _start_worker(smtp_port, log)
    try:
        # Nothing comes back by itself: the dead task stays RUNNING, the email claimed.
        assert stuck_tasks_requeue(now=timezone.now()) == 0
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING

        # The hourly upkeep, once the task has run too long for a live worker.
        with time_machine.travel(timezone.now() + STUCK_RUNNING_AFTER + dt.timedelta(minutes=1)):
            call_command("periodic", stdout=open(os.devnull, "w"))

        def all_done() -> bool:
            open_tasks = DBTaskResult.objects.exclude(
                status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
            )
            return not open_tasks.exists()

        _wait_for(all_done, "the worker to finish every task")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT, (
        email.last_error,
        (tmp_path / "worker.log").read_text()[-3000:],
    )
    assert email.attempts == 2  # the killed send, then the one that worked
    assert [to for to, _ in handler.delivered] == [["new-moderator@example.org"]]
    results = sorted(DBTaskResult.objects.values_list("status", "return_value"))
    # The dead task ran again, and the upkeep's retry found the email already taken.
    assert results == [
        (TaskResultStatus.SUCCESSFUL, "already claimed"),
        (TaskResultStatus.SUCCESSFUL, "sent"),
    ]


def test_only_tasks_running_longer_than_any_task_takes_are_put_back_in_line():
    now = timezone.now()

    def task_row(status, started_minutes_ago):
        return DBTaskResult.objects.create(
            status=status,
            started_at=now - dt.timedelta(minutes=started_minutes_ago),
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="jobcouncil.notifications.tasks.send_outbox_email",
            backend_name="default",
            run_after=now,
            exception_class_path="",
            traceback="",
        )

    dead = task_row(TaskResultStatus.RUNNING, 31)
    busy = task_row(TaskResultStatus.RUNNING, 5)
    done = task_row(TaskResultStatus.SUCCESSFUL, 120)
    assert stuck_tasks_requeue(now=now) == 1
    statuses = {t.pk: t.status for t in DBTaskResult.objects.all()}
    assert statuses == {
        dead.pk: TaskResultStatus.READY,
        busy.pk: TaskResultStatus.RUNNING,
        done.pk: TaskResultStatus.SUCCESSFUL,
    }
