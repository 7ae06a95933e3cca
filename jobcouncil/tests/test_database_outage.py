"""The database goes away for a while under a running app, then comes back.

A live gunicorn serves a signed-in page; the database is cut off under it (on PostgreSQL a
TCP proxy between the two is cut: first refusing, then silently swallowing connections; on
SQLite the folder holding the database file disappears). People get the calm 503 page with
Retry-After, /healthz/ answers 503, and once the database is back the same running app
serves the page again by itself."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from jobcouncil.programme.backups import database_backup
from jobcouncil.tests import factories
from jobcouncil.tests.databases import database_url

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = connection.vendor == "postgresql"
CONNECT_TIMEOUT = 2  # seconds the app waits for a silent database (DB_CONNECT_TIMEOUT)


class CuttableProxy:
    """A TCP proxy in front of PostgreSQL that can be cut and restored.

    Cut "refuse": every open connection is broken and new ones are closed at once (the
    database restarting). Cut "silent": new connections are accepted and never answered (a
    network that drops packets)."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.mode = "open"
        self.lock = threading.Lock()
        self.open_sockets: list[socket.socket] = []
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.mode == "refuse":
                client.close()
            elif self.mode == "silent":
                self.held.append(client)
            else:
                upstream = socket.create_connection(self.upstream)
                with self.lock:
                    self.open_sockets += [client, upstream]
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self, mode: str) -> None:
        self.mode = mode
        with self.lock:
            for s in self.open_sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            self.open_sockets.clear()

    def restore(self) -> None:
        self.mode = "open"
        for s in self.held:
            s.close()
        self.held.clear()

    def close(self) -> None:
        self.cut("refuse")
        self.listener.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login page, say) is an answer to look at


_opener = urllib.request.build_opener(_NoRedirects)


def _get(port: int, path: str, session: str | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if session:
        request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={session}")
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def app_and_cut(tmp_path):
    """A signed-in seeker's session, and a running gunicorn on this test's database, with
    ways to cut the database off and restore it."""
    seeker = factories.make_seeker("seeker@example.org", display_name="Sam Seeker")
    browser = Client()
    browser.force_login(seeker)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    if ON_POSTGRESQL:
        db = connection.settings_dict
        proxy = CuttableProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
        url = database_url(port=proxy.port)
        # Production's connection reuse, so recovery goes through the health check.
        env = {"DATABASE_URL": url, "DB_CONN_MAX_AGE": "60"}
        cuts = [(proxy.cut, "refuse"), (proxy.cut, "silent")]
        restore = proxy.restore
    else:
        # A copy of this test's database in a folder that can disappear (a lost disk); each
        # request opens the file afresh (an open one keeps working from its file handle).
        folder = tmp_path / "data"
        folder.mkdir()
        database_backup(output=folder / "db.sqlite3")
        away = tmp_path / "data-away"
        env = {"DATABASE_URL": database_url(str(folder / "db.sqlite3")), "DB_CONN_MAX_AGE": "0"}
        cuts = [(lambda _: folder.rename(away), "folder gone")]
        restore = lambda: away.rename(folder)  # noqa: E731
        proxy = None
    port = _free_port()
    environ = (
        os.environ
        | env
        | {
            "DEBUG": "false",
            "SECRET_KEY": settings.SECRET_KEY,  # the test's session cookie must be valid there
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
            "JOBCOUNCIL_TESTING": "1",  # plain static files: no collectstatic manifest here
        }
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as log_file:
        app = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "jobcouncil.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
            ],
            env=environ,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(port, "/healthz/")[0] == 200:
                    break
            except OSError:
                pass
            assert app.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        yield session, app, port, cuts, restore, log
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck on a silent database
            app.kill()
            app.wait(timeout=30)
        if proxy:
            proxy.close()


def test_people_get_a_calm_503_while_the_database_is_away_and_the_app_recovers_alone(
    app_and_cut,
):
    session, app, port, cuts, restore, log = app_and_cut
    page = reverse("accounts:profile")

    status, _, html = _get(port, page, session)
    assert status == 200 and "Sam Seeker" in html

    for cut, how in cuts:
        cut(how)
        for _ in range(2):  # the first request finds the connection broken, the next reconnects
            started = time.monotonic()
            status, headers, html = _get(port, page, session)
            assert status == 503, (how, status, html[:500])
            assert headers["Retry-After"] == "60"
            assert "reach our records just now" in html
            assert "try again in a minute" in html
            assert "Traceback" not in html and "OperationalError" not in html
            assert time.monotonic() - started < CONNECT_TIMEOUT + 10
        status, headers, text = _get(port, "/healthz/")
        assert (status, text) == (503, "database unavailable")
        assert headers["Retry-After"] == "60"

        restore()
        status, _, html = _get(port, page, session)
        assert status == 200, (how, html[:500])
        assert "Sam Seeker" in html
        assert _get(port, "/healthz/")[:1] == (200,)

    assert app.poll() is None  # the same app all along, never restarted
    assert "Booting worker" in log.read_text() and log.read_text().count("Booting worker") == 1
