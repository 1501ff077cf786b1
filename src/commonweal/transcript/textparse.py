"""From the text of a transcript to its header and turns.

One pass over the paragraphs (non-blank lines). A paragraph is furniture, a speaker
label (possibly with speech after the colon), the first half of a two-line label, or
speech that belongs to the turn before it. Speech is never dropped: paragraphs before
the first label that are not the header become an unidentified turn.

Invariant (tested on Kobe and on generated transcripts): every character of speech in
the source ends up in exactly one turn's text, in source order; only whitespace at
line ends, labels, annotations and furniture are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from commonweal.transcript.annotations import lift_annotations
from commonweal.transcript.encoding import detect_language
from commonweal.transcript.furniture import is_furniture
from commonweal.transcript.header import find_date, header_line_count, parse_header
from commonweal.transcript.labels import CJK, is_bare_name, read_cue_line, read_label, read_voice
from commonweal.transcript.model import VOICE, Annotation, Document, Header, RawTurn
from commonweal.transcript.turntable import RawTurnTable, raw_texts

# A paragraph ending in one of these stopped mid-sentence (a page break cut it): the next
# paragraph of the same speaker continues the sentence.
_OPEN_END = re.compile(rf"[{CJK}\w，,、]")
_CJK_CHAR = re.compile(f"[{CJK}]")
_MENTION = re.compile(
    rf"(?P<native>[{CJK}][{CJK}·]{{0,10}})\s*[（(](?P<latin>[A-Z][A-Za-z\u00c0-\u024f'’\-]+"
    r"(?:\s+[A-Z][A-Za-z\u00c0-\u024f'’\-]+){0,3})[)）]"
)
_DASHES = ("—", "–", "--")
_TERMINAL = frozenset("。！？.!?…")
_LINE = re.compile(r"[^\n]+")
_SHARED_TEXT_LENGTH = 24
# One empty tuple for every turn without annotations (a list each is 56 bytes a turn);
# nothing appends to a finished turn's annotations.
_NO_ANNOTATIONS: tuple[()] = ()


@dataclass(slots=True)
class _OpenTurn:
    label: str
    cue: str | None
    line: int
    pieces: list[str] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    length: int = 0

    def add(self, paragraph: str) -> None:
        text, annotations = lift_annotations(paragraph)
        text = text.strip()
        separator = _separator(self.pieces[-1], text) if self.pieces and text else ""
        base = self.length + len(separator)
        if annotations:
            for annotation in annotations:
                # Whitespace stripped from the paragraph's start shifts its annotations.
                annotation.offset = base + min(annotation.offset, len(text))
            self.annotations.extend(annotations)
        if text:
            self.pieces.append(separator + text)
            self.length = base + len(text)

    def close(self, shared: dict[str, str]) -> RawTurn:
        """The finished turn as a RawTurn (see ``close_into``)."""
        text, annotations = self._finish(shared)
        return RawTurn(
            label=self.label, cue=self.cue, line=self.line, text=text, annotations=annotations
        )

    def close_into(self, turns: RawTurnTable, shared: dict[str, str]) -> None:
        """Add the finished turn to ``turns``."""
        text, annotations = self._finish(shared)
        cue = None if self.cue is None else shared.setdefault(self.cue, self.cue)
        turns.add(self.label, cue, self.line, text, annotations)

    def _finish(self, shared: dict[str, str]) -> tuple[str, list[Annotation] | tuple[()]]:
        """The turn's text and annotations. Texts short enough to repeat ("hi", "Thank
        you.") are taken from ``shared``, so a thousand repeats are one string."""
        pieces = self.pieces
        text = pieces[0] if len(pieces) == 1 else "".join(pieces)
        if len(text) <= _SHARED_TEXT_LENGTH:
            text = shared.setdefault(text, text)
        annotations: list[Annotation] = self.annotations
        if text.rstrip().endswith(_DASHES):
            annotations.append(Annotation(kind="interruption", text="—", offset=len(text)))
        return text, annotations or _NO_ANNOTATIONS


def _separator(before: str, after: str) -> str:
    if _OPEN_END.match(before[-1]):
        # A sentence cut by a page break: CJK joins with nothing, other scripts with a space.
        both_cjk = _CJK_CHAR.match(before[-1]) and _CJK_CHAR.match(after[0])
        return "" if both_cjk else " "
    return "\n"


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(line number, stripped line) for every non-blank line."""
    return list(iter_paragraphs(text))


def iter_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """The same, one at a time: the parser holds one paragraph and the next, never all."""
    line = 1
    counted = 0
    for match in _LINE.finditer(text):
        stripped = match.group().strip()
        if stripped:
            start = match.start()
            line += text.count("\n", counted, start)
            counted = start
            yield line, _unmark(stripped) if stripped[0] in "#*" else stripped


def _unmark(paragraph: str) -> str:
    # Markdown transcripts put labels in bold ("**MATTHEW SHEARS:**") and the title in a
    # heading; the marks are layout, not speech.
    if paragraph[0] == "#":
        return paragraph.lstrip("#").strip()
    if paragraph.startswith("**") and ("**:" in paragraph[:90] or ":**" in paragraph[:90]):
        return paragraph.replace("**", "", 2).strip()
    return paragraph


def parse_transcript_text(text: str, path: str, source_format: str = "text") -> Document:
    """A Document from transcript text (already decoded)."""
    shared: dict[str, str] = {}
    preamble, turns = _read_turns(text, shared)
    header, speech_before = _read_preamble(preamble, has_labels=bool(turns))
    if speech_before:
        opening = _OpenTurn(label=VOICE, cue=None, line=speech_before[0][0])
        for _, paragraph in speech_before:
            opening.add(paragraph)
        turns.prepend(opening.close(shared))
    return Document(
        path=path,
        format=source_format,
        header=header,
        turns=turns,
        language=detect_language(text),
        mentions=find_mentions(turns),
    )


def _read_turns(text: str, shared: dict[str, str]) -> tuple[list[tuple[int, str]], RawTurnTable]:
    """The paragraphs before the first label, and the turns.

    One pass over the paragraphs, holding the one after the current one: a name alone on
    a line takes the "(LATIN NAME):" line after it, and before the first turn a line
    followed by the meeting's date line is the title, whatever it looks like.
    """
    preamble: list[tuple[int, str]] = []
    turns = RawTurnTable()
    current: _OpenTurn | None = None
    upcoming = iter_paragraphs(text)
    item = next(upcoming, None)
    while item is not None:
        following = next(upcoming, None)
        line, paragraph = item
        item = following
        if is_furniture(paragraph):
            continue
        if current is None and following is not None and find_date(following[1]) is not None:
            # "Joint Session: Board and NCSG" over a date line is a title, not a speaker.
            preamble.append((line, paragraph))
            continue
        opened = _open_turn(paragraph, line, following)
        if opened is not None:
            new_turn, used_following = opened
            if used_following:
                item = next(upcoming, None)
            if current is not None:
                current.close_into(turns, shared)
            current = new_turn
        elif current is None:
            preamble.append((line, paragraph))
        else:
            current.add(paragraph)
    if current is not None:
        current.close_into(turns, shared)
    return preamble, turns


def _open_turn(
    paragraph: str, line: int, following: tuple[int, str] | None
) -> tuple[_OpenTurn, bool] | None:
    """The turn a paragraph opens, and whether it used the next paragraph too."""
    voice = read_voice(paragraph) if paragraph[0] == VOICE[0] else None
    if voice is not None:
        label, speech = voice
        if label is not None:
            turn = _OpenTurn(label=label.name, cue=label.cue, line=line)
            speech = label.rest
        else:
            turn = _OpenTurn(label=VOICE, cue=None, line=line)
        turn.add(speech)
        return turn, False
    head = paragraph[:90]
    if ":" in head or "：" in head:
        cue_line = read_cue_line(paragraph) if paragraph[0] in "(（" else None
        if cue_line is not None:
            cue, rest = cue_line
            turn = _OpenTurn(label=cue, cue=cue, line=line)
            turn.add(rest)
            return turn, False
        label = read_label(paragraph)
        if label is not None:
            turn = _OpenTurn(label=label.name, cue=label.cue, line=line)
            turn.add(label.rest)
            return turn, False
    if following is not None and paragraph[-1] not in _TERMINAL and is_bare_name(paragraph):
        after = following[1]
        cue_line = read_cue_line(after) if after[0] in "(（" else None
        if cue_line is not None:
            cue, rest = cue_line
            turn = _OpenTurn(label=paragraph, cue=cue, line=line)
            turn.add(rest)
            return turn, True
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
    for text in raw_texts(turns):
        if "(" in text or "（" in text:
            mentions.extend((m["native"], m["latin"]) for m in _MENTION.finditer(text))
    return mentions
