"""The transcript engine: read a meeting transcript, attribute every turn, measure the floor.

Plain Python, no Django: files in, results out. ``parse_file`` is the whole pipeline;
the modules are its steps (readers -> textparse -> identity -> analyse -> writers).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from commonweal.transcript.analyse import analyse
from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.identity import Roster, load_roster
from commonweal.transcript.model import Document, Result
from commonweal.transcript.readers import read_document
from commonweal.transcript.textparse import parse_transcript_text

__all__ = [
    "Document",
    "Result",
    "Roster",
    "TranscriptError",
    "analyse",
    "load_roster",
    "parse_file",
    "parse_text",
    "read_document",
]


def parse_file(path: str, roster: Roster | str | None = None) -> Result:
    """Read, attribute and measure one transcript file (any supported format)."""
    if isinstance(roster, str):
        roster = load_roster(roster)
    with collector_paused():
        return analyse(read_document(path), roster)


def parse_text(text: str, roster: Roster | None = None, path: str = "<text>") -> Result:
    """The same for transcript text already in memory (ICANN-style text format)."""
    with collector_paused():
        return analyse(parse_transcript_text(text, path), roster)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a transcript is parsed.

    The engine makes hundreds of thousands of small objects (turns' notes, cue hits,
    candidates) and no reference cycle; the collector would walk them all again and
    again for nothing (a tenth of the parse of a large meeting). It runs again as soon
    as the parse ends; it is left alone when something else had already turned it off
    (docs/decisions/transcript-bulk-reading.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
