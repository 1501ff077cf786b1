"""A recording in, a speaker-attributed timed transcript out: ``transcribe``.

Chunk by chunk (audio.read_chunks): silence skipped, words recognised (recognise), the
phrases between pauses embedded (voices); once the whole recording is heard, the phrases
are clustered into voices and joined back into segments. Only one chunk of samples is
held at a time; what accumulates is words and 256 floats per phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from commonweal.speech.audio import is_silent, probe, read_chunks
from commonweal.speech.errors import SpeechError
from commonweal.speech.limits import SAMPLE_RATE
from commonweal.speech.models import bundled_model_dir, load_model, model_name
from commonweal.speech.recognise import BEAM_SIZE, known_language, recognise
from commonweal.speech.transcription import SpeechSegment, Transcription, Voice
from commonweal.speech.voices import (
    Phrase,
    assign_voices,
    embed_phrases,
    fit_to_sound,
    phrases_of,
)

Progress = Callable[[str, float], None]
MAX_SPEAKERS = 20
SAMPLE_SECONDS = (3.0, 10.0)  # the shortest and longest stretch offered to listen to


@dataclass
class _Heard:
    language: str | None
    duration: float = 0.0
    segments: int = 0
    phrases: list[Phrase] = field(default_factory=list)
    embeddings: list[np.ndarray] = field(default_factory=list)


def transcribe(
    path: str,
    *,
    model_dir: str | None = None,
    language: str | None = None,
    speakers: int | None = None,
    on_progress: Progress | None = None,
    device: str = "cpu",
    threads: int | None = None,
    beam_size: int = BEAM_SIZE,
) -> Transcription:
    """Recognise what is said in the recording at ``path`` and who of its voices said it.

    ``model_dir``: a faster-whisper folder (None: the bundled Whisper base); ``language``:
    an ISO 639-1 code, None to detect it from the first speech; ``speakers``: how many
    voices there are, None to estimate. ``on_progress(step, fraction)`` hears "decoding",
    "recognising" and "voices", each from 0 to 1 (decoding and recognising go chunk by
    chunk, so they alternate). Raises SpeechError for anything it cannot use.
    """
    if speakers is not None and not 1 <= speakers <= MAX_SPEAKERS:
        raise SpeechError(path, f"the number of speakers must be 1 to {MAX_SPEAKERS}")
    if language is not None and not known_language(language):
        raise SpeechError(path, f"'{language}' is not a language code Whisper knows (en, zh, fr …)")
    declared = probe(path)  # a file that is no recording is refused before the model loads
    folder = model_dir or bundled_model_dir()
    model = load_model(folder, device=device, threads=threads)
    report = on_progress or (lambda step, fraction: None)
    heard = _hear(path, model, report, language=language, beam_size=beam_size, declared=declared)
    if not heard.phrases:
        raise SpeechError(path, "no speech was heard")
    report("voices", 0.0)
    labels, centroids = assign_voices(heard.phrases, np.concatenate(heard.embeddings), speakers)
    segments = _segments(heard.phrases, labels)
    report("voices", 1.0)
    return Transcription(
        source=path,
        language=heard.language or "",
        duration=round(heard.duration, 3),
        model=model_name(folder),
        segments=segments,
        voices=_voices(segments, centroids),
    )


def _hear(
    path: str,
    model: object,
    report: Progress,
    *,
    language: str | None,
    beam_size: int,
    declared: float | None,
) -> _Heard:
    heard = _Heard(language)

    def decoded(fraction: float) -> None:
        report("decoding", fraction)

    for chunk in read_chunks(path, decoded):
        length = len(chunk.samples) / SAMPLE_RATE
        heard.duration = chunk.offset + length
        if is_silent(chunk.samples):
            continue

        def recognised(
            fraction: float, chunk_start: float = chunk.offset, span: float = length
        ) -> None:
            total = max(declared or 0.0, heard.duration)
            report("recognising", min((chunk_start + fraction * span) / total, 1.0))

        found, said = recognise(
            model, chunk, language=heard.language, beam_size=beam_size, on_progress=recognised
        )
        if not said:
            continue
        heard.language = heard.language or found  # the first speech decides the language
        phrases = phrases_of(said, heard.segments)
        fit_to_sound(phrases, chunk.samples, chunk.offset)
        heard.segments += len(said)
        heard.phrases += phrases
        heard.embeddings.append(embed_phrases(chunk.samples, chunk.offset, phrases))
    return heard


def _segments(phrases: Sequence[Phrase], labels: np.ndarray) -> tuple[SpeechSegment, ...]:
    """Consecutive phrases of one Whisper segment said by one voice, joined again."""
    runs: list[tuple[Phrase, int, list[Phrase]]] = []
    for phrase, voice in zip(phrases, labels.tolist(), strict=True):
        if runs and runs[-1][0].segment == phrase.segment and runs[-1][1] == voice:
            runs[-1][2].append(phrase)
        else:
            runs.append((phrase, voice, [phrase]))
    return tuple(
        SpeechSegment(
            start=round(run[0].start, 3),
            end=round(run[-1].end, 3),
            text="".join(word.text for p in run for word in p.words).strip(),
            voice=voice,
        )
        for _, voice, run in runs
    )


def _voices(segments: Sequence[SpeechSegment], centroids: np.ndarray) -> tuple[Voice, ...]:
    voices = []
    for index, centroid in enumerate(centroids):
        own = [s for s in segments if s.voice == index]
        start, end = _sample(segments, index)
        voices.append(
            Voice(
                index=index,
                label=f"Voice {index + 1}",
                seconds=round(sum(s.end - s.start for s in own), 3),
                embedding=tuple(float(x) for x in centroid),
                sample_start=start,
                sample_end=end,
            )
        )
    return tuple(voices)


def _sample(segments: Sequence[SpeechSegment], voice: int) -> tuple[float, float]:
    """The voice's longest uninterrupted turn, cut to at most SAMPLE_SECONDS[1] (and
    stretched to SAMPLE_SECONDS[0] where the turn is shorter)."""
    best = (0.0, 0.0)
    turn_start = None
    for position, segment in enumerate(segments):
        if segment.voice != voice:
            turn_start = None
            continue
        turn_start = segment.start if turn_start is None else turn_start
        following = segments[position + 1] if position + 1 < len(segments) else None
        ends_turn = following is None or following.voice != voice
        if ends_turn and segment.end - turn_start > best[1] - best[0]:
            best = (turn_start, segment.end)
    start, end = best
    end = min(max(end, start + SAMPLE_SECONDS[0]), start + SAMPLE_SECONDS[1])
    return round(start, 3), round(end, 3)
