"""The fixed cast every view test uses: a seeker, a stranger, a moderator and staff."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import time_machine
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from jobcouncil.tests import factories
from jobcouncil.tests.browser import browser_page  # noqa: F401  (a shared fixture)

# Every test starts at this instant (a Tuesday afternoon in UTC, northern winter), so no answer
# depends on the day it runs, the hour or daylight saving: a test about a moment moves the clock
# there itself (the time_machine fixture, tick=False). The clock runs on from it, for code that
# waits on time; a test takes seconds, far from any hour boundary. Browser tests keep the real
# clock: the browser judges the server's cookies by its own; so do tests marked real_clock, whose
# other processes (a task worker) read the real one.
CLOCK_STARTS_AT = dt.datetime(2026, 12, 1, 15, 0, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock(request):
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker("real_clock"):
        yield
        return
    with time_machine.travel(CLOCK_STARTS_AT, tick=True):
        yield


# Property and fuzz tests: in CI and by default, a bounded number of examples per test and the
# same ones every run (derandomized, no example database), so a red run reruns red;
# HYPOTHESIS_PROFILE=explore looks ten times further with fresh random examples.
hypothesis_settings.register_profile(
    "ci", max_examples=200, derandomize=True, database=None, deadline=None, print_blob=True
)
hypothesis_settings.register_profile("explore", max_examples=2000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _on_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only prove row locks SQLite does not have (it serialises every
    write instead, which the other concurrency tests check): on SQLite they are counted and
    reported as left to the PostgreSQL lane, never passed silently."""
    marked = [item for item in items if item.get_closest_marker("postgres_only")]
    config.stash[_POSTGRES_ONLY] = len(marked)
    if _on_postgresql():
        return
    reason = (
        "postgres_only: runs in the PostgreSQL lane "
        "(DATABASE_URL=postgres://postgres@127.0.0.1:5432/test, as .ci/run does)"
    )
    for item in marked:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter, config):
    count = config.stash.get(_POSTGRES_ONLY, 0)
    if count:
        where = "ran on PostgreSQL" if _on_postgresql() else "NOT run here: SQLite has no row locks"
        terminalreporter.write_line(f"postgres_only: {count} tests {where}")


_POSTGRES_ONLY = pytest.StashKey[int]()


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
def _fresh_cache(request):
    """Every test with a database starts and ends with an empty cache (which is in the
    database: tests without one have no cache to clear)."""
    from django.core.cache import cache, caches

    caches["local"].clear()
    names = set(request.fixturenames)
    if not (names & {"db", "transactional_db"} or request.node.get_closest_marker("django_db")):
        yield
        return
    # The database first (as the test's marker or fixtures want it), so the clear can reach it.
    request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fellow(db):
    return factories.make_seeker("fellow@example.org", display_name="Fran Fellow")


@pytest.fixture
def alumnus(db):
    return factories.make_seeker("alumnus@example.org", display_name="Al Alumnus")


@pytest.fixture
def council(seeker, fellow, moderator, alumnus):
    """The cast's council: moderator, seeker, fellow, an alumnus who landed, and 3 more."""
    from jobcouncil.councils.models import Membership

    others = [factories.make_seeker() for _ in range(3)]
    council = factories.make_council(moderator, [seeker, fellow, alumnus, *others])
    Membership.objects.filter(council=council, user=alumnus).update(
        status=Membership.Status.LANDED, left_at=timezone.now()
    )
    return council


@pytest.fixture
def outsider(db, stranger):
    """A member of another council: the stranger of every council test."""
    others = [factories.make_seeker() for _ in range(5)]
    factories.make_council(factories.make_moderator(), [stranger, *others])
    return stranger
