"""The production check refuses DEBUG and the default secret key."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_it_refuses_debug_and_the_default_secret_key(settings):
    settings.DEBUG = True
    with pytest.raises(SystemCheckError) as error:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    assert "jobcouncil.E001" in str(error.value)
    assert "jobcouncil.E002" in str(error.value)


def test_it_passes_with_production_settings(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "x" * 64
    call_command("check", "--deploy", "--fail-level", "ERROR")
