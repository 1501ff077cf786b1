"""Files built to hurt the readers: deep nesting, huge counts, odd numbers, long runs.

Each is refused with one line naming the file (and the line where there is one), exit 2
from ``commonweal parse``, within 5 s and 512 MB; or, where the file is legal, read.
"""

import json
import time

import pytest

from commonweal.transcript import TranscriptError, parse_file
from commonweal.transcript.readers import bounds, read_document
from commonweal.transcript.readers.bounds import check_json_nesting
from tests.transcript.test_parse_command import run_parse

DEEP = "[" * 50_000 + "]" * 50_000


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("deep.json", DEEP, 1),
        ("deep.json", '{"segments": [\n{"text": "hi"},\n' + DEEP + "]}", 3),
        ("utterances.jsonl", '{"text": "hi"}\n{"text": ' + DEEP + "}\n", 2),
    ],
)
def test_json_nested_50000_deep_is_refused_naming_the_file_and_line(write, name, content, line):
    path = write(name, content)
    done, seconds = run_parse(path)
    assert done.returncode == 2
    assert done.stderr == f"{path}:{line}: JSON nested more than 100 deep; refused\n"
    assert seconds < 5


def test_brackets_inside_json_strings_do_not_count_as_nesting(write):
    text = "[" * 500 + ' \\" \\\\ ] {'
    path = write("t.json", json.dumps([{"speaker": "ANN", "text": text}]))
    assert [turn.label for turn in read_document(path).turns] == ["ANN"]


def test_the_nesting_limit_itself_is_allowed():
    check_json_nesting("[" * bounds.MAX_JSON_DEPTH + "]" * bounds.MAX_JSON_DEPTH, "t.json")
    with pytest.raises(TranscriptError):
        check_json_nesting("[" * (bounds.MAX_JSON_DEPTH + 1), "t.json")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('[{"text": "a", "start": NaN}]', "not valid JSON: NaN is not a number JSON allows"),
        ('[{"text": "a", "end": 1e400}]', "$[0].end: end must be a number of seconds"),
        ('[{"text": "a", "start": 1' + "0" * 5000 + "}]", "a number of more than 30 digits"),
    ],
)
def test_numbers_no_speech_tool_writes_are_refused_in_one_line(write, value, message):
    path = write("t.json", value)
    done, _ = run_parse(path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{path}") and message in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_json_file_of_a_million_tiny_objects_is_refused_before_it_is_loaded(write):
    path = write("many.json", "[" + ",".join(['{"text":"a"}'] * 1_100_000) + "]")
    started = time.monotonic()
    with pytest.raises(TranscriptError, match="more than 1,000,000 JSON objects and arrays"):
        read_document(path)
    assert time.monotonic() - started < 5


def test_more_utterances_than_the_limit_are_refused_before_they_are_parsed(write, monkeypatch):
    monkeypatch.setattr("commonweal.transcript.readers.segments.MAX_SEGMENTS", 10)
    monkeypatch.setattr(bounds, "MAX_SEGMENTS", 10)
    path = write("u.jsonl", '{"text": "hi", "speaker": "A"}\n' * 11)
    with pytest.raises(TranscriptError, match="more than 10 utterances in one file"):
        read_document(path)


def test_more_cues_than_the_limit_are_refused_at_the_cue_that_passes_it(write, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_SEGMENTS", 3)
    cues = "".join(f"00:0{n}.000 --> 00:0{n}.500\nA: hi\n\n" for n in range(5))
    with pytest.raises(TranscriptError) as refused:
        read_document(write("t.vtt", "WEBVTT\n\n" + cues))
    assert str(refused.value).endswith(":9: more than 3 cues in one file; refused")


def test_one_speaker_for_a_hundred_thousand_segments_reads_in_seconds(write):
    # Each segment used to be added to the turn's text one at a time: minutes at 16 MB.
    path = write("one.json", json.dumps([{"text": "yes"}] * 100_000))
    started = time.monotonic()
    document = read_document(path)
    assert time.monotonic() - started < 5
    assert len(document.turns) == 1 and document.turns[0].text == " ".join(["yes"] * 100_000)


def test_segments_of_one_speaker_join_with_their_times_and_annotations(write):
    segments = [
        {"speaker": "ANN", "text": "Hello [laughter]", "start": 0, "end": 1},
        {"text": "again", "start": 1, "end": 2.5},
        {"speaker": "ANN", "text": " ", "start": 2.5},
        {"speaker": "BOB", "text": "Hi", "start": 3, "end": 4},
    ]
    turns = read_document(write("t.json", json.dumps(segments))).turns
    assert [(t.label, t.text, t.start, t.end) for t in turns] == [
        ("ANN", "Hello again", 0.0, 2.5),
        ("BOB", "Hi", 3.0, 4.0),
    ]
    assert [(a.kind, a.offset) for a in turns[0].annotations] == [("laughter", 5)]


def test_a_pdf_with_more_pages_than_the_limit_is_refused(write, monkeypatch):
    from tests.transcript.test_transcript_readers import _pdf

    monkeypatch.setattr("commonweal.transcript.readers.office.MAX_PDF_PAGES", 0)
    path = write("t.pdf", _pdf(["ALICE: hello"]))
    with pytest.raises(TranscriptError, match="more than 0 pages; refused"):
        parse_file(path)


def test_a_docx_whose_zip_needs_a_future_version_is_refused_in_one_line(write):
    # Found by fuzzing: zipfile raised NotImplementedError, a traceback.
    from tests.transcript.test_transcript_hostile_properties import _docx

    data = bytearray(_docx(b"<w:document/>"))
    data[data.index(b"PK\x01\x02") + 6] = 92  # the "version needed to extract": 9.2
    path = write("t.docx", bytes(data))
    with pytest.raises(TranscriptError, match="not a readable zip archive"):
        parse_file(path)


def test_a_pdf_whose_page_tree_holds_itself_is_refused(write):
    from tests.transcript.test_transcript_readers import _pdf

    data = _pdf(["ALICE: hello"]).replace(b"/Kids [3 0 R] /Count 1", b"/Kids [2 0 R] /Count 9")
    with pytest.raises(TranscriptError, match="its page tree loops"):
        parse_file(write("t.pdf", data))


def test_a_meeting_of_more_turns_than_the_limit_is_refused(write, monkeypatch):
    monkeypatch.setattr("commonweal.transcript.readers.MAX_TURNS", 2)
    path = write("t.txt", "ALICE: One.\n\nBOB: Two.\n\nALICE: Three.\n")
    with pytest.raises(TranscriptError, match="more than 2 turns in one meeting"):
        parse_file(path)


def test_a_text_transcript_of_one_giant_line_is_read_in_seconds(write):
    # Every paragraph was searched whole for a date: 2 MB of one line took 5 s, 16 MB 42 s.
    path = write("one-line.txt", "John Smith 12 March 2019 " * 160_000)
    started = time.monotonic()
    with pytest.raises(TranscriptError, match="no speech found"):
        parse_file(path)
    assert time.monotonic() - started < 5


def test_the_turn_past_the_limit_is_refused_as_it_is_read_not_after(write, monkeypatch):
    # A new speaker on every line costs the reader most; it must stop at the limit rather
    # than read the whole file first (15 MB of such lines took 6 s to refuse).
    monkeypatch.setattr("commonweal.transcript.turntable.MAX_TURNS", 1_000)
    names = ("Ann", "Bob", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ida", "Jo")
    lines = (f"{a} {b}{c.lower()}: hi\n" for a in names for b in names for c in names * 100)
    path = write("many-speakers.txt", "".join(lines))
    started = time.process_time()
    with pytest.raises(TranscriptError, match="more than 1,000 turns in one meeting"):
        parse_file(path)
    assert time.process_time() - started < 1.0
