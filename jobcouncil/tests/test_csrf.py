"""Every write in the permission table refuses a post without the CSRF token: for each URL, the
people the table lets write post as a forged form would (signed in, no token) and get the
expired-form page (403) instead of the write. Uses the permission test's cast and table."""

from __future__ import annotations

import pytest
from django.test import Client

from jobcouncil.tests.test_permissions import (
    ROLES,
    Route,
    _sample_path,
    cast,  # noqa: F401  (the fixture)
    table,
    url_rows,
)

# The one write that needs no token: mail programs' one-click unsubscribe (RFC 8058) posts
# without one, and the secret token in the link is what it acts on.
CSRF_EXEMPT = {"notifications:unsubscribe"}


def _writable() -> list[Route]:
    rows = table()
    return [
        route
        for route in url_rows()
        if route.name not in CSRF_EXEMPT
        and any("W" in rows.get((route.name, route.path), {}).get(r, "") for r in ROLES)
    ]


@pytest.mark.parametrize("route", _writable(), ids=lambda r: r.name or r.path)
def test_a_post_without_the_csrf_token_is_refused(route, cast):  # noqa: F811
    users, args, tokens, _seeker = cast
    cells = table()[(route.name, route.path)]
    writers = [role for role in ROLES if "W" in cells[role]]
    for role in writers:
        client = Client(enforce_csrf_checks=True)
        if users[role] is not None:
            client.force_login(users[role])
        path = "/admin/auth/group/add/" if route.name == "admin:*" else None
        path = path or _sample_path(route, users, args, tokens, role)
        response = client.post(path, {})
        assert response.status_code == 403, (role, path, response.status_code)
        assert "That form could not be sent" in response.content.decode(), (role, path)


def test_one_click_unsubscribe_is_the_only_write_without_the_token(cast):  # noqa: F811
    users, _args, tokens, _seeker = cast
    path = "/email/unsubscribe/" + tokens["notifications:unsubscribe"] + "/"
    response = Client(enforce_csrf_checks=True).post(path, {})
    assert response.status_code in (200, 302)
