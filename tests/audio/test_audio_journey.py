"""A session's recording, uploaded, transcribed in the background, its voices named, stored
as a meeting: measured from the timestamps and searched like any transcript."""

import io
import wave

import pytest
from django.urls import reverse

from commonweal.audio.models import Recording, Voice, recordings_folder
from commonweal.audio.services import recording_run
from commonweal.meetings.models import Meeting
from tests.audio.speech_audio import floor_truth

pytestmark = pytest.mark.django_db

# How far a speaker's measured floor time may be from the synthesiser's truth: Whisper
# places a segment's ends to within a few tenths of a second.
TOLERANCE_SECONDS = 1.5


def upload(client, path, **fields):
    with path.open("rb") as audio:
        return client.post(
            reverse("audio:new"),
            {
                "recording": audio,
                "title": "Outreach working group",
                "session_date": "2026-03-10",
                "language": "en",
                "speakers": "2",
                **fields,
            },
        )


def test_a_two_voice_recording_becomes_a_meeting_with_each_speakers_floor_time(
    client, secretariat, meeting_audio, make_person, django_capture_on_commit_callbacks
):
    path, truth = meeting_audio
    chair, fellow = make_person("Ana Chair"), make_person("Bo Fellow")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, path)
    recording = Recording.objects.get()
    assert response["Location"] == recording.get_absolute_url()
    assert recording.status == "review", recording.message
    assert recording.original_name == "outreach.wav" and recording.duration > 5
    voices = list(recording.voices.values_list("pk", "seconds"))
    recording_run(recording_id=recording.pk)  # a second run changes nothing
    assert list(recording.voices.values_list("pk", "seconds")) == voices

    page = client.get(recording.get_absolute_url()).content.decode()
    assert "Who is Voice 1?" in page and "Who is Voice 2?" in page
    assert "Ana Chair" in page  # the people to choose from
    sample = client.get(recording.voices.get(index=0).get_sample_url())
    assert sample["Content-Type"] == "audio/wav"
    with wave.open(io.BytesIO(sample.content)) as heard:
        assert (heard.getframerate(), heard.getnchannels(), heard.getsampwidth()) == (16000, 1, 2)
        assert 1 <= heard.getnframes() / 16000 <= 10

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            recording.get_absolute_url(), {"voice_0": chair.pk, "voice_1": fellow.pk}
        )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.title == "Outreach working group" and str(meeting.date) == "2026-03-10"
    assert meeting.timing_exact
    measured = {p.person: p.seconds for p in meeting.participants.all()}
    expected = floor_truth(truth)
    assert measured[chair] == pytest.approx(expected[0], abs=TOLERANCE_SECONDS)
    assert measured[fellow] == pytest.approx(expected[1], abs=TOLERANCE_SECONDS)

    shown = client.get(meeting.get_absolute_url()).content.decode()
    assert "Ana Chair" in shown and "Bo Fellow" in shown
    found = client.get(reverse("meetings:search"), {"q": "outreach"}).content.decode()
    assert "Outreach working group" in found

    recording.refresh_from_db()
    assert recording.status == "stored" and recording.meeting == meeting
    assert list(recordings_folder().iterdir()) == []  # the audio is gone
    assert set(Voice.objects.values_list("person", "confirmed")) == {
        (chair.pk, True),
        (fellow.pk, True),
    }
    stored = client.get(recording.get_absolute_url()).content.decode()
    assert "Floor time, measured from the recording" in stored


def test_in_production_the_recording_waits_for_the_worker_and_shows_its_progress(
    client, secretariat, meeting_audio, settings, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, meeting_audio[0])
    recording = Recording.objects.get()
    assert recording.status == "queued"
    waiting = client.get(recording.get_absolute_url()).content.decode()
    assert "Waiting: waiting for a worker" in waiting and 'hx-trigger="every 2s"' in waiting
    fragment = client.get(recording.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()  # htmx swaps the progress bar alone

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert Recording.objects.get().status == "review"
    # The run is over: htmx reloads the whole page, which now asks who is speaking.
    finished = client.get(recording.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"
    assert "Who is speaking?" in client.get(recording.get_absolute_url()).content.decode()
