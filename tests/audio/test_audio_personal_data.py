"""A voice is biometric data: exported to its person, deleted when they are erased."""

import json

import pytest
from django.urls import reverse

from commonweal.accounts.services import account_erase
from commonweal.audio.models import Recording, Voice
from tests.audio.recording_rows import recording_in_review

pytestmark = pytest.mark.django_db


def test_a_person_finds_their_mapped_voices_in_their_export(client, make_user):
    user = make_user()
    recording_in_review(people=[user.person])
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:me_export")).content)
    [voice] = data["records"]["audio.voice.person"]
    assert voice["recording"] == "Board call" and voice["seconds"] == 1.0


def test_erasing_a_person_deletes_their_voices_and_keeps_the_others(make_user, make_person):
    user, other = make_user(), make_person("Someone Else")
    recording = recording_in_review(people=[user.person, other], by=user)
    account_erase(user=user)
    assert list(Voice.objects.values_list("person", flat=True)) == [other.pk]
    # The recording stays on the record (it is a meeting's source), without the uploader.
    assert Recording.objects.get() == recording


def test_deleting_a_recording_deletes_its_audio_file(settings, django_capture_on_commit_callbacks):
    recording = recording_in_review()
    folder = settings.MEDIA_ROOT / "recordings"
    folder.mkdir(parents=True)
    (folder / "a1b2.wav").write_bytes(b"RIFF")
    Recording.objects.filter(pk=recording.pk).update(stored_name="a1b2.wav")
    with django_capture_on_commit_callbacks(execute=True):
        Recording.objects.all().delete()
    assert not (folder / "a1b2.wav").exists()
