"""The speech engine: a recording in, a speaker-attributed timed transcript out.

No Django; usable from the command line (``commonweal transcribe``) on plain files.
``transcribe`` is the whole pipeline; the modules are its steps (audio -> recognise ->
voices) and what comes out of it (transcription, writers). docs/audio.md.
"""

from __future__ import annotations

from commonweal.speech.errors import SpeechError
from commonweal.speech.limits import AUDIO_SUFFIXES, MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS
from commonweal.speech.models import bundled_model_dir
from commonweal.speech.pipeline import transcribe
from commonweal.speech.transcription import SpeechSegment, Transcription, Voice
from commonweal.speech.voices import voice_similarity
from commonweal.speech.writers import to_segments_json

__all__ = [
    "AUDIO_SUFFIXES",
    "MAX_AUDIO_BYTES",
    "MAX_AUDIO_SECONDS",
    "SpeechError",
    "SpeechSegment",
    "Transcription",
    "Voice",
    "bundled_model_dir",
    "to_segments_json",
    "transcribe",
    "voice_similarity",
]
