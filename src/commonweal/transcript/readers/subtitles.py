"""WebVTT and SRT: cues with timestamps, speakers in voice tags or "Name:" prefixes.

Our own small parser rather than webvtt-py: it reports the line of a malformed cue,
reads voice tags (<v Name>) and ">>" speaker changes, and is several times faster.
"""

from __future__ import annotations

import html
import re

from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.labels import read_label
from commonweal.transcript.model import VOICE, Document
from commonweal.transcript.readers.bounds import check_segment_count
from commonweal.transcript.readers.segments import Segment, document_from_segments

_VTT_TIME = re.compile(r"^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_SRT_TIME = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$")
_VOICE_TAG = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")


def _seconds(stamp: str, pattern: re.Pattern[str]) -> float | None:
    found = pattern.match(stamp)
    if not found:
        return None
    hours, minutes, seconds, fraction = found.groups()
    return (
        int(hours or 0) * 3600
        + int(minutes) * 60
        + int(seconds)
        + int(fraction) / 10 ** len(fraction)
    )


def _blocks(path: str, text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) for each block of non-blank lines."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            check_segment_count(len(blocks), path, "cues", line=start)
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _timing(path: str, line: str, number: int, pattern: re.Pattern[str]) -> tuple[float, float]:
    parts = line.split("-->")
    if len(parts) != 2:
        raise TranscriptError(path, "malformed cue timing (expected 'START --> END')", line=number)
    start = _seconds(parts[0].strip(), pattern)
    end = _seconds(parts[1].strip().split()[0] if parts[1].strip() else "", pattern)
    if start is None or end is None:
        raise TranscriptError(path, f"malformed timestamp in '{line.strip()[:60]}'", line=number)
    if end < start:
        raise TranscriptError(path, "cue ends before it starts", line=number)
    return start, end


def _speaker_and_text(raw: str) -> tuple[str | None, str]:
    voice = _VOICE_TAG.search(raw)
    speaker = voice.group(1).strip() if voice else None
    text = html.unescape(_TAG.sub("", raw)).strip()
    if text.startswith(VOICE):  # ">>" marks a change of speaker in broadcast captions
        text = text[len(VOICE) :].strip()
        speaker = speaker or VOICE
    if speaker is None or speaker == VOICE:
        label = read_label(text)
        if label is not None:
            return label.name, label.rest
    return speaker, text


def read_webvtt(path: str, text: str) -> Document:
    text = text.lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise TranscriptError(path, "not WebVTT: the first line must be 'WEBVTT'", line=1)
    segments: list[Segment] = []
    for first, lines in _blocks(path, text)[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in lines[0] else 1
        if timing_at >= len(lines) or "-->" not in lines[timing_at]:
            raise TranscriptError(path, "malformed cue: no 'START --> END' timing line", line=first)
        start, end = _timing(path, lines[timing_at], first + timing_at, _VTT_TIME)
        speaker, cue_text = _speaker_and_text("\n".join(lines[timing_at + 1 :]))
        segments.append(Segment(speaker, cue_text, first, start, end))
    if not segments:
        raise TranscriptError(path, "the WebVTT file has no cues")
    return document_from_segments(path, "webvtt", segments)


def read_srt(path: str, text: str) -> Document:
    segments: list[Segment] = []
    for first, lines in _blocks(path, text.lstrip("\ufeff")):
        timing_at = 1 if lines[0].strip().isdigit() else 0
        if timing_at >= len(lines) or "-->" not in lines[timing_at]:
            raise TranscriptError(
                path, "malformed SRT cue: no 'START --> END' timing line", line=first
            )
        start, end = _timing(path, lines[timing_at], first + timing_at, _SRT_TIME)
        speaker, cue_text = _speaker_and_text("\n".join(lines[timing_at + 1 :]))
        segments.append(Segment(speaker, cue_text, first, start, end))
    if not segments:
        raise TranscriptError(path, "the SRT file has no cues")
    return document_from_segments(path, "srt", segments)
