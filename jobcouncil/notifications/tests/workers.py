"""Other processes for the outbox tests: a real task worker, and one `outbox_send` that kills
itself with SIGKILL at a chosen point. Each reaches this test's database and SMTP server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import IO

from jobcouncil.tests.databases import database_url


def process_env(smtp_env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "JOBCOUNCIL_TESTING"} | {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "jobcouncil.settings",
        # As in production: with DEBUG the worker runs under an autoreloader, and the pid
        # killed would be the reloader's, not the worker's.
        "DEBUG": "false",
        **smtp_env,
    }


def start_worker(smtp_env: dict[str, str], log: IO) -> subprocess.Popen:
    """`jobcouncil db_worker`, polling every 0.1 s."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jobcouncil.cli",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
        ],
        env=process_env(smtp_env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


# One outbox_send in a process that SIGKILLs itself just before the SMTP conversation
# ("before": the claim is committed, nothing sent) or just after the server accepted the mail
# ("after": sent, the row not yet marked).
_DIE_WHILE_SENDING = """
import os, signal, sys
import django
django.setup()
from django.core.mail import EmailMultiAlternatives
from jobcouncil.notifications.tasks import outbox_send
email_id, when = int(sys.argv[1]), sys.argv[2]
send = EmailMultiAlternatives.send
def dying_send(self, *args, **kwargs):
    if when == "after":
        send(self, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
EmailMultiAlternatives.send = dying_send
outbox_send(email_id=email_id)
print("not killed")
"""


def send_and_die(email_id: int, when: str, smtp_env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _DIE_WHILE_SENDING, str(email_id), when],
        env=process_env(smtp_env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.2)
