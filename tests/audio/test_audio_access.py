"""Only the secretariat and administrators reach recordings: they hold people's voices."""

import pytest
from django.urls import reverse

from tests.audio.recording_rows import recording_in_review

pytestmark = pytest.mark.django_db

REFUSED = ("participant", "coordinator", "board", "ombudsman", "custodian")


def _urls(recording) -> list[str]:
    return [
        reverse("audio:list"),
        reverse("audio:new"),
        recording.get_absolute_url(),
        recording.voices.get(index=0).get_sample_url(),
    ]


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_get_403_on_every_recordings_page_and_post(client, role_users, role):
    urls = _urls(recording_in_review())
    client.force_login(role_users[role])
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 403)
    assert client.post(urls[1], {"title": "x"}).status_code == 403
    assert client.post(urls[2], {"voice_0": ""}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in _urls(recording_in_review()):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ["secretariat", "administrator"])
def test_the_secretariat_and_administrators_reach_every_page(client, role_users, role):
    recording = recording_in_review()
    client.force_login(role_users[role])
    for url in _urls(recording):
        assert client.get(url).status_code == 200, url
    sample = client.get(_urls(recording)[3])
    assert sample["Content-Type"] == "audio/wav" and "no-store" in sample["Cache-Control"]


def test_a_voice_without_a_sample_or_of_another_recording_is_not_found(client, role_users):
    recording = recording_in_review()
    recording.voices.update(sample=b"")
    client.force_login(role_users["secretariat"])
    assert client.get(recording.voices.get().get_sample_url()).status_code == 404
    missing = reverse("audio:voice_sample", kwargs={"pk": recording.pk, "index": 7})
    assert client.get(missing).status_code == 404


def test_the_activity_page_tells_the_secretariat_what_waits(client, role_users):
    recording_in_review()
    client.force_login(role_users["secretariat"])
    page = client.get(reverse("accounts:activity")).content.decode()
    assert "1 recording waits for its voices to be named." in page


def test_the_admin_lists_a_recording_and_its_voices_without_the_audio(client, role_users):
    recording = recording_in_review()
    client.force_login(role_users["administrator"])
    listed = client.get(reverse("admin:audio_recording_changelist"), {"q": "board"})
    assert "Board call" in listed.content.decode()
    page = client.get(reverse("admin:audio_recording_change", args=[recording.pk]))
    shown = page.content.decode()
    assert page.status_code == 200 and "Voice 1" in shown
    assert "embedding" not in shown and "sample" not in shown.lower()
