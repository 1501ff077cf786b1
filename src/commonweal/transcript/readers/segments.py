"""Turns that come already cut: subtitles, speech-to-text JSON, ConvoKit utterances.

Consecutive segments by the same speaker are one turn (speech-to-text tools cut a turn
into sentences); a segment with no speaker continues the turn before it, or is an
unidentified voice when it opens the record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from commonweal.transcript.annotations import lift_annotations
from commonweal.transcript.encoding import detect_language
from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.header import find_date
from commonweal.transcript.model import VOICE, Annotation, Document, Header, RawTurn
from commonweal.transcript.readers.bounds import (
    MAX_SEGMENTS,
    check_json_nesting,
    check_segment_count,
)
from commonweal.transcript.textparse import find_mentions


@dataclass(slots=True)
class Segment:
    speaker: str | None
    text: str
    line: int
    start: float | None = None
    end: float | None = None


def document_from_segments(
    path: str, source_format: str, segments: list[Segment], header: Header | None = None
) -> Document:
    turns = [_turn(run) for run in _runs(segments)]
    for turn in turns:
        if turn.text.endswith(("—", "--", "–")):
            turn.annotations.append(Annotation("interruption", "—", len(turn.text)))
    timed = bool(turns) and all(t.start is not None and t.end is not None for t in turns)
    all_text = "\n".join(turn.text for turn in turns)
    return Document(
        path=path,
        format=source_format,
        header=header or Header(),
        turns=turns,
        language=detect_language(all_text),
        timed=timed,
        mentions=find_mentions(turns),
    )


def _runs(segments: list[Segment]) -> list[list[Segment]]:
    """Consecutive segments that make one turn: the same speaker, or no speaker after one."""
    runs: list[list[Segment]] = []
    label = None
    for segment in segments:
        if runs and segment.speaker in (None, label):
            runs[-1].append(segment)
            continue
        runs.append([segment])
        label = segment.speaker or VOICE
    return runs


def _turn(run: list[Segment]) -> RawTurn:
    """One turn from its segments, joined once (adding to a string segment by segment
    took minutes for a 16 MB file of one speaker)."""
    pieces: list[str] = []
    annotations: list[Annotation] = []
    length = 0
    for segment in run:
        text, found = lift_annotations(segment.text.strip())
        text = " ".join(text.split())
        separator = " " if length and text else ""
        for annotation in found:
            annotation.offset += length + len(separator)
        annotations.extend(found)
        pieces.append(separator + text)
        length += len(separator) + len(text)
    first = run[0]
    return RawTurn(
        label=first.speaker or VOICE,
        text="".join(pieces),
        line=first.line,
        annotations=annotations,
        start=first.start,
        end=next((s.end for s in reversed(run) if s.end is not None), None),
    )


def read_json(path: str, text: str) -> Document:
    """A JSON list of {speaker, text} turns, or segments with start and end times.

    Accepts a bare list, or an object holding it under "segments", "turns" or
    "utterances" (as WhisperX, pyannote pipelines and similar tools write), with an
    optional "meeting" object giving title, date, start, end, timezone and place.
    """
    check_json_nesting(text, path)
    data = _json_value(path, text)
    header = None
    key = ""
    if isinstance(data, dict):
        header = _header_from_json(data.get("meeting"))
        key = next(
            (k for k in ("segments", "turns", "utterances") if isinstance(data.get(k), list)), ""
        )
        if not key:
            raise TranscriptError(
                path, "expected a list of turns, or an object with 'segments'", field="$"
            )
        data = data[key]
    if not isinstance(data, list) or not data:
        raise TranscriptError(path, "expected a non-empty list of turns", field=key or "$")
    check_segment_count(len(data), path, "turns or segments")
    segments = [_segment(path, key or "$", index, item) for index, item in enumerate(data)]
    timed = all(segment.start is not None for segment in segments)
    return document_from_segments(
        path, "json-segments" if timed else "json-turns", segments, header
    )


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _integer(digits: str) -> int:
    if len(digits) > _MAX_DIGITS:
        raise ValueError(f"a number of more than {_MAX_DIGITS} digits")
    return int(digits)


def _json_value(path: str, text: str, line: int | None = None) -> object:
    """The value in a JSON text; NaN, Infinity and numbers of thousands of digits (which
    Python's int refuses with a ValueError of its own) are refused like a syntax error."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_int=_integer)
    except json.JSONDecodeError as error:
        where = line if line is not None else error.lineno
        raise TranscriptError(path, f"not valid JSON: {error.msg}", line=where) from None
    except ValueError as error:
        raise TranscriptError(path, f"not valid JSON: {error}", line=line) from None


# Seconds from the start of the recording; some tools count from 1970, so up to 1e10.
_MAX_SECONDS = 1e10
_MAX_DIGITS = 30


def _segment(path: str, key: str, index: int, item: object) -> Segment:
    if not isinstance(item, dict):
        raise TranscriptError(path, "each turn must be an object", field=f"{key}[{index}]")
    text = item.get("text")
    if not isinstance(text, str):
        raise TranscriptError(path, "a turn needs a text string", field=f"{key}[{index}].text")
    speaker = item.get("speaker", item.get("speaker_label"))
    if speaker is not None and not isinstance(speaker, (str, int)):
        raise TranscriptError(path, "speaker must be a string", field=f"{key}[{index}].speaker")
    start, end = item.get("start"), item.get("end")
    for name, value in (("start", start), ("end", end)):
        if value is not None and (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not 0 <= value <= _MAX_SECONDS
        ):
            raise TranscriptError(
                path, f"{name} must be a number of seconds", field=f"{key}[{index}].{name}"
            )
    if start is not None and end is not None and end < start:
        raise TranscriptError(path, "end is before start", field=f"{key}[{index}].end")
    return Segment(
        speaker=str(speaker).strip() or None if speaker is not None else None,
        text=text,
        line=index + 1,
        start=float(start) if start is not None else None,
        end=float(end) if end is not None else None,
    )


def _header_from_json(meeting: object) -> Header | None:
    if not isinstance(meeting, dict):
        return None
    header = Header()
    for name in ("title", "start", "end", "timezone", "place", "event"):
        value = meeting.get(name)
        if isinstance(value, str):
            setattr(header, name, value)
    if isinstance(meeting.get("date"), str):
        header.date = find_date(meeting["date"])
    return header


def read_convokit(path: str, text: str) -> Document:
    """ConvoKit's utterances.jsonl: one JSON object per line with speaker and text."""
    check_json_nesting(text, path)
    lines = text.split("\n")
    if len(lines) > MAX_SEGMENTS:  # counted before any line is parsed
        check_segment_count(sum(map(bool, map(str.strip, lines))), path, "utterances")
    segments = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = _json_value(path, line, number)
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise TranscriptError(
                path, "an utterance needs a text string", line=number, field="text"
            )
        speaker = item.get("speaker")
        if isinstance(speaker, dict):  # older ConvoKit dumps embed the speaker object
            speaker = speaker.get("id")
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        label = meta.get("speaker_label") or speaker
        segments.append(
            Segment(speaker=str(label) if label else None, text=item["text"], line=number)
        )
    if not segments:
        raise TranscriptError(path, "no utterances")
    return document_from_segments(path, "convokit", segments)
