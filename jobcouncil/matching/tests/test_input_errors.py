"""Bad input: exit status 2, a message naming line, id, field and problem, and no output."""

from __future__ import annotations

import json
import re

import pytest

from jobcouncil.matching.applicants import MatchInputError, parse_applicant, parse_existing
from jobcouncil.matching.cli import main
from jobcouncil.matching.engine import match

from .factory import applicant, group, options, record


def run_match(tmp_path, lines: list[str]):
    source = tmp_path / "applicants.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "councils.json"
    status = main(["match", str(source), "-o", str(output), "--reference-date", "2026-11-30"])
    return status, output


def good_lines(n: int = 3) -> list[str]:
    return [json.dumps(record()) for _ in range(n)]


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ({"timezone": "Mars/Olympus"}, "field 'timezone': unknown timezone 'Mars/Olympus'"),
        (
            {"availability": ["mon 18:15-19:00"]},
            "field 'availability': window 'mon 18:15-19:00' is not on the 30-minute grid",
        ),
        ({"availability": ["mon 20:00-19:00"]}, "does not end after it starts"),
        ({"availability": ["someday"]}, "field 'availability': window 'someday' is not like"),
        ({"availability": "mon 18:00-19:00"}, "field 'availability': must be a list"),
        ({"seniority": 7}, "field 'seniority': must be an integer 1 to 6, got 7"),
        ({"seniority": 0}, "field 'seniority': must be an integer 1 to 6, got 0"),
        ({"seniority": "3"}, "field 'seniority': must be an integer 1 to 6"),
        ({"seeker_type": "medium"}, "field 'seeker_type': must be 'fast' or 'slow'"),
        ({"moderator": "yes"}, "field 'moderator': must be true or false"),
        ({"applied_at": "yesterday"}, "field 'applied_at': not an ISO 8601 timestamp"),
        ({"applied_at": "2026-09-01T10:00:00"}, "field 'applied_at': timestamp has no UTC offset"),
        ({"function": 12}, "field 'function': must be a string"),
    ],
)
def test_it_names_line_id_field_and_problem_for_a_bad_value(tmp_path, capsys, bad, expected):
    broken = record(id="bad-one", **bad)
    status, output = run_match(tmp_path, [*good_lines(2), json.dumps(broken)])
    err = capsys.readouterr().err
    assert status == 2
    assert "applicants.jsonl:3: id 'bad-one': " in err
    assert expected in err
    assert not output.exists()


def test_it_names_the_missing_field(tmp_path, capsys):
    broken = record(id="no-zone")
    del broken["timezone"]
    status, output = run_match(tmp_path, [json.dumps(broken)])
    assert status == 2
    assert "applicants.jsonl:1: id 'no-zone': field 'timezone': missing field" in (
        capsys.readouterr().err
    )
    assert not output.exists()


def test_it_reports_bad_json_with_its_line(tmp_path, capsys):
    status, output = run_match(tmp_path, [*good_lines(1), '{"id": "a1", ', *good_lines(1)])
    err = capsys.readouterr().err
    assert status == 2
    assert "applicants.jsonl:2: bad JSON" in err
    assert not output.exists()


def test_it_reports_a_duplicate_id_and_where_it_was_first_seen(tmp_path, capsys):
    first = record(id="twin")
    status, output = run_match(tmp_path, [json.dumps(first), *good_lines(2), json.dumps(first)])
    assert status == 2
    assert "applicants.jsonl:4: id 'twin': field 'id': duplicate id (first on line 1)" in (
        capsys.readouterr().err
    )
    assert not output.exists()


def test_it_leaves_an_earlier_output_file_untouched_on_bad_input(tmp_path):
    output = tmp_path / "councils.json"
    output.write_text("previous result", encoding="utf-8")
    status, _ = run_match(tmp_path, [json.dumps(record(seniority=9))])
    assert status == 2
    assert output.read_text(encoding="utf-8") == "previous result"
    # No temporary file is left behind either.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["applicants.jsonl", "councils.json"]


def test_it_exits_2_when_the_input_file_does_not_exist(tmp_path, capsys):
    status = main(["match", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out.json")])
    assert status == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_it_exits_2_on_bad_options(tmp_path, capsys):
    source = tmp_path / "applicants.jsonl"
    source.write_text("\n".join(good_lines(1)), encoding="utf-8")
    output = tmp_path / "out.json"
    status = main(["match", str(source), "-o", str(output), "--min-size", "9"])
    assert status == 2
    assert "min-size" in capsys.readouterr().err
    assert not output.exists()


def test_the_api_raises_an_error_carrying_line_id_and_field():
    with pytest.raises(MatchInputError) as caught:
        parse_applicant(record(id="a9", timezone="Nowhere"), 12)
    assert (caught.value.line, caught.value.id, caught.value.field) == (12, "a9", "timezone")
    assert str(caught.value) == "line 12: id 'a9': field 'timezone': unknown timezone 'Nowhere'"


def test_the_api_refuses_an_applicant_who_is_already_in_an_existing_council():
    member = applicant()
    existing = parse_existing(
        [
            {
                "id": "old",
                "seeker_type": "slow",
                "slots": ["mon 18:00"],
                "members": [record(id=member.id)],
            }
        ]
    )
    with pytest.raises(MatchInputError, match="already a member of existing council 'old'"):
        match([member, *group(3)], existing=existing, options=options())


@pytest.mark.parametrize(
    ("council", "expected"),
    [
        ({"slots": ["mon 18:00"], "seeker_type": "fast"}, "a fast council has 2 slot(s)"),
        ({"slots": ["mon 18:00", "tue 18:00"], "seeker_type": "fast"}, "48 hours apart"),
        ({"slots": ["mon 18:10"]}, "not on the 30-minute grid"),
        ({"seeker_type": "quick"}, "must be 'fast' or 'slow'"),
    ],
)
def test_it_checks_existing_councils(council, expected):
    data = {"id": "old", "seeker_type": "slow", "slots": ["mon 18:00"], "members": []}
    data.update(council)
    with pytest.raises(MatchInputError, match=re.escape(expected)):
        parse_existing([data])


def test_a_line_nested_too_deeply_is_bad_json_on_that_line(tmp_path, capsys):
    status, output = run_match(tmp_path, [*good_lines(2), "[" * 100_000])
    err = capsys.readouterr().err
    assert status == 2
    assert (
        err == "error: " + str(tmp_path / "applicants.jsonl") + ":3: bad JSON: nested too deeply\n"
    )
    assert not output.exists()


def test_existing_councils_or_a_result_nested_too_deeply_are_bad_input(tmp_path, capsys):
    pool = tmp_path / "pool.jsonl"
    pool.write_text("\n".join(good_lines(2)) + "\n", encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["match", str(pool), "-o", str(out), "--existing", str(deep)]) == 2
    assert "deep.json: bad JSON: nested too deeply" in capsys.readouterr().err
    assert main(["match-check", str(pool), str(deep)]) == 2
    assert "deep.json: bad JSON: nested too deeply" in capsys.readouterr().err


@pytest.mark.parametrize(
    "document",
    [
        {"councils": [{"members": 5}]},
        {"councils": [{"members": [1, 2]}]},
        {"councils": [5]},
        {"councils": {"a": 1}},
        {"refilled": [{"council": "x", "added": 3}]},
        {"unplaced": [{"id": ["x"]}]},
        [1, 2],
    ],
)
def test_match_check_on_something_that_is_not_a_result_is_bad_input(tmp_path, capsys, document):
    pool = tmp_path / "pool.jsonl"
    pool.write_text("\n".join(good_lines(2)) + "\n", encoding="utf-8")
    result = tmp_path / "result.json"
    result.write_text(json.dumps(document), encoding="utf-8")
    assert main(["match-check", str(pool), str(result)]) == 2
    captured = capsys.readouterr()
    assert "result.json: not a result document" in captured.err
    assert captured.err.count("\n") == 1


def test_a_huge_value_is_cut_in_the_message(tmp_path, capsys):
    huge = "x" * 60_000_000
    status, _ = run_match(tmp_path, [json.dumps(record(id=huge, seniority=9))])
    err = capsys.readouterr().err
    err = err[err.index("error: ") :]  # after the reading bar a 60 MB file shows
    assert status == 2
    assert len(err) < 400
    assert "id 'xxxxxxxx" in err and "…" in err
    assert "field 'seniority': must be an integer 1 to 6, got 9" in err


def test_a_huge_window_is_cut_in_the_message(tmp_path, capsys):
    status, _ = run_match(tmp_path, [json.dumps(record(id="a1", availability=["m" * 10**6]))])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err) < 400
    assert "is not like 'mon 18:00-21:00'" in err
