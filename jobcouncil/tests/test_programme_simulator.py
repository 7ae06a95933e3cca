"""bench/programme.py, the simulator of the programme, on a small run: its rules hold (nobody
in two councils, councils of the engine's sizes with a moderator who is a volunteer, first
meetings after the notice period on the council's own slots) and its figures are consistent."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "programme.py"


@pytest.fixture(scope="module")
def programme():
    spec = importlib.util.spec_from_file_location("bench_programme", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_programme"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench_programme"]


@pytest.fixture(scope="module")
def runs(programme):
    s = programme.Settings(
        days=8, arrivals=60, volunteers=0.15, seed=3, round_hours=12, horizon_days=3
    )
    name, engine = programme.engine_place_one()
    people = programme.make_people(s)
    out = {}
    for cadence, continuous in (("continuous", True), ("nightly", False)):
        run = programme.Run(cadence, s, continuous, programme.fresh_copies(people, s), engine)
        run.simulate()
        out[cadence] = run
    return out


def test_nobody_sits_in_two_councils_and_every_council_keeps_the_rules(runs):
    for run in runs.values():
        seen = {}
        for c in run.councils:
            if not c.alive:
                continue
            assert 1 <= len(c.members) <= 8
            assert c.moderator in c.members
            assert run.people[c.moderator].volunteer
            for pid in c.members:
                assert pid not in seen, "someone is in two councils"
                seen[pid] = c.cid
                person = run.people[pid]
                assert person.state == "member" and person.council == c.cid
                assert person.fast == c.fast
                assert c.mask & ~person.starts == 0, "a member cannot attend a slot"
        assert all(run.people[pid].state == "waiting" for pid in run.waiting)


def test_first_meetings_come_after_the_notice_on_the_councils_slots(runs):
    for run in runs.values():
        placed = [p for p in run.people if p.first_meeting is not None]
        assert placed
        for p in placed:
            assert p.placed_at <= p.first_seated
            assert p.first_meeting >= p.first_seated + run.s.notice_hours - 1e-9
            c = run.councils[p.first_council]
            assert round(p.first_meeting * 2) % 336 in c.slots
            # No sooner meeting of that council was far enough ahead.
            assert p.first_meeting - c.next_meeting(p.first_seated + run.s.notice_hours) < 1e-9


def test_the_continuous_cadence_places_people_sooner_than_nightly_rounds(runs, programme):
    cont = programme.type_figures(runs["continuous"], True)
    nightly = programme.type_figures(runs["nightly"], True)
    assert cont["people"] == nightly["people"] > 0
    assert runs["continuous"].place_one_placed > 0
    assert runs["nightly"].place_one_calls == 0
    assert cont["median"] < nightly["median"]
    for figures in (cont, nightly):
        assert 0 <= figures["placed7"] <= figures["placed14"] <= figures["ever"] <= 1
        assert figures["median"] <= figures["p90"] or math.isinf(figures["p90"])


def test_the_report_prints_both_cadences(runs, programme, capsys):
    programme.print_report(list(runs.values()), "test engine")
    out = capsys.readouterr().out
    assert out.count("continuous fast") == 1 and out.count("nightly    slow") == 1
    assert "Waiting in the pool" in out and "dissolved" in out and "lead a council" in out
