"""Every format the engine reads, on small files written here."""

import json

import pytest

from commonweal.transcript import TranscriptError, parse_file
from commonweal.transcript.model import VOICE
from commonweal.transcript.writers import write_convokit


def test_a_docx_transcript_reads_like_the_text_one(tmp_path):
    import docx

    document = docx.Document()
    for line in (
        "KOBE – ICANN Board and NCSG Joint Meeting",
        "Tuesday, March 12, 2019 – 08:30 to 09:30 JST",
        "ICANN64 | Kobe, Japan",
        "MATTHEW SHEARS: Good morning, everyone.",
        "STEPHANIE PERRIN: Thank you, Matthew.",
    ):
        document.add_paragraph(line)
    path = tmp_path / "meeting.docx"
    document.save(path)
    result = parse_file(str(path))
    assert result.document.format == "docx"
    assert result.document.header.date == "2019-03-12"
    assert [(t.speaker, t.text) for t in result.turns] == [
        ("MATTHEW SHEARS", "Good morning, everyone."),
        ("STEPHANIE PERRIN", "Thank you, Matthew."),
    ]


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer, written by hand (one object per list entry)."""
    stream = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_a_pdf_transcript_rejoins_lines_wrapped_by_the_page(write):
    path = write(
        "meeting.pdf",
        _pdf(
            [
                "MATTHEW SHEARS: Good morning, this sentence",
                "wraps onto a second line.",
                "AVRI DORIA: Thanks.",
            ]
        ),
    )
    result = parse_file(path)
    assert result.document.format == "pdf"
    assert [(t.speaker, t.text) for t in result.turns] == [
        ("MATTHEW SHEARS", "Good morning, this sentence wraps onto a second line."),
        ("AVRI DORIA", "Thanks."),
    ]


VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.500
<v Matthew Shears>Good morning, everyone.

2
00:00:04.500 --> 00:00:06.000
<v Matthew Shears>Shall we start?

00:00:07.000 --> 00:00:10.000
<v Avri Doria>Yes. [laughter]
"""


def test_webvtt_voice_tags_give_speakers_and_exact_seconds(write):
    result = parse_file(write("meeting.vtt", VTT))
    assert result.duration_source == "timestamps"
    assert [(t.speaker, t.text, t.seconds) for t in result.turns] == [
        ("Matthew Shears", "Good morning, everyone. Shall we start?", 5.0),
        ("Avri Doria", "Yes.", 3.0),
    ]
    assert result.turns[1].annotations[0].kind == "laughter"
    assert result.participants[0].questions == 1


def test_a_vtt_cue_without_a_timing_line_is_refused_with_its_line(write):
    path = write("broken.vtt", "WEBVTT\n\n1\nno timing here\nHello\n")
    with pytest.raises(TranscriptError) as error:
        parse_file(path)
    assert str(error.value).startswith(f"{path}:3: malformed cue")


def test_srt_with_name_prefixes_gives_speakers_and_times(write):
    srt = (
        "1\n00:00:00,000 --> 00:00:02,000\nMATTHEW SHEARS: Welcome.\n\n"
        "2\n00:00:02,000 --> 00:00:05,500\nAVRI DORIA: Thank you.\n"
    )
    result = parse_file(write("meeting.srt", srt))
    assert [(t.speaker, t.text, t.seconds) for t in result.turns] == [
        ("MATTHEW SHEARS", "Welcome.", 2.0),
        ("AVRI DORIA", "Thank you.", 3.5),
    ]


def test_json_segments_from_speech_to_text_merge_consecutive_segments_of_a_speaker(write):
    data = {
        "segments": [
            {"start": 0.0, "end": 2.0, "speaker": "SPEAKER_00", "text": " Hello there."},
            {"start": 2.0, "end": 3.5, "speaker": "SPEAKER_00", "text": " Second sentence."},
            {"start": 4.0, "end": 6.0, "speaker": "SPEAKER_01", "text": " Hi."},
        ]
    }
    result = parse_file(write("stt.json", json.dumps(data)))
    assert result.document.format == "json-segments"
    assert [(t.speaker, t.text, t.seconds) for t in result.turns] == [
        ("SPEAKER_00", "Hello there. Second sentence.", 3.5),
        ("SPEAKER_01", "Hi.", 2.0),
    ]


def test_a_plain_json_list_of_speaker_and_text_turns_is_read(write):
    data = [
        {"speaker": "Avri Doria", "text": "Thank you."},
        {"speaker": "Matthew Shears", "text": "Next question?"},
    ]
    result = parse_file(write("turns.json", json.dumps(data)))
    assert result.document.format == "json-turns"
    assert [(t.speaker, t.text) for t in result.turns] == [
        ("Avri Doria", "Thank you."),
        ("Matthew Shears", "Next question?"),
    ]
    assert result.duration_source == "estimated"


def test_a_json_turn_without_text_is_refused_naming_the_field(write):
    path = write("bad.json", json.dumps([{"speaker": "A", "text": "ok"}, {"speaker": "B"}]))
    with pytest.raises(TranscriptError) as error:
        parse_file(path)
    assert "$[1].text" in str(error.value)


def test_a_convokit_corpus_written_by_the_engine_reads_back_the_same_turns(write, tmp_path):
    original = parse_file(
        write(
            "m.txt", "马修·希尔斯 (MATTHEW SHEARS): 大家好。\n\n>> 跳舞？\n\n马修·希尔斯： 谢谢。\n"
        )
    )
    folder = tmp_path / "corpus"
    write_convokit(original, str(folder))
    assert {p.name for p in folder.iterdir()} >= {"utterances.jsonl", "speakers.json", "index.json"}
    again = parse_file(str(folder))
    assert again.document.format == "convokit"
    assert [(t.speaker, t.text) for t in again.turns] == [
        ("马修·希尔斯", "大家好。"),
        (VOICE, "跳舞？"),
        ("马修·希尔斯", "谢谢。"),
    ]


def test_a_docx_member_that_inflates_too_many_times_is_refused_before_inflating(tmp_path):
    import zipfile

    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))  # 8 MB of zeros
    with pytest.raises(TranscriptError) as error:
        parse_file(str(path))
    assert "decompression bomb" in str(error.value)
    assert "word/document.xml" in str(error.value)


def test_a_file_with_a_header_and_no_speech_is_refused(write):
    path = write("header.txt", "A meeting\nMarch 1, 2024 – 10:00 to 11:00 UTC\nSomewhere\n\n---\n")
    with pytest.raises(TranscriptError, match="no speech"):
        parse_file(path)
