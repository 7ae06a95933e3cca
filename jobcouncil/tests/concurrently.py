"""Run requests or service calls at the same moment, each on its own database connection.

For tests marked `django_db(transaction=True)`: every call runs in its own thread (so its own
connection, really concurrent on PostgreSQL; serialised by SQLite's IMMEDIATE transactions),
all released together by a barrier."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, in the order given; a call that raised gives its exception."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[index] = call()
        except BaseException as error:  # noqa: BLE001  (handed back to the test to assert on)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def signed_in(user) -> Client:
    """A client signed in as user that answers a server error with a 500, not an exception."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def same_session(client: Client) -> Client:
    """A second tab: another client carrying the same session cookie."""
    tab = Client(raise_request_exception=False)
    tab.cookies = client.cookies
    return tab


def slowed(method: Callable[..., Any], seconds: float = 0.3) -> Callable[..., Any]:
    """method, waiting first: patched onto a model's save, it holds every request between
    its check and its write, so two requests released together really overlap there."""

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(seconds)
        return method(*args, **kwargs)

    return slow
