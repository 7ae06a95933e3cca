"""Fuzzing the engine's input: whatever the applicants or councils files hold, the parser and
the CLI answer with a result or a documented error (MatchInputError, exit 2 and one short
line), never a traceback. Examples per test: the hypothesis profile (conftest.py)."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcouncil.matching.applicants import (
    REQUIRED_FIELDS,
    MatchInputError,
    parse_applicant_lines,
    parse_existing,
)
from jobcouncil.matching.cli import main

# A message names where, the id and the field (each cut to 80 characters) and the problem.
MESSAGE_MAX = 600

VALID = {
    "id": "a1",
    "seeker_type": "fast",
    "moderator": True,
    "timezone": "Europe/Berlin",
    "availability": ["mon 18:00-21:00", "wed 18:00-21:00"],
    "seniority": 3,
    "function": "product",
    "industry": "health",
    "applied_at": "2026-11-01T09:00:00+01:00",
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
# What a careless or hostile file puts where a field should be.
odd_field_values = st.one_of(
    json_values,
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ud800",
            "x" * 100_000,
            "9999-12-31T23:59:59+14:00",
            "0001-01-01T00:00:00+14:00",
            "0001-01-01T00:00:00-12:00",
            "2026-02-30T10:00:00+00:00",
            "mon 23:30-24:00",
            "sun 00:00-00:30",
            "mon 18:00-18:00",
            "Mars/Olympus",
            "UTC",
            10**40,
            -(10**40),
            1e308,
            [],
            {},
            [["["]],
        ]
    ),
)


@st.composite
def applicant_records(draw: st.DrawFn) -> dict:
    """A valid applicant with a few fields replaced, dropped or added."""
    record = dict(VALID, id=draw(st.text(min_size=1, max_size=12)))
    for name in draw(st.lists(st.sampled_from(REQUIRED_FIELDS), max_size=3, unique=True)):
        if draw(st.booleans()):
            record[name] = draw(odd_field_values)
        else:
            del record[name]
    if draw(st.booleans()):
        record[draw(st.text(max_size=8))] = draw(json_values)
    return record


def _line(record: object) -> str:
    try:
        return json.dumps(record, ensure_ascii=True)
    except ValueError:  # a float json cannot write
        return "null"


lines = st.one_of(
    applicant_records().map(_line),
    json_values.map(_line),
    st.text(max_size=200),
    st.sampled_from(["[" * 100_000, "{" * 50_000, '{"a":' * 20_000, "NaN", "Infinity", "\x00"]),
)


def _assert_documented(error: MatchInputError) -> None:
    text = str(error)
    assert 0 < len(text) <= MESSAGE_MAX, text[:300]


@given(st.lists(lines, max_size=6))
def test_any_applicants_file_parses_or_says_which_line_is_wrong(file_lines):
    try:
        list(parse_applicant_lines(file_lines, source="pool.jsonl"))
    except MatchInputError as error:
        _assert_documented(error)


@given(
    st.one_of(
        json_values,
        st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.text(max_size=6) | json_values,
                    "seeker_type": st.sampled_from(["fast", "slow", "x"]) | json_values,
                    "slots": st.lists(
                        st.sampled_from(["mon 18:00", "wed 18:00", "thu 18:30", "mon 18:15"])
                        | json_values,
                        max_size=3,
                    ),
                    "members": st.lists(applicant_records() | json_values, max_size=3),
                }
            ),
            max_size=3,
        ).map(lambda councils: {"councils": councils}),
    )
)
def test_any_councils_document_parses_or_says_what_is_wrong(document):
    try:
        parse_existing(document, source="councils.json")
    except MatchInputError as error:
        _assert_documented(error)


def _run(*argv: str) -> tuple[int, str, str]:
    """main(argv), its stdout and stderr, which are strict UTF-8 as on a terminal."""
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for _ in range(2))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, *(_text(stream) for stream in (out, err))


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


CLI = settings(suppress_health_check=[HealthCheck.too_slow], max_examples=100)


@CLI
@given(
    applicants=st.lists(lines, max_size=8),
    result=st.one_of(
        json_values.map(_line),
        st.text(max_size=100),
        st.just('{"councils":[{"members":5}]}'),
        st.builds(
            lambda councils: json.dumps({"councils": councils, "unplaced": [], "refilled": []}),
            st.lists(
                st.fixed_dictionaries(
                    {
                        "id": st.text(max_size=4),
                        "seeker_type": st.sampled_from(["fast", "slow"]),
                        "slots": st.lists(st.sampled_from(["mon 18:00", "wed 18:00"]), max_size=2),
                        "members": st.lists(st.sampled_from(["a1", "b2", 7, None]), max_size=8),
                        "moderator": st.sampled_from(["a1", "zz", None, 3]),
                    }
                ),
                max_size=2,
            ),
        ),
    ),
)
def test_the_cli_answers_any_files_with_a_result_or_one_short_error(applicants, result):
    with tempfile.TemporaryDirectory() as folder:
        pool, councils, out = (Path(folder) / name for name in ("p.jsonl", "r.json", "o.json"))
        pool.write_text("\n".join(applicants), encoding="utf-8", errors="surrogatepass")
        councils.write_text(result, encoding="utf-8", errors="surrogatepass")
        for argv in (
            ("match", str(pool), "-o", str(out), "--quiet", "--reference-date", "2026-11-30"),
            ("match-check", str(pool), str(councils)),
        ):
            code, _stdout, stderr = _run(*argv)
            assert code in (0, 1, 2), (argv, code, stderr[:300])
            assert "Traceback" not in stderr
            if code == 2:
                assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr[:300]
                assert len(stderr) <= MESSAGE_MAX + len(folder) * 2, stderr[:300]
