"""The fixed cast every view test uses: a seeker, a stranger, a moderator and staff."""

from __future__ import annotations

import pytest

from jobcouncil.tests import factories
from jobcouncil.tests.browser import browser_page  # noqa: F401  (a shared fixture)


@pytest.fixture
def seeker(db):
    return factories.make_seeker("seeker@example.org", display_name="Sam Seeker")


@pytest.fixture
def stranger(db):
    return factories.make_seeker("stranger@example.org", display_name="Stella Stranger")


@pytest.fixture
def moderator(db):
    return factories.make_moderator("moderator@example.org", display_name="Mo Moderator")


@pytest.fixture
def staff(db):
    return factories.make_user("staff@example.org", is_staff=True)


@pytest.fixture
def newcomer(db):
    """Signed up and verified, nothing else yet."""
    return factories.make_user("new@example.org")


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
