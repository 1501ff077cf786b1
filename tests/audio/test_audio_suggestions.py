"""A voice confirmed in an earlier meeting is suggested when it is heard again."""

import pytest

from commonweal.audio.models import Recording
from commonweal.audio.selectors import voices_suggest
from commonweal.audio.services import recording_create, recording_run, recording_store
from tests.audio.speech_audio import LATER_TURNS, synthesise

pytestmark = pytest.mark.django_db


def _transcribed(path, title: str) -> Recording:
    from django.core.files import File

    with path.open("rb") as audio:
        recording = recording_create(
            upload=File(audio, name=path.name), title=title, language="en", speakers=2
        )
    recording_run(recording_id=recording.pk)
    recording.refresh_from_db()
    assert recording.status == "review", recording.message
    return recording


def test_the_same_voices_in_a_later_recording_are_suggested_as_their_people(
    client, secretariat, meeting_audio, make_person, tmp_path
):
    chair, fellow = make_person("Ana Chair"), make_person("Bo Fellow")
    first = _transcribed(meeting_audio[0], "Outreach working group")
    assert voices_suggest(first) == {}  # nobody is known yet
    recording_store(recording=first, names={0: chair, 1: fellow}, by=secretariat)

    synthesise(LATER_TURNS, tmp_path / "later.wav")
    later = _transcribed(tmp_path / "later.wav", "Fellowship results")
    suggested = voices_suggest(later)
    assert {index: s.person for index, s in suggested.items()} == {0: chair, 1: fellow}
    assert suggested[0].heard_in == "Outreach working group"

    page = client.get(later.get_absolute_url()).content.decode()
    assert "Sounds like <bdi>Ana Chair</bdi>, heard in <bdi>Outreach working group</bdi>." in page
    assert f'<option value="{chair.pk}" selected>' in page
