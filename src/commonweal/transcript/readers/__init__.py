"""Reading a transcript file of any supported format into a Document.

Every reader treats its input as untrusted: size is checked before reading, archives
before inflating, and every problem becomes a TranscriptError naming the file and,
where it applies, the line or field.
"""

from __future__ import annotations

import os

from commonweal.transcript.encoding import decode
from commonweal.transcript.errors import TooManyTurns, TranscriptError
from commonweal.transcript.model import Document
from commonweal.transcript.readers.bounds import MAX_BYTES, MAX_TURNS
from commonweal.transcript.readers.office import read_docx, read_pdf
from commonweal.transcript.readers.segments import read_convokit, read_json
from commonweal.transcript.readers.subtitles import read_srt, read_webvtt
from commonweal.transcript.textparse import parse_transcript_text

__all__ = ["FORMATS", "MAX_BYTES", "read_document"]

FORMATS = ("text", "docx", "pdf", "webvtt", "srt", "json", "convokit")
_BY_EXTENSION = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".vtt": "webvtt",
    ".srt": "srt",
    ".json": "json",
    ".jsonl": "convokit",
}


def read_document(path: str) -> Document:
    """The Document in a file (or a ConvoKit corpus folder), whatever its format."""
    try:
        document = _read(path)
    except TooManyTurns as limit:
        turns = limit.args[0]
        raise TranscriptError(path, f"more than {turns:,} turns in one meeting; refused") from None
    except RecursionError:
        # A last guard: the readers bound nesting before a parser recurses, so this is a
        # structure no check foresaw, and still a file we refuse rather than our fault.
        raise TranscriptError(path, "nested too deeply to read; refused") from None
    if not document.turns:
        raise TranscriptError(path, "no speech found (only a header or page furniture)")
    if len(document.turns) > MAX_TURNS:
        raise TranscriptError(path, f"more than {MAX_TURNS:,} turns in one meeting; refused")
    return document


def _read(path: str) -> Document:
    if os.path.isdir(path):
        utterances = os.path.join(path, "utterances.jsonl")
        if not os.path.isfile(utterances):
            raise TranscriptError(
                path, "a folder is read as a ConvoKit corpus and needs utterances.jsonl"
            )
        return read_convokit(utterances, _read_text(utterances))
    source_format = _BY_EXTENSION.get(os.path.splitext(path)[1].lower(), "text")
    if source_format == "docx":
        _check_size(path)
        return parse_transcript_text(read_docx(path), path, "docx")
    if source_format == "pdf":
        _check_size(path)
        return parse_transcript_text(read_pdf(path), path, "pdf")
    text = _read_text(path)
    if source_format == "text" and text.lstrip().startswith("WEBVTT"):
        source_format = "webvtt"
    if source_format == "webvtt":
        return read_webvtt(path, text)
    if source_format == "srt":
        return read_srt(path, text)
    if source_format == "json":
        return read_json(path, text)
    if source_format == "convokit":
        return read_convokit(path, text)
    return parse_transcript_text(text, path, "text")


def _check_size(path: str) -> int:
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise TranscriptError(path, f"cannot read: {error.strerror}") from None
    if size > MAX_BYTES:
        raise TranscriptError(
            path,
            f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB",
        )
    return size


def _read_text(path: str) -> str:
    size = _check_size(path)
    try:
        with open(path, "rb") as handle:
            # A regular file is read to the size already checked (asking for MAX_BYTES
            # would allocate 16 MB for a small file); a pipe or device, which has no
            # size, up to the limit and one byte more.
            data = handle.read((size if size else MAX_BYTES) + 1)
    except OSError as error:
        raise TranscriptError(path, f"cannot read: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise TranscriptError(path, f"the file is over the limit of {MAX_BYTES // 2**20} MB")
    return decode(data, path)
