"""Exact query counts for views: the status is checked first (a 404 costs fewer queries), and
when the count changes the failure lists every query, numbered, so the change is plain."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def assert_queries(
    client: Client,
    path: str,
    expected: int,
    *,
    method: str = "get",
    data: dict[str, Any] | None = None,
    status: int = 200,
    htmx: bool = False,
) -> Any:
    """Request `path` once and fail unless it answers `status` in exactly `expected` queries."""
    headers = {"HX-Request": "true"} if htmx else {}
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data or {}, headers=headers)
    assert response.status_code == status, f"{path}: {response.status_code}, not {status}"
    if len(captured) != expected:
        listing = "\n".join(
            f"{number}. {query['sql']}" for number, query in enumerate(captured, start=1)
        )
        pytest.fail(f"{path}: {len(captured)} queries, expected {expected}:\n{listing}")
    return response
