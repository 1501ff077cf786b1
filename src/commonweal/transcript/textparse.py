"""From the text of a transcript to its header and turns.

A paragraph (a non-blank line) is furniture, a speaker label (possibly with speech after
the colon), the first half of a two-line label, or speech that belongs to the turn
before it. Speech is never dropped: paragraphs before the first label that are not the
header become an unidentified turn.

Paragraphs are read one at a time until the first turn opens. From there on, only the
lines that could be something other than speech are read one at a time (found by
whole-text passes, ``linescan.py``); the speech between two of them goes to the open
turn in bulk. ``_read_turns(..., bulk=False)`` reads every paragraph alone, the
reference the property tests hold the bulk reading to.

Invariant (tested on Kobe and on generated transcripts): every character of speech in
the source ends up in exactly one turn's text, in source order; only whitespace at
line ends, labels, annotations and furniture are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import accumulate, repeat

from commonweal.transcript.encoding import detect_language
from commonweal.transcript.furniture import (
    closes_italics,
    disclaimer_runs_on,
    is_disclaimer_paragraph,
    is_furniture_by_shape,
)
from commonweal.transcript.header import find_date, header_line_count, parse_header
from commonweal.transcript.labels import CJK, is_bare_name, read_cue_line, read_label, read_voice
from commonweal.transcript.linescan import lines_read_alone
from commonweal.transcript.model import VOICE, Document, Header, RawTurn
from commonweal.transcript.turnbuilder import TurnBuilder
from commonweal.transcript.turntable import RawTurnTable, raw_texts

_MENTION = re.compile(
    rf"(?P<native>[{CJK}][{CJK}·]{{0,10}})\s*[（(](?P<latin>[A-Z][A-Za-z\u00c0-\u024f'’\-]+"
    r"(?:\s+[A-Z][A-Za-z\u00c0-\u024f'’\-]+){0,3})[)）]"
)
# What every mention has: a bracket before a capital. Turns without it are not searched.
_MENTION_HINT = re.compile(r"[（(][A-Z]")
_TERMINAL = frozenset("。！？.!?؟…")
_DASHES = ("—", "–", "--")
_LINE = re.compile(r"[^\n]+")
_REMEMBERED = 4096
_REMEMBERED_LENGTH = 64
_RUN = 1024  # one-line turns put in the table at once (their lists stay small)
_DISCLAIMER_LINES = 8  # a disclaimer wrapped in italics closes within this many lines


def parse_transcript_text(text: str, path: str, source_format: str = "text") -> Document:
    """A Document from transcript text (already decoded)."""
    shared: dict[str, str] = {}
    preamble, turns = _read_turns(text, shared)
    header, speech_before = _read_preamble(preamble, has_labels=bool(turns))
    if speech_before:
        opening = TurnBuilder(shared)
        (line, first), *rest = speech_before
        opening.open(VOICE, None, line, first)
        for _, paragraph in rest:
            opening.add(paragraph)
        turns.prepend(opening.take())
    return Document(
        path=path,
        format=source_format,
        header=header,
        turns=turns,
        language=detect_language(text),
        mentions=find_mentions(turns),
    )


def _read_turns(
    text: str, shared: dict[str, str], *, bulk: bool = True
) -> tuple[list[tuple[int, str]], RawTurnTable]:
    """The paragraphs before the first label, and the turns."""
    reader = _TurnReader(text, shared)
    position = reader.read_paragraphs(until_first_turn=bulk)
    if position is not None:
        reader.read_in_bulk(position)
    turns = reader.turns
    if turns.label is not None:
        turns.close()
    return reader.preamble, turns.table


def _paragraphs_from(text: str, start: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, paragraph) of every non-blank line from ``start`` on, stripped and
    without markdown marks; a line of marks alone ("#") is no paragraph."""
    for match in _LINE.finditer(text, start):
        paragraph = match.group().strip()
        if paragraph and paragraph[0] in "#*":
            paragraph = _unmark(paragraph)
        if paragraph:
            yield match.start(), match.end(), paragraph


def _unmark(paragraph: str) -> str:
    # Markdown transcripts put labels in bold ("**MATTHEW SHEARS:**") and the title in a
    # heading; the marks are layout, not speech.
    if paragraph[0] == "#":
        return paragraph.lstrip("#").strip()
    if paragraph.startswith("**") and ("**:" in paragraph[:90] or ":**" in paragraph[:90]):
        return paragraph.replace("**", "", 2).strip()
    return paragraph


class _TurnReader:
    """One pass over a text: the preamble's paragraphs, and the turns as they close."""

    def __init__(self, text: str, shared: dict[str, str]) -> None:
        self.text = text
        self.turns = TurnBuilder(shared)
        self.preamble: list[tuple[int, str]] = []
        self._counted = 0  # line numbers are counted up to here ...
        self._line = 1  # ... where this line starts or runs
        # Short label lines come back ("John Smith: hi" on every other line of a dense
        # transcript, "MATTHEW SHEARS:" alone): (label, cue, text) of the turn each opened.
        self._finished: dict[str, tuple[str, str | None, str]] = {}

    def line_at(self, offset: int) -> int:
        """The line number at ``offset`` (asked in increasing order)."""
        self._line += self.text.count("\n", self._counted, offset)
        self._counted = offset
        return self._line

    def read_paragraphs(self, *, until_first_turn: bool) -> int | None:
        """Read paragraph by paragraph from the start; with ``until_first_turn``, stop
        once a turn is open and return where reading should go on (else None)."""
        upcoming = _paragraphs_from(self.text, 0)
        item = next(upcoming, None)
        while item is not None:
            start, end, paragraph = item
            item = next(upcoming, None)
            used = self._read_alone(paragraph, self.line_at(start), end)
            if used is not None:  # a two-line label or a wrapped disclaimer took more lines
                end = used
                while item is not None and item[0] < used:
                    item = next(upcoming, None)
            if until_first_turn and self.turns.label is not None:
                return end
        return None

    def read_in_bulk(self, position: int) -> None:
        """Read on from ``position`` (a turn is open): the lines that could be more than
        speech one at a time, the speech between them in bulk."""
        text = self.text
        starts, disclaimers = lines_read_alone(text, position)
        run: list[tuple[str, str | None, str]] = []  # one-line turns not yet in the table
        run_starts: list[int] = []
        for start in starts:
            if start < position:  # the second half of a two-line label, already read
                continue
            end = text.find("\n", start)
            if end == -1:
                end = len(text)
            paragraph = text[start:end].strip()
            if paragraph[0] in "#*":
                paragraph = _unmark(paragraph)
            region = text[position:start]
            if not region.isspace():
                self._end_run(run, run_starts)
                used = self._read_speech(region, position, end_two_line=paragraph[:1] in "(（")
                if used is not None:
                    position = used
                    continue
            if len(paragraph) <= _REMEMBERED_LENGTH and start not in disclaimers:
                finished = self._finished.get(paragraph)
                if finished is not None:
                    if len(run) >= _RUN:
                        self._end_run(run, run_starts)
                    if not run:
                        self.turns.close()
                    run.append(finished)
                    run_starts.append(start)
                    position = end
                    continue
            self._end_run(run, run_starts)
            used = None
            if paragraph:
                line = self.line_at(start)
                used = self._read_alone(paragraph, line, end, start in disclaimers)
            position = end if used is None else used
        self._end_run(run, run_starts)
        self._read_speech(text[position:], position, end_two_line=False)

    def _end_run(self, run: list[tuple[str, str | None, str]], starts: list[int]) -> None:
        """Put a run of one-line turns in the table, all at once; the last stays open."""
        if not run:
            return
        if len(run) == 1:  # a label line alone, its speech on the lines after it
            label, cue, speech = run.pop()
            self.turns.open(label, cue, self.line_at(starts.pop()), speech)
            return
        text = self.text
        # Their lines: the line before, and the line breaks up to each, summed in C.
        breaks = map(text.count, repeat("\n"), [self._counted, *starts[:-1]], starts)
        lines = list(accumulate(breaks, initial=self._line))[1:]
        self._counted, self._line = starts[-1], lines[-1]
        labels, cues, texts = zip(*run, strict=True)
        self.turns.table.extend(labels[:-1], cues[:-1], lines[:-1], texts[:-1])
        self.turns.open(labels[-1], cues[-1], lines[-1], texts[-1])
        run.clear()
        starts.clear()

    def _read_speech(self, region: str, start: int, *, end_two_line: bool) -> int | None:
        """Add the paragraphs of ``region`` (the text from ``start``) to the open turn.
        With ``end_two_line`` (the line after it could end a two-line label) the last is
        read alone; returns where that label ended, if it was one."""
        last = ""
        if end_two_line:
            region = region.rstrip()
            cut = region.rfind("\n") + 1
            region, last = region[:cut], region[cut:]
        paragraphs = [paragraph for paragraph in map(str.strip, region.split("\n")) if paragraph]
        if paragraphs:
            self.turns.add_plain(paragraphs)
        if not last:
            return None
        line_start = start + len(region)
        line = self.line_at(line_start)
        return self._read_alone(last.strip(), line, line_start + len(last), False)

    def _read_alone(
        self, paragraph: str, line: int, end: int, disclaimer: bool = True
    ) -> int | None:
        """Read one paragraph (its line ends at ``end``; ``disclaimer``: it could be the
        disclaimer). Returns where the next paragraph ends when it was read too (a
        two-line label or a disclaimer wrapped over several lines), else None."""
        if is_furniture_by_shape(paragraph):
            return None
        if disclaimer and is_disclaimer_paragraph(paragraph):
            return self._disclaimer_end(paragraph, end)
        turns = self.turns
        if turns.label is None:
            following = self._following(end)
            if following is not None and find_date(following[1]) is not None:
                # "Joint Session: Board and NCSG" over a date line is a title, not a speaker.
                self.preamble.append((line, paragraph))
                return None
        opened = _open_turn(paragraph)
        if opened is not None:
            turns.open(opened[0], opened[1], line, opened[2])
            if len(paragraph) <= _REMEMBERED_LENGTH:
                self._remember(paragraph, *opened)
            return None
        if paragraph[-1] not in _TERMINAL and is_bare_name(paragraph):
            following = self._following(end)
            cue_line = None
            if following is not None and following[1][0] in "(（":
                cue_line = read_cue_line(following[1])
            if cue_line is not None:
                turns.open(paragraph, cue_line[0], line, cue_line[1])
                return following[0]
        if turns.label is None:
            self.preamble.append((line, paragraph))
        else:
            turns.add(paragraph)
        return None

    def _disclaimer_end(self, paragraph: str, end: int) -> int | None:
        """Where a disclaimer in italics that ``paragraph`` (its line ends at ``end``)
        opens and does not close ends: at the end of the line that closes the italics,
        when the lines up to it follow without a blank line and open no turn. None when
        the disclaimer is this line alone, or its italics never close in time."""
        if not disclaimer_runs_on(paragraph):
            return None
        text = self.text
        for _ in range(_DISCLAIMER_LINES):
            if end >= len(text):
                return None
            line_end = text.find("\n", end + 1)
            if line_end == -1:
                line_end = len(text)
            line = text[end + 1 : line_end].strip()
            if line and line[0] in "#*":
                line = _unmark(line)
            if not line or _open_turn(line) is not None:
                return None
            if closes_italics(line):
                return line_end
            end = line_end
        return None

    def _remember(self, paragraph: str, label: str, cue: str | None, speech: str) -> None:
        """Remember the turn a short line opened, when it is its speech as written (no
        note to lift, not cut off): the next time the line comes, the turn is known."""
        if "[" in speech or "(" in speech or "（" in speech or speech.endswith(_DASHES):
            return
        if len(self._finished) >= _REMEMBERED:  # hostile text: a new label every line
            self._finished.clear()
        shared = self.turns.shared
        speech = speech.strip()
        speech = shared.setdefault(speech, speech)
        self._finished[paragraph] = (
            label,
            cue if cue is None else shared.setdefault(cue, cue),
            speech,
        )

    def _following(self, end: int) -> tuple[int, str] | None:
        """(end, paragraph) of the paragraph after the line that ends at ``end``."""
        for _, following_end, paragraph in _paragraphs_from(self.text, end):
            return following_end, paragraph
        return None


def _open_turn(paragraph: str) -> tuple[str, str | None, str] | None:
    """(label, cue, speech) of the turn a paragraph opens on its own line, if it does."""
    if paragraph[0] == VOICE[0]:
        voice = read_voice(paragraph)
        if voice is not None:
            label, speech = voice
            if label is not None:
                return label.name, label.cue, label.rest
            return VOICE, None, speech
    head = paragraph[:90]
    if ":" in head or "：" in head:
        cue_line = read_cue_line(paragraph) if paragraph[0] in "(（" else None
        if cue_line is not None:
            cue, rest = cue_line
            return cue, cue, rest
        label = read_label(paragraph)
        if label is not None:
            return label.name, label.cue, label.rest
    return None


def _read_preamble(
    preamble: list[tuple[int, str]], *, has_labels: bool
) -> tuple[Header, list[tuple[int, str]]]:
    """The header, and the paragraphs before the first label that are speech after all."""
    lines = [paragraph for _, paragraph in preamble[:8]]
    header = parse_header(lines)
    if header is not None:
        used = header_line_count(lines, header)
        return header, preamble[used:]
    if has_labels and lines and len(lines[0]) <= 120 and lines[0][-1] not in _TERMINAL:
        return Header(title=lines[0]), preamble[1:]
    return Header(), preamble


def find_mentions(turns: Sequence[RawTurn]) -> list[tuple[str, str]]:
    """Names written in two scripts inside speech: ("丝黛芬妮", "Stephanie")."""
    mentions: list[tuple[str, str]] = []
    hint = _MENTION_HINT.search
    for text in raw_texts(turns):
        if ("(" in text or "（" in text) and hint(text):
            mentions.extend((m["native"], m["latin"]) for m in _MENTION.finditer(text))
    return mentions
