"""A recording waiting for review, made directly (no engine), for tests of who may see it
and what erasure does."""

from __future__ import annotations

import io
import wave
from array import array

from commonweal.audio.models import Recording, Voice


def tiny_wav(seconds: float = 0.5) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(16000)
        writer.writeframes(b"\0\0" * int(16000 * seconds))
    return out.getvalue()


def recording_in_review(*, people=(), by=None) -> Recording:
    """A recording in review with one voice per person given (or one unnamed voice)."""
    recording = Recording.objects.create(
        title="Board call",
        original_name="board.wav",
        status=Recording.Status.REVIEW,
        progress=100,
        result=[{"start": 0.0, "end": 1.0, "text": "Hello.", "voice": 0}],
        created_by=by,
    )
    for index, person in enumerate(people or [None]):
        Voice.objects.create(
            recording=recording,
            index=index,
            label=f"Voice {index + 1}",
            seconds=1.0,
            embedding=array("f", [1.0] + [0.0] * 255).tobytes(),
            sample=tiny_wav(),
            person=person,
            confirmed=person is not None,
        )
    return recording
