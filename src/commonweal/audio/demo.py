"""The demo's recording: two synthesised voices, transcribed and left waiting for review,
so the demo shows the review page. Skipped without espeak-ng (or the audio extra)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.core.files import File

from commonweal.audio.models import Recording
from commonweal.audio.services import recording_create, recording_run

DEMO_TITLE = "Outreach working group (recorded)"
DEMO_TURNS = (
    (0, "Welcome to the outreach working group. Today we review the fellowship budget."),
    (1, "Thank you. I suggest we fund two more fellows from the Asia Pacific region."),
    (0, "Noted. Please send the proposal to the secretariat before Friday."),
)


def recordings_load(*, by=None) -> Recording | None:
    """The demo recording, waiting for review; None when espeak-ng is not installed. Run
    twice, it adds nothing."""
    existing = Recording.objects.filter(title=DEMO_TITLE).first()
    if existing is not None:
        return existing
    if shutil.which("espeak-ng") is None:
        return None
    try:
        from commonweal.speech.synth import speak
    except ImportError:
        return None
    with tempfile.TemporaryDirectory(prefix="commonweal-demo-") as folder:
        path = Path(folder) / "outreach.wav"
        speak(DEMO_TURNS, str(path))
        with path.open("rb") as audio:
            recording = recording_create(
                upload=File(audio, name=path.name), title=DEMO_TITLE, language="en", user=by
            )
    recording_run(recording_id=recording.pk)
    recording.refresh_from_db()
    return recording
