"""Whatever bytes arrive as a recording, the engine answers with a SpeechError or a
transcription, never another exception."""

from __future__ import annotations

import struct

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonweal.speech import SpeechError, transcribe


def _wav_header(data_size: int) -> bytes:
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_size)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
        + b"data"
        + struct.pack("<I", data_size)
    )


# Real containers' first bytes, so that some examples get past the probe into decoding.
_STARTS = st.sampled_from(
    [b"", _wav_header(32000), b"ID3\x03\x00\x00\x00\x00\x00\x00", b"fLaC", b"OggS\x00\x02"]
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=_STARTS, body=st.binary(max_size=4096))
def test_any_bytes_give_a_transcription_or_a_speech_error(start, body, tmp_path, tiny_model):
    path = tmp_path / "upload.mp3"
    path.write_bytes(start + body)
    try:
        result = transcribe(str(path), model_dir=tiny_model)
    except SpeechError as error:
        assert str(error).startswith(f"{path}: ")
        assert "\n" not in str(error)
    else:
        assert result.segments
