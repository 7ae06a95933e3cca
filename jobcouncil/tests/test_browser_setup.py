"""The browser set-up leaves the process as it found it, even when chromium cannot start
(issue 7: a leaked DJANGO_ALLOW_ASYNC_UNSAFE made the deploy check fail later)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Error as PlaywrightError

from jobcouncil.tests.browser import ASYNC_UNSAFE, open_browser_page


def test_a_browser_that_cannot_start_leaves_no_async_override(monkeypatch, tmp_path):
    monkeypatch.delenv(ASYNC_UNSAFE, raising=False)
    monkeypatch.setenv("JOBCOUNCIL_CHROMIUM", str(tmp_path / "no-chromium-here"))
    with pytest.raises(PlaywrightError, match="no-chromium-here"):
        with open_browser_page():
            pytest.fail("the page opened without a browser")  # pragma: no cover
    assert ASYNC_UNSAFE not in os.environ


def test_a_value_set_before_is_put_back(monkeypatch, tmp_path):
    monkeypatch.setenv(ASYNC_UNSAFE, "already-set")
    monkeypatch.setenv("JOBCOUNCIL_CHROMIUM", str(tmp_path / "no-chromium-here"))
    with pytest.raises(PlaywrightError, match="no-chromium-here"):
        with open_browser_page():
            pytest.fail("the page opened without a browser")  # pragma: no cover
    assert os.environ[ASYNC_UNSAFE] == "already-set"
