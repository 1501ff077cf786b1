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
from commonweal.transcript.textparse import find_mentions


@dataclass
class Segment:
    speaker: str | None
    text: str
    line: int
    start: float | None = None
    end: float | None = None


def document_from_segments(
    path: str, source_format: str, segments: list[Segment], header: Header | None = None
) -> Document:
    turns: list[RawTurn] = []
    for segment in segments:
        text, annotations = lift_annotations(segment.text.strip())
        text = " ".join(text.split())
        previous = turns[-1] if turns else None
        if previous is not None and segment.speaker in (None, previous.label):
            _extend(previous, text, annotations, segment)
            continue
        turns.append(
            RawTurn(
                label=segment.speaker or VOICE,
                text=text,
                line=segment.line,
                annotations=annotations,
                start=segment.start,
                end=segment.end,
            )
        )
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


def _extend(turn: RawTurn, text: str, annotations: list[Annotation], segment: Segment) -> None:
    separator = " " if turn.text and text else ""
    base = len(turn.text) + len(separator)
    for annotation in annotations:
        annotation.offset += base
    turn.annotations.extend(annotations)
    turn.text += separator + text
    if segment.end is not None:
        turn.end = segment.end


def read_json(path: str, text: str) -> Document:
    """A JSON list of {speaker, text} turns, or segments with start and end times.

    Accepts a bare list, or an object holding it under "segments", "turns" or
    "utterances" (as WhisperX, pyannote pipelines and similar tools write), with an
    optional "meeting" object giving title, date, start, end, timezone and place.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TranscriptError(path, f"not valid JSON: {error.msg}", line=error.lineno) from None
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
    segments = [
        _segment(path, f"{key or '$'}[{number}]", item, number + 1)
        for number, item in enumerate(data)
    ]
    timed = all(segment.start is not None for segment in segments)
    return document_from_segments(
        path, "json-segments" if timed else "json-turns", segments, header
    )


def _segment(path: str, where: str, item: object, number: int) -> Segment:
    if not isinstance(item, dict):
        raise TranscriptError(path, "each turn must be an object", field=where)
    text = item.get("text")
    if not isinstance(text, str):
        raise TranscriptError(path, "a turn needs a text string", field=f"{where}.text")
    speaker = item.get("speaker", item.get("speaker_label"))
    if speaker is not None and not isinstance(speaker, (str, int)):
        raise TranscriptError(path, "speaker must be a string", field=f"{where}.speaker")
    start, end = item.get("start"), item.get("end")
    for name, value in (("start", start), ("end", end)):
        if value is not None and (
            not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0
        ):
            raise TranscriptError(
                path, f"{name} must be a number of seconds", field=f"{where}.{name}"
            )
    if start is not None and end is not None and end < start:
        raise TranscriptError(path, "end is before start", field=f"{where}.end")
    return Segment(
        speaker=str(speaker).strip() or None if speaker is not None else None,
        text=text,
        line=number,
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
    segments = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise TranscriptError(path, f"not valid JSON: {error.msg}", line=number) from None
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
