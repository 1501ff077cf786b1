import re

import pytest
from playwright.sync_api import expect

from commonweal.meetings.models import Turn
from commonweal.meetings.selectors import TURN_WINDOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_opens_the_kobe_meeting_searches_a_word_and_lands_on_its_turn(
    live_server, page, kobe_meeting
):
    page.goto(f"{live_server.url}{kobe_meeting.get_absolute_url()}")
    expect(page.get_by_role("img", name="Floor share by group")).to_be_visible()
    # The page opens on the first window of turns, with a way to the rest.
    total = Turn.objects.filter(meeting=kobe_meeting).count()
    assert page.locator("ol.turns li.turn").count() == min(total, TURN_WINDOW)
    if total > TURN_WINDOW:
        expect(page.get_by_role("link", name="Later turns")).to_be_visible()

    page.get_by_label("Search the transcripts").fill("预算")
    page.get_by_role("button", name="Search").last.click()
    first = (
        Turn.objects.filter(meeting=kobe_meeting, text__contains="预算").order_by("index").first()
    )
    # The search lands on its first hit, scrolled into view, the word highlighted.
    page.wait_for_url(re.compile(rf"#turn-{first.index}$"))
    hit = page.locator(f"#turn-{first.index} mark.hit").first
    assert hit.inner_text() == "预算"
    box, height = hit.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] < height
    page.locator(".search-results a").first.click()
    assert page.url.endswith(f"#turn-{first.index}")
    target = page.locator(f"#turn-{first.index}")
    assert "预算" in target.inner_text()
    expect(target).to_be_visible()
