"""Generated hostile variants for every transcript reader: each file is read, or refused
with one line that starts with its own name; never another exception, never slowly."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonweal.transcript import TranscriptError, parse_file
from tests.transcript.test_transcript_readers import _pdf

HOSTILE = settings(max_examples=40, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
SAMPLE = "KOBE – ICANN Board\n\nMATTHEW SHEARS: Good morning.\n\n马修·希尔斯：你好。\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def read_or_refuse(folder, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        parse_file(str(path))
    except TranscriptError as error:
        line = str(error)
        assert line.startswith(str(path)) and "\n" not in line


def truncations(whole: bytes) -> st.SearchStrategy[bytes]:
    return st.integers(0, len(whole)).map(lambda cut: whole[:cut])


def joined(parts: list[str]) -> st.SearchStrategy[bytes]:
    pieces = st.one_of(st.sampled_from(parts), st.text(max_size=12))
    return st.lists(pieces, max_size=25).map(lambda chosen: "".join(chosen).encode())


def repeated(parts: list[str]) -> st.SearchStrategy[bytes]:
    """One piece many times: deep nesting, long lines, many cues."""
    return st.tuples(st.sampled_from(parts), st.integers(1, 20_000)).map(
        lambda pair: (pair[0] * pair[1]).encode()
    )


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030"]


@HOSTILE
@given(
    st.one_of(
        st.binary(max_size=400),
        truncations(SAMPLE.encode("utf-16")),
        st.sampled_from(ENCODINGS).map(lambda encoding: SAMPLE.encode(encoding)),
        st.sampled_from(
            [
                "Zoë: café\n".encode("latin-1"),
                "Zoë: “café”\n".encode("cp1252"),
                "議長：こんにちは\n".encode("shift_jis"),
                "主席：你好\n".encode("big5"),
            ]
        ),
        repeated(["A: ", "x", "\u200b", ">> ", "[", "\x00", "JOHN SMITH: hi\n"]),
    )
)
def test_any_text_file_reads_or_is_refused_naming_it(folder, data):
    read_or_refuse(folder, "t.txt", data)


JSON_PARTS = [
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    '"text"',
    '"speaker"',
    '"start"',
    '"segments"',
    "1e400",
    "NaN",
    "-1",
    "1" * 40,
    '"\\"',
    '"[["',
    "null",
    "true",
    "\n",
]


@HOSTILE
@given(st.one_of(joined(JSON_PARTS), repeated(["[", '{"text":', '{"text":"a"},', "[]"])))
def test_any_json_file_reads_or_is_refused_naming_it(folder, data):
    read_or_refuse(folder, "t.json", data)


@HOSTILE
@given(st.one_of(joined([*JSON_PARTS, '{"text": "hi"}\n']), repeated(['{"text":"a"}\n', "["])))
def test_any_jsonl_file_reads_or_is_refused_naming_it(folder, data):
    read_or_refuse(folder, "utterances.jsonl", data)


CUE_PARTS = [
    "WEBVTT\n\n",
    "00:00.000 --> 00:01.000\n",
    "00:00:01,000 --> 00:00:02,000\n",
    "1\n",
    "\n\n",
    "<v Ann>",
    "A: hi\n",
    ">> ",
    "-->",
    "NOTE\n",
    "99:99:99,9999",
]


@HOSTILE
@given(st.one_of(joined(CUE_PARTS), repeated(["00:00.000 --> 00:01.000\nA: hi\n\n", "-->"])))
def test_any_subtitle_file_reads_or_is_refused_naming_it(folder, data):
    read_or_refuse(folder, "t.vtt", b"WEBVTT\n\n" + data)
    read_or_refuse(folder, "t.srt", data)


def _docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


@HOSTILE
@given(
    st.one_of(
        st.binary(max_size=300),
        truncations(_docx(b"<w:document/>")),
        joined(["<w:document>", "<w:p>", "</w:p>", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", "&a;"]).map(
            _docx
        ),
    )
)
def test_any_docx_file_reads_or_is_refused_naming_it(folder, data):
    read_or_refuse(folder, "t.docx", data)


PDF = _pdf(["ALICE: Hello.", "BOB: Hi."])


@HOSTILE
@given(
    st.one_of(
        st.binary(max_size=300),
        truncations(PDF),
        st.tuples(st.integers(0, len(PDF) - 1), st.binary(min_size=1, max_size=8)).map(
            lambda change: PDF[: change[0]] + change[1] + PDF[change[0] + len(change[1]) :]
        ),
        st.integers(1, 5000).map(lambda depth: PDF.replace(b"<< /Length", b"<<" * depth)),
    )
)
def test_any_pdf_file_reads_or_is_refused_naming_it(folder, data):
    read_or_refuse(folder, "t.pdf", data)
