"""The limits a recording is held to, each checked before the cost it protects.

The size is refused before the file is opened; the length is refused from what the
container declares and again while decoding (a container may lie). docs/formats.md and
docs/audio.md list them; a day's meeting is far inside each.
"""

from __future__ import annotations

# A six-hour meeting as a 128 kbit/s MP3 is about 350 MB; video of it can be more.
MAX_AUDIO_BYTES = 1024 * 1024 * 1024
# The longest session we transcribe in one go.
MAX_AUDIO_SECONDS = 6 * 3600
# What the upload page and the command take (decoding sniffs the content, not the name).
AUDIO_SUFFIXES = (
    ".wav",
    ".mp3",
    ".m4a",
    ".ogg",
    ".oga",
    ".opus",
    ".flac",
    ".webm",
    ".mp4",
    ".mkv",
    ".mov",
)

# Whisper and the voice encoder both hear 16 kHz mono.
SAMPLE_RATE = 16_000
# Audio is decoded, recognised and embedded this many seconds at a time, so memory stays
# about 40 MB of samples whatever the length; a chunk is cut at its quietest moment in
# the last CUT_SEARCH_SECONDS so that no word is split.
CHUNK_SECONDS = 600
CUT_SEARCH_SECONDS = 20
# A chunk whose every 30 ms frame is below this RMS (-60 dBFS) is silence and skipped.
SILENCE_RMS = 0.001
