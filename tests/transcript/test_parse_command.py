"""``commonweal parse`` as a person runs it: a subprocess, real files, bad ones too."""

import csv
import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

import commonweal.transcript
from tests.bad_inputs import BAD
from tests.bad_inputs import bad_inputs as make_bad_inputs

SCHEMA = json.loads(
    (Path(commonweal.transcript.__file__).parent / "parse.schema.json").read_text(encoding="utf-8")
)
MEMORY_LIMIT = 512 * 1024 * 1024


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_parse(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "commonweal", "parse", *args],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limit_memory,
    )
    return done, time.monotonic() - started


def test_the_kobe_json_validates_against_the_published_schema(kobe_path, kobe_roster_path):
    done, _ = run_parse(kobe_path, "--roster", kobe_roster_path, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    jsonschema.validate(data, SCHEMA)
    meeting = data["meeting"]
    assert (meeting["date"], meeting["start"], meeting["end"], meeting["timezone"]) == (
        "2019-03-12",
        "08:30",
        "09:30",
        "JST",
    )
    assert sum(group["share"] for group in data["groups"]) == pytest.approx(1, abs=1e-12)
    assert all(turn["person"] for turn in data["turns"] if turn["speaker"] != ">>")


def test_the_schema_refuses_output_that_breaks_the_contract():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"meeting": {}}, SCHEMA)


def test_the_table_lists_participants_by_share_then_groups_topics_and_candidates(write):
    path = write(
        "m.txt",
        "ANN LEE: one two three four.\n\nBOB RAY: I suggest one thing.\n\nANN LEE: yes.\n",
    )
    roster = write("r.csv", "name,group,role\nAnn Lee,board,chair\nBob Ray,ncsg,member\n")
    done, _ = run_parse(path, "--roster", roster, "--format", "table")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    positions = [out.index(h) for h in ("PARTICIPANTS", "GROUPS", "TOPICS", "CANDIDATES")]
    assert positions == sorted(positions)
    assert out.index("ANN LEE") < out.index("BOB RAY")  # 5 words before 4
    assert "I suggest one thing." in out


def test_csv_has_one_row_per_turn_with_its_speaker_and_text(write):
    path = write("m.txt", "ANN LEE: Hello, all.\n\nBOB RAY: Hi.\n")
    done, _ = run_parse(path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(row["speaker"], row["text"]) for row in rows] == [
        ("ANN LEE", "Hello, all."),
        ("BOB RAY", "Hi."),
    ]


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    return make_bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gets_one_line_naming_the_file_and_status_2_quickly(bad_inputs, name):
    path = str(bad_inputs[name])
    done, elapsed = run_parse(path, "--format", "json")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().split("\n")
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(path)
    assert "Traceback" not in done.stderr
    assert elapsed < 5


def test_the_line_of_a_malformed_vtt_cue_is_named(bad_inputs):
    done, _ = run_parse(str(bad_inputs["malformed.vtt"]))
    assert done.stderr.startswith(f"{bad_inputs['malformed.vtt']}:3:")


def test_a_broken_roster_is_named_too(write):
    transcript = write("m.txt", "ANN LEE: Hello.\n")
    roster = write("r.yaml", "people: [unclosed\n")
    done, _ = run_parse(transcript, "--roster", roster)
    assert done.returncode == 2
    assert done.stderr.startswith(roster)


def test_an_unknown_option_is_one_line_and_status_2():
    done, _ = run_parse("x.txt", "--format", "xml")
    assert done.returncode == 2
    assert len(done.stderr.strip().split("\n")) == 1


def test_the_schema_in_the_documentation_is_the_one_the_tests_use():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")
    section = docs.split("## The `commonweal parse --format json` contract")[1]
    block = section.split("```json\n")[1].split("```")[0]
    assert json.loads(block) == SCHEMA


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_gb18030_and_utf16_transcripts_parse_like_utf8(write, encoding):
    text = "马跃然 (GORAN MARBY): 我是马跃然。\n\n>> 跳舞？\n"
    path = write(f"m.{encoding}.txt", text.encode(encoding))
    done, _ = run_parse(path, "--format", "json")
    assert done.returncode == 0, done.stderr
    turns = json.loads(done.stdout)["turns"]
    assert [(t["speaker"], t["text"]) for t in turns] == [
        ("马跃然", "我是马跃然。"),
        (">>", "跳舞？"),
    ]


def test_convokit_option_writes_a_corpus_beside_the_json(write, tmp_path):
    path = write("m.txt", "ANN LEE: Hello.\n\nBOB RAY: Hi.\n")
    folder = tmp_path / "corpus"
    done, _ = run_parse(path, "--format", "json", "--convokit", str(folder))
    assert done.returncode == 0, done.stderr
    lines = (folder / "utterances.jsonl").read_text(encoding="utf-8").splitlines()
    utterances = [json.loads(line) for line in lines]
    assert [(u["speaker"], u["text"]) for u in utterances] == [
        ("ANN LEE", "Hello."),
        ("BOB RAY", "Hi."),
    ]
    assert utterances[1]["reply_to"] == utterances[0]["id"]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(write):
    path = write("f.txt", 'MEETING\n\nALICE: =HYPERLINK("http://evil.example")\n\nBOB: @SUM(A1)\n')
    done, _ = run_parse(path, "--format", "csv")
    assert done.returncode == 0, done.stderr
    texts = [row["text"] for row in csv.DictReader(io.StringIO(done.stdout))]
    assert texts == ['\'=HYPERLINK("http://evil.example")', "'@SUM(A1)"]
