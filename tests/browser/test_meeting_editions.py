from pathlib import Path

import pytest

from commonweal.meetings.services import meeting_ingest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KOBE_ENGLISH = Path(__file__).parents[1] / "meetings" / "data" / "kobe-first-20.en.txt"


def test_an_english_reader_sees_the_english_edition_beside_the_chinese_record(
    live_server, page, kobe_meeting
):
    meeting_ingest(data=KOBE_ENGLISH.read_bytes(), source_name=KOBE_ENGLISH.name)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{kobe_meeting.get_absolute_url()}#turn-19")
    turn = page.locator("#turn-19")
    english = turn.locator(".translation[lang=en]")
    chinese = turn.locator(".text.original[lang=zh]")
    assert english.inner_text().startswith("Thank you very much. I'm Stephanie Perrin.")
    assert chinese.inner_text().startswith("非常感谢。我是丝黛芬妮·裴琳。")
    # Side by side on a wide screen: the same row, English first.
    english_box, chinese_box = english.bounding_box(), chinese.bounding_box()
    assert abs(english_box["y"] - chinese_box["y"]) < 2
    assert english_box["x"] + english_box["width"] <= chinese_box["x"]
    assert page.locator("#turn-20 .untranslated").inner_text() == "Not in this edition."

    # On a phone the two stack, the English above the Chinese.
    page.set_viewport_size({"width": 375, "height": 800})
    english_box, chinese_box = english.bounding_box(), chinese.bounding_box()
    assert english_box["y"] + english_box["height"] <= chinese_box["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_role("navigation", name="Language editions").get_by_role(
        "link", name="中文"
    ).click()
    page.wait_for_load_state()
    assert page.locator("#turn-19 .translation").count() == 0
    assert page.locator("#turn-19 .text").inner_text().startswith("非常感谢。")
