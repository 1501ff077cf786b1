"""Speech to words with faster-whisper: one chunk at a time, times from the recording's start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from commonweal.speech.audio import Chunk
from commonweal.speech.limits import SAMPLE_RATE

# Beam search of 5, as Whisper's own evaluation; 1 (greedy) is faster and a little worse.
BEAM_SIZE = 5
# Words put before every window, per language. Whisper writes Chinese in either script,
# even switching between windows; a sentence in simplified characters keeps it to the
# simplified script the platform shows (zh-Hans), and cuts the character error rate
# on the benchmark from 36 % to 14 % (docs/performance.md).
HINTS = {"zh": "这是简体中文的普通话会议记录。"}


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str  # with its leading space, as Whisper writes it


@dataclass(frozen=True)
class Heard:
    """One stretch Whisper recognised, with each word's times."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...]


def recognise(
    model: object,
    chunk: Chunk,
    *,
    language: str | None,
    beam_size: int = BEAM_SIZE,
    on_progress: Callable[[float], None] | None = None,
) -> tuple[str, list[Heard]]:
    """The language heard (``language`` when given) and what was said in ``chunk``.

    Silero voice activity detection skips the pauses first (it also keeps Whisper from
    inventing words in silence); each word keeps its own timestamps.
    """
    length = len(chunk.samples) / SAMPLE_RATE
    language = language or detect_language(model, chunk)
    segments, info = model.transcribe(
        chunk.samples,
        language=language,
        hotwords=HINTS.get(language or ""),
        beam_size=beam_size,
        vad_filter=True,
        word_timestamps=True,
        # Each window decoded on its own: a misheard stretch cannot start a loop that
        # repeats it for minutes.
        condition_on_previous_text=False,
    )
    heard = []
    for segment in segments:
        words = tuple(
            Word(chunk.offset + float(w.start), chunk.offset + float(w.end), w.word)
            for w in segment.words or ()
            if w.word.strip()
        )
        text = segment.text.strip()
        if text and words:
            heard.append(
                Heard(
                    chunk.offset + float(segment.start),
                    chunk.offset + float(segment.end),
                    text,
                    words,
                )
            )
        if on_progress and length:
            on_progress(min(float(segment.end) / length, 1.0))
    return info.language, heard


def detect_language(model: object, chunk: Chunk) -> str | None:
    """The language of the first 30 seconds of speech in the chunk (None: no speech to
    tell by; Whisper then guesses from the chunk's start). English-only models hear
    English."""
    if not model.model.is_multilingual:
        return "en"
    try:
        language, _, _ = model.detect_language(chunk.samples, vad_filter=True)
    except ValueError:  # no speech in the chunk
        return None
    return language


def known_language(code: str) -> bool:
    """Whether Whisper was trained on this language (ISO 639-1 codes, and a few more)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    return code in _LANGUAGE_CODES
