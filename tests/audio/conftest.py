import pytest

from tests.audio.speech_audio import MEETING_TURNS, one_torch_thread, synthesise, tiny_model_dir


@pytest.fixture(scope="session", autouse=True)
def _voice_encoder_on_one_thread():
    """The voice encoder's LSTM on one thread: on a busy two-core machine its two threads
    wait on each other at every step (45 s for 20 s of audio instead of 3 s)."""
    yield from one_torch_thread()


@pytest.fixture(autouse=True)
def _speech_settings(settings, tmp_path):
    """The tiny English model, and a media folder of this test's own."""
    settings.SPEECH_MODEL_DIR = tiny_model_dir()
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def meeting_audio(tmp_path_factory):
    """A two-voice meeting as a WAV file, and the truth of who spoke when."""
    path = tmp_path_factory.mktemp("speech") / "outreach.wav"
    truth = synthesise(MEETING_TURNS, path)
    return path, truth


@pytest.fixture
def secretariat(role_users, client):
    client.force_login(role_users["secretariat"])
    return role_users["secretariat"]
