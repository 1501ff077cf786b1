"""Conversations spoken by espeak-ng, for the tests, the benchmark and the demo.

Each speaker index gets its own voice (a different espeak-ng variant, pitch and pace)
so that the voice encoder has something to tell apart; the timings of what was said
come back as the truth to measure the engine against.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from math import gcd
from pathlib import Path

import numpy as np

from commonweal.speech.limits import SAMPLE_RATE

# espeak-ng's voice for each language the platform speaks.
LANGUAGE_VOICES = {
    "en": ("en-us",),
    "zh": ("cmn-latn-pinyin",),  # "cmn" reads the pinyin it finds with English rules
    "fr": ("fr-fr",),
    "es": ("es",),
    "ru": ("ru",),
    "ar": ("ar",),
}
# (variant, pitch 0-99, words per minute) per speaker index: the six variants the voice
# encoder tells apart best of the ones espeak-ng ships (cosine of their mean embeddings
# 0.54-0.74; the same voice saying different sentences, 0.78 or more), all of which
# Whisper base recognises with a word error rate under 3 %.
SPEAKER_STYLES = (
    ("Annie", 60, 170),
    ("m8", 30, 160),
    ("klatt", 60, 175),
    ("Storm", 60, 165),
    ("f2", 60, 180),
    ("m1", 30, 170),
)
_QUIET = 0.01  # espeak's leading and trailing near-silence is trimmed below this


def espeak_voice(language: str, speaker: int) -> list[str]:
    """The espeak-ng options that speak as this speaker in this language."""
    bases = LANGUAGE_VOICES.get(language.split("-")[0], (language,))
    variant, pitch, pace = SPEAKER_STYLES[speaker % len(SPEAKER_STYLES)]
    base = bases[speaker % len(bases)]
    return ["-v", f"{base}+{variant}", "-p", str(pitch), "-s", str(pace)]


def _espeak() -> str:
    found = shutil.which("espeak-ng")
    if found is None:
        raise RuntimeError(
            "espeak-ng is not installed (apt-get install espeak-ng); it speaks the "
            "synthetic conversations"
        )
    return found


def _say(program: str, options: list[str], text: str, folder: str) -> np.ndarray:
    """One utterance as 16 kHz float32 samples, its silent edges trimmed."""
    out = Path(folder) / "turn.wav"
    subprocess.run(  # noqa: S603 (espeak-ng from PATH; the text goes on stdin)
        [program, *options, "-w", str(out), "--stdin"],
        input=text.encode("utf-8"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    with wave.open(str(out)) as reader:
        rate = reader.getframerate()
        samples = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    audio = samples.astype(np.float32) / 32768.0
    if rate != SAMPLE_RATE:
        from scipy.signal import resample_poly

        common = gcd(rate, SAMPLE_RATE)
        audio = resample_poly(audio, SAMPLE_RATE // common, rate // common).astype(np.float32)
    loud = np.flatnonzero(np.abs(audio) > _QUIET)
    return audio[loud[0] : loud[-1] + 1] if loud.size else audio[:0]


def speak(
    turns: Sequence[tuple[int, str]],
    path: str,
    *,
    language: str = "en",
    pause: float = 0.6,
) -> list[tuple[float, float, int, str]]:
    """Speak ``(speaker, text)`` turns one after the other, ``pause`` seconds apart (and
    before the first), into a 16 kHz mono WAV at ``path``.

    Returns the truth: ``(start, end, speaker, text)`` per turn, in seconds. Raises
    RuntimeError with a plain reason when espeak-ng is not installed.
    """
    program = _espeak()
    gap = np.zeros(round(pause * SAMPLE_RATE), dtype=np.float32)
    pieces: list[np.ndarray] = [gap]
    truth: list[tuple[float, float, int, str]] = []
    position = len(gap)
    with tempfile.TemporaryDirectory(prefix="commonweal-speak-") as folder:
        for speaker, text in turns:
            audio = _say(program, espeak_voice(language, speaker), text, folder)
            start = position / SAMPLE_RATE
            position += len(audio)
            truth.append((start, position / SAMPLE_RATE, speaker, text))
            pieces += [audio, gap]
            position += len(gap)
    write_wav(path, np.concatenate(pieces))
    return truth


def write_wav(path: str, audio: np.ndarray) -> None:
    """16 kHz mono 16-bit PCM."""
    pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(pcm.tobytes())
