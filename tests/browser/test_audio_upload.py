"""The secretariat uploads a session's recording, names its two voices and finds the
meeting, with both speakers and their floor time."""

import re

import pytest
from playwright.sync_api import expect

from tests.audio.speech_audio import (
    MEETING_TURNS,
    floor_truth,
    one_torch_thread,
    synthesise,
    tiny_model_dir,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"


@pytest.fixture
def _one_thread():
    yield from one_torch_thread()


@pytest.fixture
def staff(_one_thread, make_user, make_person, settings, tmp_path):
    from django.contrib.auth.models import Group

    from commonweal.core.roles import SECRETARIAT

    settings.SPEECH_MODEL_DIR = tiny_model_dir()
    settings.MEDIA_ROOT = tmp_path / "media"
    user = make_user("staff@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT)[0])
    make_person("Ana Chair")
    make_person("Bo Fellow")
    return user


def test_a_recording_becomes_a_meeting_with_both_speakers_and_their_floor_time(
    live_server, page, staff, tmp_path
):
    audio = tmp_path / "outreach.wav"
    truth = floor_truth(synthesise(MEETING_TURNS, audio))
    base = live_server.url
    page.set_viewport_size({"width": 375, "height": 740})  # the whole journey on a phone
    page.goto(f"{base}/accounts/sign-in/?next=/recordings/new/")
    page.get_by_label("Email address").fill("staff@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()

    page.get_by_label("Recording").set_input_files(str(audio))
    page.get_by_label("Title of the session").fill("Outreach working group")
    page.get_by_label("Language spoken").select_option("en")
    page.get_by_label("Number of speakers").fill("2")
    page.get_by_role("button", name="Transcribe").click()

    # Tasks run at once here: the page opens on the review, each voice with its sample.
    expect(page.get_by_role("heading", name="Who is speaking?")).to_be_visible(timeout=60_000)
    expect(page.locator("audio[controls]")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_label("Who is Voice 1?").select_option(label="Ana Chair")
    page.get_by_label("Who is Voice 2?").select_option(label="Bo Fellow")
    page.get_by_role("button", name="Store as a meeting").click()

    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    expect(page.get_by_role("heading", name="Outreach working group")).to_be_visible()
    expect(page.get_by_text("times from timestamps")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    floor = page.locator("section[aria-labelledby=floor-people] tbody tr")
    expect(floor).to_have_count(2)
    expect(floor.filter(has_text="Ana Chair")).to_contain_text("%")
    expect(floor.filter(has_text="Bo Fellow")).to_contain_text("%")

    # Each speaker's speaking time, to the second, within two seconds of what was spoken.
    for name, speaker in (("Ana Chair", 0), ("Bo Fellow", 1)):
        row = floor.filter(has_text=name).inner_text()
        minutes, seconds = re.search(r"\b(\d+):(\d\d)\b", row).groups()
        assert abs(int(minutes) * 60 + int(seconds) - truth[speaker]) <= 2, (row, truth)
