"""Recordings the product must refuse with one line naming the file, quickly: not audio,
empty, truncated, hours of silence, too large, no audio stream, a playlist."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from commonweal.speech import MAX_AUDIO_BYTES, SpeechError, transcribe
from commonweal.speech.limits import SAMPLE_RATE


def _encode_mp3(wav_path: str, mp3_path: str) -> None:
    with av.open(wav_path) as source, av.open(mp3_path, "w") as target:
        stream = target.add_stream("libmp3lame", rate=SAMPLE_RATE)
        stream.layout = "mono"
        for frame in source.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)


def _silence_flac(path: str, seconds: int) -> None:
    """An hour of digital silence, written a minute at a time."""
    with av.open(path, "w") as target:
        stream = target.add_stream("flac", rate=SAMPLE_RATE)
        stream.layout = "mono"
        stream.format = "s16"
        minute = np.zeros((1, SAMPLE_RATE * 60), dtype=np.int16)
        for _ in range(seconds // 60):
            frame = av.AudioFrame.from_ndarray(minute, format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)


def _video_without_sound(path: str) -> None:
    with av.open(path, "w") as target:
        stream = target.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.time_base = Fraction(1, 10)
        for number in range(10):
            picture = np.full((48, 64, 3), number * 20, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts = number
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)


@pytest.fixture(scope="module")
def hostile(exchange, speech_folder):
    """name -> (path, the words the one line must hold)."""
    folder = speech_folder / "hostile"
    folder.mkdir(exist_ok=True)
    wav = folder / "real.wav"
    wav.write_bytes(Path(exchange[0]).read_bytes())
    mp3 = folder / "real.mp3"
    _encode_mp3(str(wav), str(mp3))
    files = {
        "empty.wav": (b"", "empty file"),
        "short.wav": (wav.read_bytes()[:100], "no audio could be decoded"),
        "short.mp3": (mp3.read_bytes()[:100], "not an audio or video file"),
        "noise.mp3": (np.random.default_rng(7).bytes(64 * 1024), ""),
        "notes.txt": (b"Minutes of the meeting\nAll present.\n" * 50, "not an audio"),
        "list.m3u8": (b"#EXTM3U\n#EXTINF:10,\nhttp://example.org/a.mp3\n", "a playlist"),
    }
    cases = {}
    for name, (content, words) in files.items():
        (folder / name).write_bytes(content)
        cases[name] = (folder / name, words)
    huge = folder / "huge.wav"
    with open(huge, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: 2 GB without writing them
    cases["huge.wav"] = (huge, "larger than 1 GB")
    _silence_flac(str(folder / "silence.flac"), 3600)
    cases["silence.flac"] = (folder / "silence.flac", "no speech was heard")
    _video_without_sound(str(folder / "video.mp4"))
    cases["video.mp4"] = (folder / "video.mp4", "no audio stream")
    cases["missing.wav"] = (folder / "missing.wav", "no such file")
    cases["folder.wav"] = (folder, "not a file")
    return cases


CASES = [
    "empty.wav",
    "short.wav",
    "short.mp3",
    "noise.mp3",
    "notes.txt",
    "list.m3u8",
    "huge.wav",
    "silence.flac",
    "video.mp4",
    "missing.wav",
    "folder.wav",
]


@pytest.mark.parametrize("name", CASES)
def test_a_bad_recording_is_refused_in_one_line_naming_it(
    name, hostile, tiny_model, run_transcribe
):
    path, words = hostile[name]
    started = time.monotonic()
    done = run_transcribe(str(path), "--model", tiny_model, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"{path}: ")
    assert words in lines[0]
    assert time.monotonic() - started < 30


def test_a_file_over_the_limit_is_refused_before_it_is_opened(hostile, tiny_model):
    path, _ = hostile["huge.wav"]
    assert path.stat().st_size > MAX_AUDIO_BYTES
    started = time.monotonic()
    with pytest.raises(SpeechError, match="larger than"):
        transcribe(str(path), model_dir=tiny_model)
    assert time.monotonic() - started < 0.5


def test_a_recording_cut_in_half_gives_what_it_holds(exchange, hostile, tiny_model, tmp_path):
    """A recording whose upload broke off is transcribed as far as it goes."""
    for name in ("real.wav", "real.mp3"):
        data = (hostile["empty.wav"][0].parent / name).read_bytes()
        half = tmp_path / f"half-{name}"
        half.write_bytes(data[: len(data) // 2])
        result = transcribe(str(half), model_dir=tiny_model, speakers=2)
        assert "let us begin" in result.segments[0].text.lower()
        assert result.duration < exchange[1][-1][1] * 0.6


def test_a_missing_model_folder_is_named_in_one_line(exchange, tmp_path, run_transcribe):
    (tmp_path / "model.bin").write_bytes(b"\0" * 10)
    done = run_transcribe(exchange[0], "--model", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == (
        f"{tmp_path}: not a faster-whisper model folder: missing config.json, "
        "tokenizer.json, vocabulary.txt or vocabulary.json\n"
    )
