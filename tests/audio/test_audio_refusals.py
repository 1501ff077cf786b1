"""What the upload page and the background run refuse, each in one readable line, with
nothing kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.audio.models import Recording, Voice, recordings_folder
from commonweal.audio.services import recording_run
from commonweal.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def _post(client, name: str, data: bytes):
    return client.post(
        reverse("audio:new"),
        {"recording": SimpleUploadedFile(name, data), "title": "Board call", "language": ""},
    )


def _nothing_kept() -> bool:
    folder = recordings_folder()
    return not Recording.objects.exists() and not (folder.exists() and any(folder.iterdir()))


def test_a_file_that_is_not_a_recording_is_refused_with_a_readable_line(client, secretariat):
    response = _post(client, "minutes.docx", b"PK\x03\x04 not audio")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The recording was not added:" in page
    assert "minutes.docx: not a recording this page takes" in page
    assert _nothing_kept()


def test_a_file_over_the_size_limit_is_refused_with_a_readable_line(client, secretariat, settings):
    settings.AUDIO_UPLOAD_MB = 1
    response = _post(client, "long.wav", b"\0" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "long.wav: the file is larger than 1 MB" in response.content.decode()
    assert _nothing_kept()


def test_audio_the_engine_refuses_leaves_the_recording_failed_with_its_one_line(
    client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "session.mp3", b"ID3" + bytes(range(256)) * 64)
    recording = Recording.objects.get()
    assert response["Location"] == recording.get_absolute_url()
    assert recording.status == "failed"
    assert recording.message.startswith("session.mp3: ") and "\n" not in recording.message
    assert "Traceback" not in recording.message
    page = client.get(recording.get_absolute_url()).content.decode()
    assert "The recording could not be transcribed:" in page and "session.mp3: " in page
    assert list(recordings_folder().iterdir()) == []  # the refused audio is not kept
    assert not Voice.objects.exists() and not Meeting.objects.exists()
    recording_run(recording_id=recording.pk)  # a second run changes nothing
    assert Recording.objects.get().message == recording.message
