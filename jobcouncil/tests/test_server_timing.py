"""SERVER_TIMING=true: each response tells the benchmark what it cost this server."""

import re

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

TIMING = "jobcouncil.lib.middleware.ServerTimingMiddleware"


def test_it_is_off_by_default(db, client):
    assert TIMING not in settings.MIDDLEWARE
    assert "Server-Timing" not in client.get("/healthz/")


@override_settings(MIDDLEWARE=[TIMING, *settings.MIDDLEWARE])
def test_it_reports_wall_cpu_and_database_time_with_the_query_count(db, client, seeker):
    header = client.get("/healthz/")["Server-Timing"]
    match = re.fullmatch(
        r'app;dur=([\d.]+), cpu;dur=([\d.]+), db;dur=([\d.]+);desc="(\d+) queries"', header
    )
    assert match, header
    wall, _cpu, db_time, queries = match.groups()
    assert queries == "1"  # healthz's SELECT 1
    assert float(db_time) <= float(wall)
    # A signed-in page counts every query of the request, the session's and the user's too.
    client.force_login(seeker)
    with CaptureQueriesContext(connection) as captured:
        header = client.get("/pool/")["Server-Timing"]
    assert re.search(r'desc="(\d+) queries"', header).group(1) == str(len(captured))
    assert len(captured) > 3
