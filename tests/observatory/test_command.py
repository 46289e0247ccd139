"""``helhet observatory coordination FILE.csv``: the management command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from helhet.observatory.coordination import STATISTIC_NAMES


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("observatory", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def survey_path(tmp_path, seed004_csv) -> str:
    path = tmp_path / "survey.csv"
    path.write_text(seed004_csv, encoding="utf-8")
    return str(path)


def test_json_has_exactly_the_documented_keys(survey_path):
    out, err = _run("coordination", survey_path, "--json", "--seed", "1")
    data = json.loads(out)
    assert set(data) == {"method", "replications", "confidence", "seed", "units", "statistics"}
    assert data["method"] == "BCa"
    assert (data["replications"], data["confidence"], data["seed"]) == (10_000, 0.95, 1)
    assert data["units"] == 229
    assert [s["name"] for s in data["statistics"]] == list(STATISTIC_NAMES)
    for s in data["statistics"]:
        assert set(s) == {"name", "estimate", "ci"}
        assert s["ci"] is None or (isinstance(s["ci"], list) and len(s["ci"]) == 2)
    # Progress goes to standard error, never into the JSON.
    assert "Resampling 229 units" in err and "left out" in err


def test_options_reach_the_analysis_and_seed_is_null_without_one(survey_path):
    out, _err = _run(
        "coordination", survey_path, "--json", "--replications", "2000", "--confidence", "0.9"
    )
    data = json.loads(out)
    assert (data["replications"], data["confidence"], data["seed"]) == (2000, 0.9, None)


def test_same_seed_same_output(survey_path):
    first, _ = _run("coordination", survey_path, "--json", "--seed", "8", "--replications", "1000")
    again, _ = _run("coordination", survey_path, "--json", "--seed", "8", "--replications", "1000")
    assert first == again


def test_without_json_a_readable_table(survey_path):
    out, _err = _run("coordination", survey_path, "--seed", "1", "--replications", "1000")
    assert "BCa bootstrap, 1,000 replications, seed 1; 229 units" in out
    assert "left out as unsure or varies" in out
    assert "Day centre: share coordinated by the municipality" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("diff:day_centre "))
    assert "yes" in line
    assert "share:day_centre:other" in out and "none" in out


def test_a_malformed_file_fails_with_the_line_numbers(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "unit_id,unit_type,activity,coordinator\n"
        "1,nursing_home,day_centre,municipality\n"
        "2,nursing_home,karate,municipality\n"
        "1,nursing_home,day_centre,joint\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        _run("coordination", str(path), "--json")
    message = str(caught.value)
    assert f"{path}:3: Unknown activity “karate”" in message
    assert f"{path}:4: Unit “1” answers for day_centre twice (line 2)" in message
    assert "2 problem(s)" in message


def test_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        _run("coordination", str(tmp_path / "nowhere.csv"))


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--replications", "0", "between 1,000 and 100,000"),
        ("--replications", "many", "not a whole number"),
        ("--confidence", "1.5", "strictly between 0 and 1"),
        ("--confidence", "0", "strictly between 0 and 1"),
        ("--seed", "-3", "from 0"),
    ],
)
def test_bad_options_are_refused(survey_path, option, value, says):
    with pytest.raises(CommandError, match=says):
        _run("coordination", survey_path, option, value)


def test_the_helhet_script_exits_non_zero_with_the_message_on_stderr(tmp_path):
    path = Path(tmp_path / "bad.csv")
    path.write_bytes(b"unit_id,unit_type,activity,coordinator\n1,nursing_home,social,joint\n\xff\n")
    done = subprocess.run(
        [sys.executable, "-m", "helhet.cli", "observatory", "coordination", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert done.stdout == ""
    assert f"{path}:3: The file is not UTF-8 text" in done.stderr
