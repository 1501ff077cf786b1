"""What the speech engine returns: timed segments, each said by one of the voices found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeechSegment:
    start: float  # seconds from the start of the recording
    end: float
    text: str
    voice: int  # index into Transcription.voices


@dataclass(frozen=True)
class Voice:
    index: int
    label: str  # "Voice 1", "Voice 2" ... numbered in order of first speech
    seconds: float  # speaking time
    embedding: tuple[float, ...]  # L2-normalised speaker embedding (256 floats)
    sample_start: float  # a representative stretch (3-10 s) to listen to
    sample_end: float


@dataclass(frozen=True)
class Transcription:
    source: str
    language: str
    duration: float
    model: str
    segments: tuple[SpeechSegment, ...]
    voices: tuple[Voice, ...]
