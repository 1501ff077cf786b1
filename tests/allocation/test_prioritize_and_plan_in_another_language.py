"""`commonweal prioritize` and `commonweal plan` with `--language`: the reasons and the table
in the reader's language from the shipped catalogue, the JSON's keys and codes unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from shared_pabulib import REPO

from commonweal.allocation.cli import plan_main, prioritize_main
from commonweal.allocation.language import language_named
from commonweal.allocation.reasons import reason_text

PLAN = REPO / "src" / "commonweal" / "allocation" / "examples" / "five_year_plan.yaml"
SMALL = """META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost;name
1;60;Library
2;50;Park
10;30;Bench
11;500;Bridge
12;5;Bin
VOTES
voter_id;vote
a;1,2,10
b;1,2,11
c;1
"""


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.pb"
    path.write_text(SMALL, encoding="utf-8")
    return path


def _json(main, argv, capsys) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _untranslated(english: str, code: str, language: str) -> str:
    return (
        f"{language}: the reason {code!r} reads as English ({english!r}); translate the "
        "engine's msgids in the catalogue (tests/allocation/"
        "test_engine_words_in_the_readers_language.py names them)"
    )


@pytest.mark.parametrize("rule", ["greedy", "mes", "phragmen", "max-welfare"])
def test_prioritize_words_each_reason_in_chinese_and_keeps_the_codes(small_file, capsys, rule):
    english = _json(prioritize_main, [str(small_file), "--rule", rule], capsys)
    chinese = _json(
        prioritize_main, [str(small_file), "--rule", rule, "--language", "zh-hans"], capsys
    )
    language = language_named("zh-hans")
    assert {k: v for k, v in chinese.items() if k != "explanations"} == {
        k: v for k, v in english.items() if k != "explanations"
    }
    for before, after in zip(english["explanations"], chinese["explanations"], strict=True):
        assert after["reason_code"] == before["reason_code"]
        assert after["reason_params"] == before["reason_params"]
        assert after["reason"] == reason_text(
            after["reason_code"], after["reason_params"], language
        )
        assert after["reason"] != before["reason"], _untranslated(
            before["reason"], after["reason_code"], "zh-hans"
        )


def test_zh_is_read_as_simplified_chinese(small_file, capsys):
    by_alias = _json(prioritize_main, [str(small_file), "--language", "zh"], capsys)
    by_code = _json(prioritize_main, [str(small_file), "--language", "zh-hans"], capsys)
    assert by_alias == by_code


def test_the_prioritize_table_speaks_french(small_file, capsys):
    assert prioritize_main([str(small_file), "--format", "table"]) == 0
    english = capsys.readouterr().out
    assert prioritize_main([str(small_file), "--format", "table", "--language", "fr"]) == 0
    french = capsys.readouterr().out
    assert english.startswith("rule: mes    budget: 100")
    head = french.splitlines()[2]
    assert head.split()[0] != "project", "translate the msgid 'project' (context: column…)"
    assert not french.startswith("rule:"), "translate the table's first line in French"


def test_plan_words_each_reason_in_russian_and_keeps_the_codes(capsys):
    english = _json(plan_main, [str(PLAN)], capsys)
    russian = _json(plan_main, [str(PLAN), "--language", "ru"], capsys)
    language = language_named("ru")
    assert [item["status"] for item in russian["items"]] == [
        item["status"] for item in english["items"]
    ]
    for before, after in zip(english["items"], russian["items"], strict=True):
        assert after["reason_code"] == before["reason_code"]
        assert after["reason_params"] == before["reason_params"]
        assert after["reason"] == reason_text(
            after["reason_code"], after["reason_params"], language
        )
        assert after["reason"] != before["reason"], _untranslated(
            before["reason"], after["reason_code"], "ru"
        )


def test_the_plan_table_writes_numbers_the_spanish_way(capsys):
    assert plan_main([str(PLAN), "--format", "table", "--language", "es"]) == 0
    spanish = capsys.readouterr().out
    assert "3.000.000" in spanish and "3,000,000" not in spanish


@pytest.mark.parametrize("command", ["prioritize", "plan"])
def test_an_unknown_language_is_one_line_and_exit_status_2(small_file, command):
    target = small_file if command == "prioritize" else PLAN
    done = subprocess.run(
        [sys.executable, "-m", "commonweal", command, str(target), "--language", "de"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"commonweal {command}: error: argument --language: 'de' is")
    assert "ar, en, es, fr, ru, zh-hans" in done.stderr
