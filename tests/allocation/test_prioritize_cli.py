"""`commonweal prioritize`, in process and as the real program in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from shared_pabulib import REPO, shared_file

from commonweal.allocation.cli import prioritize_main

SMALL = """META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost;name
1;60;Library
2;50;Park
10;30;Bench
VOTES
voter_id;vote
a;1,2,10
b;1,2
c;1
"""


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.pb"
    path.write_text(SMALL, encoding="utf-8")
    return path


def _program(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "commonweal", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_prioritize_prints_the_json_contract(small_file, capsys):
    assert prioritize_main([str(small_file), "--rule", "greedy"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["rule"] == "greedy"
    assert document["selected"] == ["1", "10"]
    assert document["cost"] == 90 and document["budget"] == 100
    reasons = {e["project"]: e for e in document["explanations"]}
    assert reasons["2"]["selected"] is False
    assert "after 1" in reasons["2"]["reason"]


def test_prioritize_sorts_selected_ids_as_strings(small_file, capsys):
    prioritize_main([str(small_file), "--rule", "mes-add1"])
    selected = json.loads(capsys.readouterr().out)["selected"]
    assert selected == sorted(selected)


def test_prioritize_prints_a_table_with_one_line_per_project(small_file, capsys):
    assert prioritize_main([str(small_file), "--rule", "mes", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("rule: mes")
    assert sum(1 for line in out.splitlines() if line.split()[:1] in (["1"], ["2"], ["10"])) == 3


def test_the_program_runs_each_rule_on_a_real_file():
    path = shared_file("Poland_Wieliczka_2023_Green_Budget.pb")
    for rule in ("greedy", "mes", "mes-add1", "phragmen", "max-welfare"):
        result = _program("prioritize", str(path), "--rule", rule)
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["cost"] <= document["budget"]
        assert len(document["explanations"]) == 64


def test_the_program_reports_a_malformed_file_in_one_line_with_exit_status_2(tmp_path):
    path = tmp_path / "bad.pb"
    path.write_text(SMALL.replace("c;1", "c;7"), encoding="utf-8")
    result = _program("prioritize", str(path), "--rule", "mes")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == [f"commonweal prioritize: {path}:14: voter 'c' votes for unknown project '7'"]


def test_a_negative_cost_is_refused_by_the_program(tmp_path):
    path = tmp_path / "negative.pb"
    path.write_text(SMALL.replace("2;50;Park", "2;-50;Park"), encoding="utf-8")
    result = _program("prioritize", str(path), "--rule", "greedy")
    assert result.returncode == 2
    assert f"{path}:8: project '2' has a negative cost" in result.stderr
    assert "Traceback" not in result.stderr


def test_phragmen_on_cumulative_ballots_is_a_clear_error(tmp_path, capsys):
    path = shared_file("Poland_Czestochowa_2020_Grabowka.pb")
    assert prioritize_main([str(path), "--rule", "phragmen"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "field 'vote_type'" in err and str(path) in err


def test_an_unknown_rule_is_a_usage_error_with_status_2(small_file, capsys):
    with pytest.raises(SystemExit) as exit_:
        prioritize_main([str(small_file), "--rule", "borda"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_missing_file_is_one_line_and_status_2(tmp_path, capsys):
    assert prioritize_main([str(tmp_path / "none.pb")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
