"""The commands: match writes a result and a summary, match-check audits, match-sample writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from jobcouncil.matching.applicants import read_applicants
from jobcouncil.matching.cli import main


def sample(tmp_path, n=300, seed=3):
    pool = tmp_path / "pool.jsonl"
    assert main(["match-sample", "--n", str(n), "--seed", str(seed), "-o", str(pool)]) == 0
    return pool


def test_match_writes_the_councils_and_a_one_paragraph_summary(tmp_path, capsys):
    pool = sample(tmp_path)
    capsys.readouterr()
    out = tmp_path / "councils.json"
    status = main(["match", str(pool), "-o", str(out), "--reference-date", "2026-11-30"])
    assert status == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document) == {"councils", "refilled", "unplaced", "stats", "options"}
    stats = document["stats"]
    assert stats["applicants"] == 300
    assert stats["placed"] == sum(len(c["members"]) for c in document["councils"])
    summary = capsys.readouterr().out
    assert summary.count("\n") == 1
    assert f"Placed {stats['placed']:,} of 300 applicants" in summary
    assert "coverage by type: fast" in summary and "mean fit" in summary


def test_match_check_accepts_the_engine_result_and_prints_the_figures(tmp_path, capsys):
    pool = sample(tmp_path)
    out = tmp_path / "councils.json"
    main(["match", str(pool), "-o", str(out), "--reference-date", "2026-11-30", "--seed", "4"])
    capsys.readouterr()
    assert main(["match-check", str(pool), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "All hard rules hold (reference date 2026-11-30)." in printed
    assert "unplaced, " in printed


def test_match_check_exits_1_and_names_the_broken_rule(tmp_path, capsys):
    pool = sample(tmp_path)
    out = tmp_path / "councils.json"
    main(["match", str(pool), "-o", str(out), "--reference-date", "2026-11-30"])
    document = json.loads(out.read_text(encoding="utf-8"))
    first = document["councils"][0]
    document["unplaced"].append({"id": first["members"].pop(), "reason": "dropped"})
    first["members"] = first["members"][:3]
    out.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["match-check", str(pool), str(out)]) == 1
    printed = capsys.readouterr().out
    assert "BROKEN rule 1: council c-0001 has 3 members" in printed
    assert "BROKEN rule 6:" in printed


def test_match_check_uses_the_reference_date_given_over_the_recorded_one(tmp_path, capsys):
    pool = tmp_path / "pool.jsonl"
    person = {
        "seeker_type": "slow",
        "timezone": "America/New_York",
        "availability": ["mon 18:00-19:00"],
        "seniority": 2,
        "function": "data",
        "industry": "media",
        "applied_at": "2026-09-01T00:00:00+00:00",
    }
    lines = [json.dumps({"id": f"n{k}", "moderator": k == 0, **person}) for k in range(6)]
    pool.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "councils.json"
    assert main(["match", str(pool), "-o", str(out), "--reference-date", "2026-11-30"]) == 0
    assert json.loads(out.read_text())["councils"][0]["slots"] == ["mon 23:00"]
    capsys.readouterr()
    # In July New York is on daylight time: 18:00 local is 22:00 UTC, not 23:00.
    assert main(["match-check", str(pool), str(out), "--reference-date", "2026-07-06"]) == 1
    assert "BROKEN rule 5:" in capsys.readouterr().out


def test_match_sample_is_realistic_and_the_same_for_the_same_seed(tmp_path):
    first = sample(tmp_path, n=2000, seed=7)
    text = first.read_text(encoding="utf-8")
    again = tmp_path / "again.jsonl"
    main(["match-sample", "--n", "2000", "--seed", "7", "-o", str(again)])
    assert again.read_text(encoding="utf-8") == text
    people = read_applicants(str(first))
    assert len(people) == 2000
    volunteers = sum(a.moderator for a in people) / 2000
    fast = sum(a.seeker_type == "fast" for a in people) / 2000
    assert 0.08 < volunteers < 0.12
    assert 0.62 < fast < 0.72
    zones = {a.timezone for a in people}
    assert {"Asia/Kolkata", "Australia/Adelaide", "Asia/Kathmandu"} <= zones
    seniority = [sum(a.seniority == s for a in people) for s in range(1, 7)]
    assert seniority[1] > seniority[5] * 3  # skewed towards the early career


def test_the_output_is_byte_for_byte_the_same_whatever_the_hash_seed(tmp_path):
    pool = sample(tmp_path, n=400, seed=5)
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"out{hash_seed}.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jobcouncil.matching.cli",
                "match",
                str(pool),
                "-o",
                str(out),
                "--reference-date",
                "2026-11-30",
                "--seed",
                "9",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        document = json.loads(out.read_text(encoding="utf-8"))
        document["stats"].pop("seconds")
        outputs.append(json.dumps(document))
    assert outputs[0] == outputs[1]


def test_match_refills_existing_councils_and_match_check_audits_them(tmp_path, capsys):
    person = {
        "seeker_type": "slow",
        "moderator": False,
        "timezone": "Asia/Kolkata",
        "availability": ["tue 20:00-22:00"],
        "seniority": 3,
        "function": "design",
        "industry": "retail",
        "applied_at": "2026-10-01T09:00:00+05:30",
    }
    pool = tmp_path / "pool.jsonl"
    pool.write_text(
        "\n".join(json.dumps({"id": f"new{k}", **person}) for k in range(3)) + "\n",
        encoding="utf-8",
    )
    existing = tmp_path / "existing.json"
    members = [{"id": f"old{k}", **person, "moderator": k == 0} for k in range(6)]
    # 20:00 in Kolkata (+05:30) is 14:30 UTC.
    council = {"id": "kolkata-1", "seeker_type": "slow", "slots": ["tue 14:30"], "members": members}
    existing.write_text(json.dumps([council]), encoding="utf-8")
    out = tmp_path / "councils.json"
    args = ["--reference-date", "2026-11-30", "--existing", str(existing)]
    assert main(["match", str(pool), "-o", str(out), *args]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["refilled"] == [{"council": "kolkata-1", "added": ["new0", "new1"]}]
    assert document["unplaced"] == [{"id": "new2", "reason": "councils at their slots are full"}]
    capsys.readouterr()
    assert main(["match-check", str(pool), str(out), "--existing", str(existing)]) == 0
    assert main(["match-check", str(pool), str(out)]) == 1
    assert "refills cannot be checked without --existing" in capsys.readouterr().out
