"""The round list: small stats per round, never the results, and nothing left in a cycle."""

import gc

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test.client import RequestFactory

from jobcouncil.rounds.models import MatchingRound


def _round(n_unplaced=2000, **fields):
    result = {
        "stats": {"placed": 6, "applicants": 6 + n_unplaced},
        "councils": [],
        "refilled": [],
        "unplaced": [{"id": f"u{i}", "reason": "no common time"} for i in range(n_unplaced)],
    }
    fields.setdefault("status", MatchingRound.Status.CONFIRMED)
    return MatchingRound.objects.create(
        seeker_types=["fast"], result=result, stats=result["stats"], **fields
    )


def test_it_shows_each_rounds_stats_without_loading_results(
    staff, as_user, django_assert_num_queries
):
    for _ in range(3):
        _round()
    client = as_user(staff)
    with django_assert_num_queries(6) as captured:
        response = client.get("/pool/rounds/")
    assert response.status_code == 200
    assert response.content.decode().count("6 / 2006") == 3
    listing = [q["sql"] for q in captured.captured_queries if "pool_matchinground" in q["sql"]]
    assert listing and not any('"result"' in sql for sql in listing)


@pytest.fixture
def wsgi_get(staff, client):
    """GET through the WSGI handler as gunicorn would: no test client keeping references."""
    client.force_login(staff)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    handler = WSGIHandler()
    # The handler would close the test's database connection at the end of each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def get(path):
        environ = RequestFactory()._base_environ(
            PATH_INFO=path, REQUEST_METHOD="GET", HTTP_COOKIE=cookie
        )
        statuses = []
        response = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(response)
        response.close()
        return statuses[0]

    yield get
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _cyclic_garbage_after(get, path):
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert get(path) == "200 OK"
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_request_leaves_no_round_in_cyclic_garbage(wsgi_get):
    for _ in range(3):
        _round()
    wsgi_get("/pool/rounds/")  # warm caches: URL resolvers, templates, translations
    garbage = _cyclic_garbage_after(wsgi_get, "/pool/rounds/")
    assert [o for o in garbage if isinstance(o, MatchingRound)] == []
    few = len(garbage)
    for _ in range(17):
        _round()
    more = _cyclic_garbage_after(wsgi_get, "/pool/rounds/")
    # What little is left in cycles (the request, its form) does not grow with the page.
    assert [o for o in more if isinstance(o, MatchingRound)] == []
    assert len(more) == few
