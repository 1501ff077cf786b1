"""The consultation calendar as Chromium lays it out: each proceeding a bar in its group's
colour as long as it is open, the groups' loads, the crowded day, a phone scrolling the
month inside its box, and Arabic running the month from the right. With
COMMONWEAL_SCREENSHOTS=1 the desktop view is saved as docs/images/consultation-calendar.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.consultations.fixtures_load import day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The fixtures these tests use.

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def march(transactional_db, make_group):
    from django.utils import timezone

    from commonweal.consultations.models import Proceeding

    ncsg = make_group("ncsg", name="Non-Commercial Stakeholder Group", colour="#1f5fa8")
    gac = make_group("gac", name="Governmental Advisory Committee", colour="#c05621")
    for title, opens, closes, groups in [
        ("Registration data policy", "2024-02-19", "2024-03-14", [ncsg]),
        ("Fellowship programme review", "2024-03-04", "2024-03-14", [ncsg, gac]),
        ("Draft FY25 operating plan", "2024-03-25", "2024-04-22", [ncsg]),
        ("Geographic names guidance", "2024-03-01", "2024-03-14", [gac]),
        ("Universal acceptance roadmap", "2024-03-18", "2024-03-29", [gac]),
        ("Strategic outlook 2026-2030", "2024-03-11", "2024-03-22", []),
    ]:
        proceeding = Proceeding.objects.create(
            title=title,
            opens_on=day(opens),
            closes_on=day(closes),
            first_closes_on=day(closes),
            published_at=timezone.now(),
        )
        proceeding.groups.set(groups)


def bar(page, row: str, title: str):
    return page.locator(f"#row-{row} td.period", has_text=title)


def test_a_visitor_sees_each_groups_load_and_follows_a_bar_to_its_proceeding(
    live_server, browser, march
):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/calendar/?month=2024-03")
    assert page.locator("h1").inner_text() == "Consultation calendar: March 2024"
    assert page.locator("#row-ncsg td.load").inner_text() == "3"
    assert page.locator("#row-gac td.load").inner_text() == "3"
    assert page.locator("#row-everyone td.load").inner_text() == "1"
    # A bar is as long as its days: the fellowship review, 4-14 March, is eleven days;
    # the roadmap, 18-29 March, twelve.
    fellowship = bar(page, "gac", "Fellowship programme review").bounding_box()
    roadmap = bar(page, "gac", "Universal acceptance roadmap").bounding_box()
    assert roadmap["width"] / fellowship["width"] == pytest.approx(12 / 11, rel=0.05)
    # It reads its dates, and starts under its first day.
    assert "4 March–14 March" in bar(page, "gac", "Fellowship programme review").inner_text()
    fourth = page.locator("thead th.day").nth(3).bounding_box()
    assert abs(fellowship["x"] - fourth["x"]) < 2
    # The 14th has three deadlines: shaded and named.
    assert page.locator("#crowded-days").inner_text() == "Crowded days: 14 March 2024 (3 deadlines)"
    assert page.locator("thead th.day.crowded").inner_text().startswith("14")
    if os.environ.get("COMMONWEAL_SCREENSHOTS"):
        image = page.screenshot()
        assert len(image) < 300_000
        (IMAGES / "consultation-calendar.png").write_bytes(image)
    bar(page, "ncsg", "Registration data policy").get_by_role("link").click()
    page.wait_for_load_state()
    assert "Registration data policy" in page.locator("h1").inner_text()
    context.close()

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/calendar/?month=2024-03")
    # The month scrolls inside its box; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(".table-scroll")
    assert box.evaluate("element => element.scrollWidth > element.clientWidth")
    context.close()


def test_in_arabic_the_month_runs_from_the_right(live_server, browser, march):
    context = browser.new_context(viewport=DESKTOP, locale="ar")
    context.set_extra_http_headers({"Accept-Language": "ar"})
    page = context.new_page()
    page.goto(f"{live_server.url}/consultations/calendar/?month=2024-03")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first, second = (page.locator("thead th.day").nth(i).bounding_box() for i in (0, 1))
    assert first["x"] > second["x"]
    # A bar from the 4th to the 14th starts at the 4th's right edge and grows leftwards.
    fellowship = bar(page, "gac", "Fellowship programme review").bounding_box()
    fourth = page.locator("thead th.day").nth(3).bounding_box()
    assert abs((fellowship["x"] + fellowship["width"]) - (fourth["x"] + fourth["width"])) < 2
    context.close()
