"""Fuzz targets for the speech engine's decoding of untrusted recordings.

Each target writes the fuzzer's bytes under a recording's name and decodes them whole as
``commonweal transcribe`` does before recognition (``audio.read_chunks``: the limits, the
container and stream checks, FFmpeg's demuxing and decoding, resampling, the silence
gate), swallowing only SpeechError. Recognition itself is not fuzzed here (a model per
process is too heavy for the harness's memory limit); tests/speech holds a property test
of the whole pipeline on arbitrary bytes.
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

import av
import numpy as np

from commonweal.speech import SpeechError
from commonweal.speech.audio import is_silent, read_chunks

_FOLDER = Path(tempfile.mkdtemp(prefix="commonweal-fuzz-speech-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
_RATE = 16_000


def _decode_as(name: str):
    def fuzz(data: bytes) -> None:
        path = _FOLDER / name
        path.write_bytes(data)
        with suppress(SpeechError):
            for chunk in read_chunks(str(path)):
                is_silent(chunk.samples)

    fuzz.__name__ = f"fuzz_{name.replace('.', '_')}"
    return fuzz


def _tone(container: str, codec: str) -> bytes:
    """Half a second of a 440 Hz tone, encoded: a valid file to mutate."""
    buffer = io.BytesIO()
    samples = (np.sin(np.arange(_RATE // 2) * 2 * np.pi * 440 / _RATE) * 8000).astype(np.int16)
    with av.open(buffer, "w", format=container) as target:
        stream = target.add_stream(codec, rate=_RATE if codec != "libopus" else 48_000)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(samples[None], format="s16", layout="mono")
        frame.sample_rate = _RATE
        resampler = av.AudioResampler(format=stream.format, layout="mono", rate=stream.rate)
        for resampled in resampler.resample(frame):
            for packet in stream.encode(resampled):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return buffer.getvalue()


TARGETS = {
    "speech-wav": _decode_as("fuzz.wav"),
    "speech-mp3": _decode_as("fuzz.mp3"),
    "speech-flac": _decode_as("fuzz.flac"),
    "speech-ogg": _decode_as("fuzz.ogg"),
}
SEEDS = {
    "speech-wav": [_tone("wav", "pcm_s16le")],
    "speech-mp3": [_tone("mp3", "libmp3lame")],
    "speech-flac": [_tone("flac", "flac")],
    "speech-ogg": [_tone("ogg", "libopus")],
}
