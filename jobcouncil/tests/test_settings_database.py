"""Production settings keep database connections open across requests, with health checks."""

import json
import os
import subprocess
import sys


def _database_settings(**env):
    code = (
        "import json; from django.conf import settings; d = settings.DATABASES['default'];"
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DB_CONN")}
    environ.update(DJANGO_SETTINGS_MODULE="jobcouncil.settings", SECRET_KEY="x" * 64, **env)
    out = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_production_keeps_connections_for_a_minute_with_health_checks():
    assert _database_settings(DEBUG="false") == [60, True]


def test_local_use_opens_a_connection_per_request():
    assert _database_settings(DEBUG="true") == [0, True]


def test_both_can_be_set_from_the_environment():
    assert _database_settings(
        DEBUG="false", DB_CONN_MAX_AGE="300", DB_CONN_HEALTH_CHECKS="false"
    ) == [300, False]
