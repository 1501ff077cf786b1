"""A transcription written out: the speech-to-text JSON the transcript engine reads,
WebVTT with voice tags, SRT with "Name: " prefixes, and plain text.

Every writer takes ``names`` (voice index -> a person's name) and otherwise uses the
voice's label ("Voice 1"), so the transcript engine sees one speaker per voice.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from commonweal.speech.transcription import SpeechSegment, Transcription


def speaker_name(t: Transcription, segment: SpeechSegment, names: Mapping[int, str] | None) -> str:
    given = (names or {}).get(segment.voice, "")
    name = " ".join(str(given).split())
    return name or t.voices[segment.voice].label


def to_segments_json(
    t: Transcription,
    names: Mapping[int, str] | None = None,
    meeting: Mapping[str, str] | None = None,
) -> str:
    """The JSON of docs/formats.md ("Speech-to-text JSON"), which ``commonweal parse``
    and the meeting upload page read: {"meeting": {...}, "segments": [{speaker, text,
    start, end}]}. Times in seconds, rounded to the millisecond."""
    data: dict[str, object] = {}
    if meeting:
        data["meeting"] = {key: str(value) for key, value in meeting.items()}
    data["language"] = t.language
    data["segments"] = [
        {
            "speaker": speaker_name(t, segment, names),
            "text": segment.text,
            "start": round(segment.start, 3),
            "end": round(segment.end, 3),
        }
        for segment in t.segments
    ]
    return json.dumps(data, ensure_ascii=False, indent=1)


def _stamp(seconds: float, separator: str) -> str:
    millis = round(max(seconds, 0.0) * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    whole, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line would end the cue; a cue's text is kept on one line.
    return " ".join(text.split())


def to_vtt(t: Transcription, names: Mapping[int, str] | None = None) -> str:
    lines = ["WEBVTT", ""]
    for number, segment in enumerate(t.segments, start=1):
        # A voice tag's name ends at ">", and "&" or "<" would open markup.
        name = _one_line(speaker_name(t, segment, names)).translate({60: "", 62: "", 38: "+"})
        lines += [
            str(number),
            f"{_stamp(segment.start, '.')} --> {_stamp(segment.end, '.')}",
            f"<v {name}>{html.escape(_one_line(segment.text), quote=False)}",
            "",
        ]
    return "\n".join(lines)


def to_srt(t: Transcription, names: Mapping[int, str] | None = None) -> str:
    lines = []
    for number, segment in enumerate(t.segments, start=1):
        # The reader takes the name up to the first colon and drops anything in <>.
        name = _one_line(speaker_name(t, segment, names)).translate({58: "", 60: "", 62: ""})
        lines += [
            str(number),
            f"{_stamp(segment.start, ',')} --> {_stamp(segment.end, ',')}",
            f"{name}: {_one_line(segment.text)}",
            "",
        ]
    return "\n".join(lines)


def to_txt(t: Transcription, names: Mapping[int, str] | None = None) -> str:
    """One paragraph per turn: consecutive segments of one voice are joined."""
    paragraphs: list[tuple[str, float, list[str]]] = []
    for segment in t.segments:
        name = speaker_name(t, segment, names)
        if paragraphs and paragraphs[-1][0] == name:
            paragraphs[-1][2].append(_one_line(segment.text))
        else:
            paragraphs.append((name, segment.start, [_one_line(segment.text)]))
    return "".join(
        f"[{_stamp(start, '.')[:8]}] {name}: {' '.join(texts)}\n\n"
        for name, start, texts in paragraphs
    )
