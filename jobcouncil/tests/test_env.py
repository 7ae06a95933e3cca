"""Settings read from the environment fail loudly on a bad value (lib/env.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from jobcouncil.lib.dates import months_before
from jobcouncil.lib.env import env_months


@pytest.mark.parametrize(
    ("raw", "months"),
    [("24", 24), (" 6 ", 6), ("0", None), ("off", None), ("OFF", None), ("", None)],
)
def test_a_number_of_months_or_off(monkeypatch, raw, months):
    monkeypatch.setenv("X_MONTHS", raw)
    assert env_months("X_MONTHS", 24) == months


def test_unset_is_the_default(monkeypatch):
    monkeypatch.delenv("X_MONTHS", raising=False)
    assert env_months("X_MONTHS", 24) == 24


@pytest.mark.parametrize("raw", ["-3", "two years", "1.5", "1201"])
def test_anything_else_is_refused_with_the_name(monkeypatch, raw):
    monkeypatch.setenv("X_MONTHS", raw)
    with pytest.raises(ImproperlyConfigured, match="X_MONTHS"):
        env_months("X_MONTHS", 24)


def test_months_before_counts_calendar_months_and_clamps_the_day():
    import datetime as dt

    moment = dt.datetime(2026, 3, 31, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 24) == dt.datetime(2024, 3, 31, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 25) == dt.datetime(2024, 2, 29, 12, 0, tzinfo=dt.UTC)
