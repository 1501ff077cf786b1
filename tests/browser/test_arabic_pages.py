"""The Kobe meeting, a ballot and the dashboard in Arabic, as Chromium lays them out: the
page runs right to left, and what runs left to right inside it keeps its order on the
screen — a Chinese sentence ends with its "。" at the right, a time range reads
"08:30–09:30", an English name starts at the left, and a speaker written ">>" is not
mirrored into "<<". Positions are measured glyph by glyph (Range.getClientRects), not
read from the markup. With COMMONWEAL_SCREENSHOTS=1 the desktop views are saved as
docs/images/arabic-*.png."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PASSWORD = "a long pass phrase 7"

# The centre (x, y) of each character of the first ``needle`` inside ``element``, on screen.
CHARACTER_CENTRES = """(element, needle) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    return Array.from(needle, (_, i) => {
      const range = document.createRange();
      range.setStart(node, at + i);
      range.setEnd(node, at + i + 1);
      const box = range.getBoundingClientRect();
      return [box.left + box.width / 2, box.top + box.height / 2];
    });
  }
  return null;
}"""

# Which way a run of ">" or "<" glyphs points, from a screenshot of it: a ">" has its ink
# at the left in its top rows and at the right in its middle row; a "<" the other way.
GLYPHS_POINT = """async (png) => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  const inked = [];
  for (let y = 0; y < image.height; y++) {
    const xs = [];
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 3 * 110) xs.push(x);
    }
    if (xs.length) inked.push(xs.reduce((a, b) => a + b) / xs.length);
  }
  const top = inked.slice(0, Math.max(1, Math.floor(inked.length / 5)));
  const middle = inked.slice(Math.floor(inked.length * 0.4), Math.ceil(inked.length * 0.6));
  const mean = (xs) => xs.reduce((a, b) => a + b) / xs.length;
  return mean(top) < mean(middle) ? "right" : "left";
}"""


def centres(locator, needle: str) -> list[tuple[float, float]]:
    found = locator.evaluate(CHARACTER_CENTRES, needle)
    assert found, f"{needle!r} is not on the page"
    return found


def reads_left_to_right(locator, needle: str) -> bool:
    """Each character stands right of the one before it on the same line, or starts a
    lower line (a narrow screen may wrap a name)."""
    places = centres(locator, needle)
    return all(
        (x2 > x1) if abs(y2 - y1) < 2 else (y2 > y1)
        for (x1, y1), (x2, y2) in zip(places, places[1:])
    )


def arabic(browser, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="ar")
    context.set_extra_http_headers({"Accept-Language": "ar"})
    return context, context.new_page()


def keep(page, name: str) -> None:
    """A screenshot of what is on the screen, small enough for the README; saved in
    docs/images when COMMONWEAL_SCREENSHOTS is set."""
    image = page.screenshot()
    assert len(image) < 300_000
    if os.environ.get("COMMONWEAL_SCREENSHOTS"):
        (IMAGES / name).write_bytes(image)


def check_meeting_order(page) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl"
    # A Chinese sentence runs left to right; its full stop ends it at the right.
    first_turn = page.locator("ol.turns li.turn .text").first
    assert reads_left_to_right(first_turn, "大家上午好。")
    # The meeting's time, 08:30 to 09:30, reads that way round.
    assert reads_left_to_right(page.locator("main p.meta").first, "08:30–09:30")
    # An English name starts at the left.
    assert reads_left_to_right(page.get_by_role("link", name="Matthew Shears"), "Matthew Shears")


def test_the_kobe_meeting_in_arabic_keeps_chinese_times_and_names_in_order(
    live_server, browser, kobe_meeting
):
    context, page = arabic(browser, DESKTOP)
    page.goto(live_server.url + kobe_meeting.get_absolute_url())
    check_meeting_order(page)
    # A speaker written ">>" still shows ">>": its glyphs are not mirrored into "<<".
    speaker = page.locator("ol.turns .speaker bdi", has_text=">>").first
    speaker.scroll_into_view_if_needed()
    assert speaker.evaluate("element => getComputedStyle(element).direction") == "ltr"
    shot = base64.b64encode(speaker.screenshot()).decode()
    assert page.evaluate(GLYPHS_POINT, shot) == "right"
    page.evaluate("window.scrollTo(0, 0)")
    keep(page, "arabic-meeting.png")
    context.close()

    context, page = arabic(browser, PHONE)
    page.goto(live_server.url + kobe_meeting.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    check_meeting_order(page)
    context.close()


def test_a_ballot_in_arabic_keeps_references_receipts_and_titles_in_order(
    live_server, browser, make_group, make_user, make_recommendation, make_round
):
    from commonweal.community.models import Membership
    from commonweal.rounds.services import ballot_submit

    group = make_group("ncsg", name="Non-Commercial Stakeholder Group")
    voter = make_user("voter@example.org", password=PASSWORD)
    Membership.objects.create(person=voter.person, group=group)
    items = [
        make_recommendation("OUT-1", title="Outreach in underserved regions.", one_time=130000),
        make_recommendation("KPI-1", title="Measure the floor in every meeting.", one_time=2500),
    ]
    voting_round = make_round(
        title="Priorities for 2027", recommendations=items, voter_groups=[group]
    )
    receipt = ballot_submit(
        voting_round=voting_round, user=voter, group=group, choices=[("OUT-1", 1)]
    ).receipt
    context, page = arabic(browser, DESKTOP)
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("input[name=username]", "voter@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{voting_round.get_absolute_url()}ballot/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    row = page.locator(".ballot-items tbody tr", has_text="OUT-1")
    assert reads_left_to_right(row.locator("label"), "OUT-1")
    assert reads_left_to_right(row.locator("label"), "Outreach in underserved regions.")
    assert reads_left_to_right(page.locator(".receipt code"), receipt)
    # The table runs from the right: the box to tick is the rightmost column.
    box, title = row.locator("input").bounding_box(), row.locator("label").bounding_box()
    assert box["x"] > title["x"]
    keep(page, "arabic-ballot.png")
    context.close()


def test_the_dashboard_in_arabic_runs_time_and_bars_from_the_right(
    live_server, browser, make_group, make_person
):
    from tests.metrics.metrics_record import build_record

    build_record(make_group, make_person)
    context, page = arabic(browser, DESKTOP)
    page.goto(f"{live_server.url}/metrics/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The first quarter stands at the right of the second, its label under it in order.
    first, second = (page.locator("svg.chart rect").nth(i).bounding_box() for i in (0, 1))
    assert first["x"] > second["x"]
    label = page.locator("svg.chart text", has_text="2024-Q1")
    assert reads_left_to_right(label, "2024-Q1")
    assert (
        label.bounding_box()["x"] + label.bounding_box()["width"] <= first["x"] + first["width"] + 1
    )
    # A floor bar grows from the right end of its track.
    track = page.locator(".bar-track").first.bounding_box()
    fill = page.locator(".bar-fill").first.bounding_box()
    assert abs((fill["x"] + fill["width"]) - (track["x"] + track["width"])) < 1
    assert fill["width"] < track["width"]
    keep(page, "arabic-dashboard.png")
    context.close()
