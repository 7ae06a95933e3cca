"""A real SMTP server for tests (aiosmtpd on a free local port), and what it received.

The server keeps every message it accepts, parsed, with the clock's time when it arrived. It
can be told to answer the next messages with 451 (try again later), or be stopped so that
connections are refused, and started again on the same port."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import socket
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from aiosmtpd.controller import Controller

URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class Received:
    to: list[str]
    message: EmailMessage
    at: dt.datetime  # the (test's) clock when the server accepted it

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def date(self) -> dt.datetime:
        """The Date header: when the sender says it sent it."""
        return parsedate_to_datetime(str(self.message["Date"])).astimezone(dt.UTC)

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None, "no plain-text part"
        return part.get_content()

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        assert part is not None, "no HTML part"
        return part.get_content()

    def links(self, containing: str) -> list[str]:
        """The plain-text part's links whose address contains `containing`."""
        return [url for url in URL.findall(self.text) if containing in url]

    def link(self, containing: str) -> str:
        (url,) = set(self.links(containing))
        return url

    def attachments(self) -> list[tuple[str, str, bytes]]:
        return [
            (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            for part in self.message.iter_attachments()
        ]


class Inbox:
    """aiosmtpd's handler: accepts and keeps messages, or answers 451 while told to."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.deferred = 0  # messages answered 451
        self.defer_next = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self._lock:
            if self.defer_next:
                self.defer_next -= 1
                self.deferred += 1
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            self.received.append(
                Received(list(envelope.rcpt_tos), message, dt.datetime.now(dt.UTC))
            )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        return self.inbox.received

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        """Connections are refused until start() again."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self) -> dict[str, object]:
        """Django settings that send through this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 10,
        }

    def env(self) -> dict[str, str]:
        """The environment for a process (a worker) that sends through this server."""
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false"}
