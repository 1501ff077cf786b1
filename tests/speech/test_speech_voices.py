"""Who said a short phrase: its neighbour's voice only when the speech runs on."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the audio extra is not installed")

from commonweal.speech.recognise import Word  # noqa: E402
from commonweal.speech.voices import EMBEDDING_SIZE, Phrase, assign_voices  # noqa: E402


def _phrase(start: float, end: float, segment: int, text: str) -> Phrase:
    return Phrase(start, end, (Word(start, end, " " + text),), segment)


def _voice(direction: int, noise: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    row = np.zeros(EMBEDDING_SIZE, dtype=np.float32)
    row[direction] = 1.0
    row += rng.normal(0, noise, EMBEDDING_SIZE).astype(np.float32) / np.sqrt(EMBEDDING_SIZE)
    return row / np.linalg.norm(row)


def _labels(phrases, voices):
    embeddings = np.stack([_voice(v, 0.3, seed) for seed, v in enumerate(voices)])
    labels, _ = assign_voices(phrases, embeddings, speakers=2)
    return labels.tolist()


def test_a_short_reply_after_a_pause_keeps_its_own_voice_inside_anothers_segment():
    # "Please go ahead." (0.8 s, the chair) and the next question (the other speaker)
    # in one of Whisper's segments, 0.66 s of silence between them.
    phrases = [
        _phrase(0.6, 4.3, 0, "Good morning everyone, let us begin."),
        _phrase(5.0, 8.9, 1, "Thank you, chair. I have a question."),
        _phrase(9.5, 10.3, 2, "Please go ahead."),
        _phrase(10.96, 13.9, 2, "How many regions will it cover?"),
        _phrase(14.5, 18.7, 3, "The secretariat proposed five regions."),
    ]
    assert _labels(phrases, [0, 1, 0, 1, 0]) == [0, 1, 0, 1, 0]


def test_a_short_phrase_run_on_from_a_long_one_takes_its_voice():
    # "Yes." said 0.1 s before the same speaker goes on: its own embedding (here leaning
    # to the other voice, as a second of speech may) is not trusted.
    phrases = [
        _phrase(0.0, 4.0, 0, "Good morning everyone, let us begin."),
        _phrase(4.6, 8.6, 1, "Thank you, chair. I have a question."),
        _phrase(9.2, 9.6, 2, "Yes."),
        _phrase(9.7, 13.0, 2, "The plan covers five regions this year."),
    ]
    assert _labels(phrases, [0, 1, 1, 0]) == [0, 1, 0, 0]
