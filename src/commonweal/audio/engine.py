"""The audio app's door to the speech engine: transcribe a stored recording with the
configured model, cut a voice's sample to listen to, and give the engine's result back
to it when the meeting is written.

The engine imports no Django; what the platform decides (which model, the file's name a
person gave) is settled here.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Callable, Iterable
from pathlib import Path

import av
from django.conf import settings

from commonweal.speech import (
    AUDIO_SUFFIXES,
    MAX_AUDIO_BYTES,
    SpeechError,
    SpeechSegment,
    Transcription,
    Voice,
    to_segments_json,
    transcribe,
)

__all__ = [
    "AUDIO_SUFFIXES",
    "MAX_AUDIO_BYTES",
    "SAMPLE_MAX_SECONDS",
    "SpeechError",
    "recording_transcribe",
    "segments_json",
    "wav_sample",
]

SAMPLE_RATE = 16_000
SAMPLE_MAX_SECONDS = 10.0


def recording_transcribe(
    path: Path,
    *,
    shown_name: str,
    language: str = "",
    speakers: int | None = None,
    on_progress: Callable[[str, float], None] | None = None,
) -> Transcription:
    """Transcribe the audio at ``path`` with the configured model. A SpeechError names
    ``shown_name``, the file the person uploaded, not the private name on disk."""
    try:
        return transcribe(
            str(path),
            model_dir=settings.SPEECH_MODEL_DIR or None,
            language=language or None,
            speakers=speakers,
            on_progress=on_progress,
        )
    except SpeechError as error:
        raise SpeechError(shown_name, error.message) from None


def segments_json(
    *,
    segments: Iterable[dict],
    voices: Iterable[tuple[int, str]],
    language: str,
    duration: float,
    names: dict[int, str],
    meeting: dict[str, str],
) -> bytes:
    """The speech-to-text JSON the transcript engine reads, from a stored result:
    ``segments`` as Recording.result holds them, ``voices`` (index, label) pairs."""
    labels = dict(voices)
    count = max([*labels, *(int(s["voice"]) for s in segments)], default=-1) + 1
    rebuilt = Transcription(
        source="",
        language=language,
        duration=duration,
        model="",
        segments=tuple(
            SpeechSegment(
                start=float(s["start"]),
                end=float(s["end"]),
                text=str(s["text"]),
                voice=int(s["voice"]),
            )
            for s in segments
        ),
        voices=tuple(
            Voice(
                index=index,
                label=labels.get(index, f"Voice {index + 1}"),
                seconds=0.0,
                embedding=(),
                sample_start=0.0,
                sample_end=0.0,
            )
            for index in range(count)
        ),
    )
    return to_segments_json(rebuilt, names=names, meeting=meeting).encode()


def wav_sample(path: Path, start: float, end: float) -> bytes:
    """The stretch ``start``..``end`` (at most SAMPLE_MAX_SECONDS) of the recording as a
    16 kHz mono 16-bit WAV, decoded from just before ``start`` rather than from the
    beginning. Empty bytes when nothing could be decoded there."""
    end = min(end, start + SAMPLE_MAX_SECONDS)
    if end <= start:
        return b""
    try:
        pcm, first = _pcm_from(path, start, end)
    except (av.error.FFmpegError, OSError, ValueError, IndexError):
        return b""
    offset = max(0, round((start - first) * SAMPLE_RATE)) * 2
    length = round((end - start) * SAMPLE_RATE) * 2
    wanted = pcm[offset : offset + length]
    if not wanted:
        return b""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(wanted)
    return out.getvalue()


def _pcm_from(path: Path, start: float, end: float) -> tuple[bytes, float]:
    """16 kHz mono 16-bit samples from a frame at or before ``start`` until past ``end``,
    and the time of the first of them."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        if start > 0 and stream.time_base:
            container.seek(int(start / stream.time_base), stream=stream)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        pieces: list[bytes] = []
        first: float | None = None
        decoded = 0
        for frame in container.decode(stream):
            if first is None:
                first = float(frame.time) if frame.time is not None else 0.0
            for out in resampler.resample(frame):
                pieces.append(bytes(out.planes[0])[: out.samples * 2])
                decoded += out.samples
            if first + decoded / SAMPLE_RATE >= end:
                break
        else:
            for out in resampler.resample(None):
                pieces.append(bytes(out.planes[0])[: out.samples * 2])
    return b"".join(pieces), first or 0.0
