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
from dataclasses import dataclass, field

from commonweal.transcript.annotations import lift_annotations
from commonweal.transcript.encoding import detect_language
from commonweal.transcript.furniture import is_furniture
from commonweal.transcript.header import find_date, header_line_count, parse_header
from commonweal.transcript.labels import CJK, is_bare_name, read_cue_line, read_label, read_voice
from commonweal.transcript.model import VOICE, Annotation, Document, Header, RawTurn

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


@dataclass
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
        for annotation in annotations:
            # Whitespace stripped from the paragraph's start shifts its annotations.
            annotation.offset = base + min(annotation.offset, len(text))
        self.annotations.extend(annotations)
        if text:
            self.pieces.append(separator + text)
            self.length = base + len(text)

    def close(self) -> RawTurn:
        text = "".join(self.pieces)
        annotations = self.annotations
        if text.rstrip().endswith(_DASHES):
            annotations.append(Annotation(kind="interruption", text="—", offset=len(text)))
        return RawTurn(
            label=self.label, cue=self.cue, line=self.line, text=text, annotations=annotations
        )


def _separator(before: str, after: str) -> str:
    if _OPEN_END.match(before[-1]):
        # A sentence cut by a page break: CJK joins with nothing, other scripts with a space.
        both_cjk = _CJK_CHAR.match(before[-1]) and _CJK_CHAR.match(after[0])
        return "" if both_cjk else " "
    return "\n"


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(line number, stripped line) for every non-blank line."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            found.append((number, _unmark(stripped)))
    return found


def _unmark(paragraph: str) -> str:
    # Markdown transcripts put labels in bold ("**MATTHEW SHEARS:**") and the title in a
    # heading; the marks are layout, not speech.
    if paragraph[0] == "#":
        return paragraph.lstrip("#").strip()
    if paragraph.startswith("**") and ("**:" in paragraph[:90] or ":**" in paragraph[:90]):
        return paragraph.replace("**", "", 2).strip()
    return paragraph


def _is_title_of_header(paras: list[tuple[int, str]], position: int) -> bool:
    """Before the first turn, a line followed at once by the meeting's date line is the
    title, whatever it looks like."""
    following = paras[position + 1 : position + 2]
    return bool(following) and find_date(following[0][1]) is not None


def parse_transcript_text(text: str, path: str, source_format: str = "text") -> Document:
    """A Document from transcript text (already decoded)."""
    paras = paragraphs(text)
    preamble: list[tuple[int, str]] = []
    turns: list[RawTurn] = []
    current: _OpenTurn | None = None
    skip_next = False
    for position, (line, paragraph) in enumerate(paras):
        if skip_next:
            skip_next = False
            continue
        if is_furniture(paragraph):
            continue
        if current is None and _is_title_of_header(paras, position):
            # "Joint Session: Board and NCSG" over a date line is a title, not a speaker.
            preamble.append((line, paragraph))
            continue
        opened = _open_turn(paragraph, line, paras, position)
        if opened is not None:
            new_turn, skip_next = opened
            if current is not None:
                turns.append(current.close())
            current = new_turn
        elif current is None:
            preamble.append((line, paragraph))
        else:
            current.add(paragraph)
    if current is not None:
        turns.append(current.close())

    header, speech_before = _read_preamble(preamble, has_labels=bool(turns))
    if speech_before:
        opening = _OpenTurn(label=VOICE, cue=None, line=speech_before[0][0])
        for _, paragraph in speech_before:
            opening.add(paragraph)
        turns.insert(0, opening.close())
    return Document(
        path=path,
        format=source_format,
        header=header,
        turns=turns,
        language=detect_language(text),
        mentions=find_mentions(turns),
    )


def _open_turn(
    paragraph: str, line: int, paras: list[tuple[int, str]], position: int
) -> tuple[_OpenTurn, bool] | None:
    """The turn a paragraph opens, and whether it used the next paragraph too."""
    voice = read_voice(paragraph)
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
    if position + 1 < len(paras) and paragraph[-1] not in _TERMINAL and is_bare_name(paragraph):
        following = paras[position + 1][1]
        cue_line = read_cue_line(following) if following[0] in "(（" else None
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


def find_mentions(turns: list[RawTurn]) -> list[tuple[str, str]]:
    """Names written in two scripts inside speech: ("丝黛芬妮", "Stephanie")."""
    mentions: list[tuple[str, str]] = []
    for turn in turns:
        if "(" in turn.text or "（" in turn.text:
            mentions.extend((m["native"], m["latin"]) for m in _MENTION.finditer(turn.text))
    return mentions
