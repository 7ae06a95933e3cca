"""Shared set-up for journeys in a real browser: Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connections

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def chromium_path() -> str:
    path = os.environ.get("JOBCOUNCIL_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("chromium is missing: run the tests with `make test`, which installs it")
    return path


@contextmanager
def open_browser_page() -> Iterator[Any]:
    """A fresh page in headless chromium; whatever happens (a browser that cannot start, a
    failing test), the process is left as it was found: Django's async guard restored and
    no database connection opened by Playwright's thread left behind."""
    # Playwright's sync API runs an event loop in this thread; the test itself only
    # reads Django state between steps, so Django's async guard can be relaxed here.
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(timezone_id="America/Chicago", locale="en-US")
                page = context.new_page()
                page.console_errors = []
                page.on(
                    "console",
                    lambda msg: (
                        page.console_errors.append(msg.text) if msg.type == "error" else None
                    ),
                )
                page.set_default_timeout(15000)
                yield page
            finally:
                browser.close()
    finally:
        # Queries made while Playwright's loop ran may have opened a connection of their
        # own; close them so PostgreSQL can drop the test database at the end.
        connections.close_all()
        if before is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = before


def log_in(page: Any, live_server: Any, user: Any) -> None:
    """The browser signed in as this person (None: signed out), without the login form."""
    from django.conf import settings
    from django.test import Client

    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.fixture
def browser_page(live_server: Any) -> Iterator[Any]:
    with open_browser_page() as page:
        yield page
