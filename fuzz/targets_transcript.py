"""Fuzz targets for the transcript engine's readers and the roster reader.

``fuzz/run.py`` imports ``TARGETS`` from every ``fuzz/targets_*.py``. Each target takes
the fuzzer's bytes as a whole file, writes them under the name that picks the reader
(the engine reads files by path, as ``commonweal parse`` does), runs the whole parse and
swallows only the documented errors: TranscriptError, and RosterError for rosters. Any
other exception escapes and is a finding. No Django here: both are plain Python.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

from commonweal.rosters import RosterError, roster_read
from commonweal.transcript import TranscriptError, parse_file

_FOLDER = Path(tempfile.mkdtemp(prefix="commonweal-fuzz-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)


def _parse_as(name: str):
    def fuzz(data: bytes) -> None:
        path = _FOLDER / name
        path.write_bytes(data)
        with suppress(TranscriptError):
            parse_file(str(path))

    fuzz.__name__ = f"fuzz_{name.replace('.', '_')}"
    return fuzz


def _roster_as(source: str):
    def fuzz(data: bytes) -> None:
        with suppress(RosterError):
            roster_read(data, source=source)

    fuzz.__name__ = f"fuzz_{source.replace('.', '_')}"
    return fuzz


TARGETS = {
    "transcript-text": _parse_as("fuzz.txt"),
    "transcript-json": _parse_as("fuzz.json"),
    "transcript-jsonl": _parse_as("utterances.jsonl"),
    "transcript-vtt": _parse_as("fuzz.vtt"),
    "transcript-srt": _parse_as("fuzz.srt"),
    "transcript-docx": _parse_as("fuzz.docx"),
    "transcript-pdf": _parse_as("fuzz.pdf"),
    "roster-yaml": _roster_as("roster.yaml"),
    "roster-csv": _roster_as("roster.csv"),
}
