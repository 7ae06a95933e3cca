"""The production check refuses DEBUG and a default or weak secret key; production settings
send HSTS for a year and trust a proxy's https header only when told there is a proxy."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

GOOD_KEY = "p7Hq-2vLx9Kc_WmR4tZbN8sYdF3gJ6uA1eQoVh5iXrCwTk0yPnBzUlSjMaGfDEI"


def test_it_refuses_debug_and_the_default_secret_key(settings):
    settings.DEBUG = True
    with pytest.raises(SystemCheckError) as error:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    assert "jobcouncil.E001" in str(error.value)
    assert "jobcouncil.E002" in str(error.value)


@pytest.mark.parametrize(
    "key", ["x", "x" * 64, "abcd" * 20, GOOD_KEY[:49], "django-insecure-" + GOOD_KEY]
)
def test_it_refuses_a_short_or_simple_secret_key(settings, key):
    settings.DEBUG = False
    settings.SECRET_KEY = key
    with pytest.raises(SystemCheckError) as error:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    assert "jobcouncil.E003" in str(error.value)


def test_it_passes_with_production_settings(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    call_command("check", "--deploy", "--fail-level", "ERROR")


def _production_settings(**env) -> dict:
    """The settings module as a fresh process reads it from these environment variables."""
    names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_PROXY_SSL_HEADER"]
    code = (
        "import json, jobcouncil.settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "BEHIND_"))}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"DEBUG": "false", "SECRET_KEY": GOOD_KEY} | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_production_sends_hsts_for_a_year_with_subdomains_and_trusts_no_proxy_by_default():
    values = _production_settings()
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_the_proxy_header_is_trusted_only_behind_a_proxy():
    values = _production_settings(BEHIND_PROXY="true")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
