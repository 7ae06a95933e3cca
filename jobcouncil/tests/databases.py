"""The test database as a DATABASE_URL, for the commands and servers tests start in their own
processes (they must reach the very database the test wrote to)."""

from __future__ import annotations

from django.db import connection


def database_url(name: str | None = None, *, port: int | None = None) -> str:
    """This test's database (or another on the same server: `name`), optionally through
    another port on this machine (a proxy in front of PostgreSQL)."""
    db = connection.settings_dict
    name = name or db["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host, port = ("127.0.0.1", port) if port else (db["HOST"] or "127.0.0.1", db["PORT"] or 5432)
    return f"postgres://{db['USER']}{password}@{host}:{port}/{name}"
