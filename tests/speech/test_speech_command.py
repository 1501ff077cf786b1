"""``commonweal transcribe`` as a person runs it: a process, a real recording, its output."""

from __future__ import annotations

import json
import time


def test_the_command_writes_subtitles_with_the_names_given(exchange, tiny_model, run_transcribe):
    done = run_transcribe(
        exchange[0], "--model", tiny_model, "--speakers", "2", "--voice", "1=Ana Lima",
        "--format", "vtt",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress display when nobody watches
    assert done.stdout.startswith("WEBVTT\n\n1\n00:00:0")
    assert "<v Ana Lima>Good morning" in done.stdout
    assert "<v Voice 2>" in done.stdout


def test_with_a_roster_the_transcript_engine_measures_who_spoke(
    exchange, tiny_model, run_transcribe, tmp_path
):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,group,role\nAna Lima,civil-society,chair\n", encoding="utf-8")
    done = run_transcribe(
        exchange[0], "--model", tiny_model, "--speakers", "2", "--voice", "1=Ana Lima",
        "--roster", str(roster), "--format", "table",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == exchange[0]
    assert "2 speakers, language en" in lines[2]
    chair = next(line for line in lines if line.startswith("Ana Lima"))
    assert "civil-so" in chair


def test_the_default_output_is_the_speech_json(exchange, tiny_model, run_transcribe):
    done = run_transcribe(exchange[0], "--model", tiny_model, "--title", "Budget group")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["meeting"] == {"title": "Budget group"}
    assert data["segments"][0]["speaker"] == "Voice 1"
    assert data["segments"][0]["text"].startswith("Good morning")


def test_a_bad_roster_is_refused_before_any_recognition(exchange, run_transcribe, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,group,role\nAna Lima,Civil Society,chair\n", encoding="utf-8")
    started = time.monotonic()
    done = run_transcribe(exchange[0], "--roster", str(roster))
    assert done.returncode == 2
    assert done.stderr.startswith(f"{roster}:2: group 'Civil Society'")
    assert len(done.stderr.splitlines()) == 1
    assert time.monotonic() - started < 10


def test_a_malformed_option_is_one_line_and_status_2(exchange, run_transcribe):
    for args, words in (
        (["--voice", "Ana"], "'Ana' is not NUMBER=NAME"),
        (["--speakers", "0"], "from 1 to 20"),
        (["--format", "doc"], "invalid choice"),
    ):
        done = run_transcribe(exchange[0], *args)
        assert done.returncode == 2
        assert done.stderr.startswith("commonweal transcribe: ")
        assert words in done.stderr
        assert len(done.stderr.splitlines()) == 1


def test_an_unknown_language_is_refused_at_once(exchange, run_transcribe):
    done = run_transcribe(exchange[0], "--language", "xx")
    assert done.returncode == 2
    assert (
        done.stderr == f"{exchange[0]}: 'xx' is not a language code Whisper knows (en, zh, fr …)\n"
    )
