"""Decoding a recording defensively: limits first, then 16 kHz mono float32 in chunks.

Untrusted files are refused with a SpeechError naming them: over MAX_AUDIO_BYTES before
they are opened, anything FFmpeg does not read as audio or video, containers of kinds
that open other files (playlists, concat lists), no audio stream, nothing decodable, and
over MAX_AUDIO_SECONDS by the container's word or by counting while decoding. Samples
come out CHUNK_SECONDS at a time, each cut at a quiet moment, so memory stays bounded
whatever the length.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from commonweal.speech.errors import SpeechError
from commonweal.speech.limits import (
    CHUNK_SECONDS,
    CUT_SEARCH_SECONDS,
    MAX_AUDIO_BYTES,
    MAX_AUDIO_SECONDS,
    SAMPLE_RATE,
    SILENCE_RMS,
)

# FFmpeg demuxers a recording comes in; others (playlists, concat lists, images,
# subtitles, raw guesses) are refused, as some open further files or URLs.
_CONTAINERS = frozenset(
    (
        "wav",
        "w64",
        "mp3",
        "mov",
        "mp4",
        "m4a",
        "3gp",
        "3g2",
        "mj2",
        "ogg",
        "flac",
        "matroska",
        "webm",
        "aac",
        "aiff",
        "caf",
        "asf",
        "avi",
        "amr",
        "amrnb",
        "amrwb",
        "mpeg",
        "mpegts",
        "au",
    )
)
# Playlists name other files or URLs; refused before FFmpeg follows them.
_PLAYLIST_STARTS = (b"#EXTM3U", b"ffconcat", b"[playlist]", b"<?xml")
_FRAME = SAMPLE_RATE * 30 // 1000  # 30 ms, for the silence gate
_CUT_FRAME = SAMPLE_RATE // 10  # 100 ms, for finding a quiet place to cut
_LEAST = SAMPLE_RATE // 10  # less than 100 ms decoded is a file broken off at its start


@dataclass(frozen=True)
class Chunk:
    offset: float  # seconds from the start of the recording
    samples: np.ndarray  # 16 kHz mono float32


def check_file(path: str) -> int:
    """The file's size, once it is known to be a non-empty regular file within limits."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SpeechError(path, "no such file") from None
    except OSError as error:
        raise SpeechError(path, error.strerror or "cannot be read") from None
    if not stat.S_ISREG(info.st_mode):
        raise SpeechError(path, "not a file")
    if info.st_size == 0:
        raise SpeechError(path, "empty file")
    if info.st_size > MAX_AUDIO_BYTES:
        limit = MAX_AUDIO_BYTES / 1024**3
        raise SpeechError(path, f"larger than {limit:g} GB; refused")
    with open(path, "rb") as handle:
        if handle.read(64).lstrip().startswith(_PLAYLIST_STARTS):
            raise SpeechError(path, "a playlist, not a recording")
    return info.st_size


@contextmanager
def _opened(path: str) -> Iterator[tuple[object, object]]:
    """The container and its first audio stream, or a SpeechError."""
    import av

    try:
        # "file:" so a name like "concat:a|b" is a file name; only files may be opened.
        container = av.open(
            "file:" + os.path.abspath(path),
            options={"protocol_whitelist": "file"},
            metadata_errors="ignore",
        )
    except (av.FFmpegError, OSError, ValueError, UnicodeError):
        raise SpeechError(path, "not an audio or video file") from None
    try:
        if not set(container.format.name.split(",")) & _CONTAINERS:
            raise SpeechError(path, "not an audio or video file")
        stream = next((s for s in container.streams if s.type == "audio"), None)
        if stream is None:
            raise SpeechError(path, "no audio stream in this file")
        yield container, stream
    finally:
        container.close()


def declared_seconds(container: object, stream: object) -> float | None:
    """The length the container declares, if it declares one."""
    if container.duration and container.duration > 0:
        return container.duration / 1_000_000
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def probe(path: str) -> float | None:
    """Refuse what is not a usable recording without decoding it (size, kind, audio
    stream, declared length); the length it declares, if any."""
    check_file(path)
    with _opened(path) as (container, stream):
        declared = declared_seconds(container, stream)
    if declared is not None and declared > MAX_AUDIO_SECONDS:
        raise _too_long(path)
    return declared


def _too_long(path: str) -> SpeechError:
    return SpeechError(path, f"longer than {MAX_AUDIO_SECONDS / 3600:g} hours; refused")


def _decoded(path: str, container: object, stream: object) -> Iterator[np.ndarray]:
    """Every decodable frame as 16 kHz mono float32; a damaged packet is skipped, and a
    stream that breaks off ends where it broke (a truncated file gives what it holds)."""
    import av

    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    packets = container.demux(stream)
    while True:
        try:
            packet = next(packets)
        except StopIteration:
            break
        except (av.FFmpegError, OSError, ValueError):
            break
        try:
            frames = packet.decode()
            for frame in frames:
                for out in resampler.resample(frame):
                    yield out.to_ndarray().reshape(-1)
        except (av.FFmpegError, ValueError):
            continue
    try:
        for out in resampler.resample(None):
            yield out.to_ndarray().reshape(-1)
    except (av.FFmpegError, ValueError):
        return


def _quiet_cut(samples: np.ndarray) -> int:
    """Where to end a chunk: the quietest 100 ms in the last CUT_SEARCH_SECONDS."""
    end = CHUNK_SECONDS * SAMPLE_RATE
    start = end - CUT_SEARCH_SECONDS * SAMPLE_RATE
    frames = samples[start:end].reshape(-1, _CUT_FRAME)
    return start + int(np.argmin(np.mean(frames**2, axis=1))) * _CUT_FRAME + _CUT_FRAME // 2


def read_chunks(path: str, on_progress: Callable[[float], None] | None = None) -> Iterator[Chunk]:
    """The recording as chunks of at most about CHUNK_SECONDS; raises SpeechError for a
    file that is not a usable recording. ``on_progress`` hears the share decoded."""
    check_file(path)
    with _opened(path) as (container, stream):
        declared = declared_seconds(container, stream)
        if declared is not None and declared > MAX_AUDIO_SECONDS:
            raise _too_long(path)
        limit = MAX_AUDIO_SECONDS * SAMPLE_RATE
        full = (CHUNK_SECONDS + CUT_SEARCH_SECONDS) * SAMPLE_RATE
        pending: list[np.ndarray] = []
        held = done = 0
        for samples in _decoded(path, container, stream):
            pending.append(samples)
            held += len(samples)
            if done + held > limit:
                raise _too_long(path)
            if held < full:
                continue
            buffer = np.concatenate(pending)
            cut = _quiet_cut(buffer)
            yield Chunk(done / SAMPLE_RATE, buffer[:cut])
            done += cut
            pending, held = [buffer[cut:]], len(buffer) - cut
            if on_progress and declared:
                on_progress(min(done / SAMPLE_RATE / declared, 1.0))
        if done + held < _LEAST:
            raise SpeechError(path, "no audio could be decoded (truncated or damaged)")
        if held:
            yield Chunk(done / SAMPLE_RATE, np.concatenate(pending))
        if on_progress:
            on_progress(1.0)


def is_silent(samples: np.ndarray) -> bool:
    """True when no 30 ms frame rises above SILENCE_RMS: nothing to recognise."""
    usable = len(samples) - len(samples) % _FRAME
    if usable == 0:
        return True
    power = np.mean(samples[:usable].reshape(-1, _FRAME) ** 2, axis=1)
    return bool(np.max(power) < SILENCE_RMS**2)
