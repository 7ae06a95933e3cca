"""The pool page's estimate: from the programme's recent record, or from the simulator's
figures (with their date) while the record is too short; and what would make it sooner."""

from __future__ import annotations

import json

import pytest

from jobcouncil.pool import estimate


@pytest.fixture
def simulated(tmp_path, monkeypatch):
    """The simulator's file, as bench/programme.py --write-estimate writes it."""
    path = tmp_path / "simulated_wait.json"
    path.write_text(
        json.dumps(
            {
                "measured_on": "2026-12-02",
                "days_to_first_meeting": {"fast": 1.8, "slow": 3.4},
            }
        )
    )
    monkeypatch.setattr(estimate, "SIMULATED_FILE", path)
    estimate._document.cache_clear()
    yield path
    estimate._document.cache_clear()


def _page(client) -> str:
    return " ".join(client.get("/pool/").content.decode().split())


def test_without_a_record_it_gives_the_simulators_figure_and_its_date(simulated, seeker, as_user):
    page = _page(as_user(seeker))
    assert "Our own record is still too short to say" in page
    assert "(2 December 2026)" in page
    assert "had their first council meeting within 1.8 days of joining" in page


def test_a_slow_seeker_reads_the_slow_figure(simulated, db, as_user):
    from jobcouncil.tests import factories

    slow = factories.make_seeker(seeker_type="slow")
    assert "within 3.4 days of joining" in _page(as_user(slow))


def test_with_a_record_it_gives_the_record_not_the_simulation(
    simulated, seeker, as_user, monkeypatch
):
    from jobcouncil.pool import views

    # The rounds' record (its own tests: rounds/tests/test_wait_estimate.py) says 2 days.
    monkeypatch.setattr(views, "recent_wait_days", lambda seeker_type: 2)
    page = _page(as_user(seeker))
    assert "placed in a council within about 2 days of joining" in page
    assert "next meeting at least a day later" in page
    assert "simulation" not in page


def test_without_a_record_or_a_file_it_says_it_cannot_estimate(
    seeker, as_user, tmp_path, monkeypatch
):
    monkeypatch.setattr(estimate, "SIMULATED_FILE", tmp_path / "missing.json")
    estimate._document.cache_clear()
    try:
        assert "enough recent placements to estimate yet" in _page(as_user(seeker))
    finally:
        estimate._document.cache_clear()


def test_the_committed_file_has_a_date_and_both_figures():
    estimate._document.cache_clear()
    for seeker_type in ("fast", "slow"):
        figure = estimate.simulated_wait(seeker_type)
        assert figure is not None
        assert 0 < figure.days < 30


def test_it_says_what_would_make_it_sooner(seeker, as_user):
    page = _page(as_user(seeker))
    assert "What would make it sooner" in page
    assert 'href="/me/availability/"' in page
    assert 'href="/me/moderating/"' in page


def test_volunteers_are_not_asked_to_volunteer(moderator, as_user):
    page = _page(as_user(moderator))
    assert "What would make it sooner" in page
    assert 'href="/me/moderating/"' not in page
