"""The glossary on the Kobe meeting page, as a reader meets it in Chromium: each acronym's
first use is an <abbr> that gives its expansion in the reader's language, Tab reaches a
term and shows its definition, and a signed-in reader's "I know this" unmarks it for good.
Also the demo course's page in Chinese. With COMMONWEAL_SCREENSHOTS=1 the desktop views are
saved as docs/images/glossary-meeting.png and docs/images/course.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
DESKTOP = {"width": 1280, "height": 720}
EXPANSIONS = {
    "en": {
        "NCSG": "Non-Commercial Stakeholders Group",
        "EPDP": "Expedited Policy Development Process",
        "SSAC": "Security and Stability Advisory Committee",
        "WS2": "Work Stream 2",
    },
    "zh-hans": {
        "NCSG": "非商业利益相关方团体",
        "EPDP": "加速政策制定流程",
        "SSAC": "安全与稳定咨询委员会",
        "WS2": "第二工作阶段",
    },
}
MAX_TABS = 300  # the header and the turns' links come before the first term


def keep(page, name: str) -> None:
    """What is on the screen, small enough for the README; saved in docs/images only when
    COMMONWEAL_SCREENSHOTS is set."""
    image = page.screenshot()
    assert len(image) < 250_000
    if os.environ.get("COMMONWEAL_SCREENSHOTS"):
        (IMAGES / name).write_bytes(image)


def open_page(browser, base: str, language: str, session: str | None = None):
    context = browser.new_context(viewport=DESKTOP, locale=language)
    cookies = [{"name": "django_language", "value": language, "url": base}]
    if session:
        cookies.append({"name": "sessionid", "value": session, "url": base})
    context.add_cookies(cookies)
    return context, context.new_page()


def expansions_shown(page) -> dict[str, set[str]]:
    """Each marked written form and the titles its <abbr>s give, read from the live page."""
    pairs = page.locator("abbr.term").evaluate_all(
        "nodes => nodes.map(node => [node.textContent, node.title])"
    )
    shown: dict[str, set[str]] = {}
    for form, title in pairs:
        shown.setdefault(form, set()).add(title)
    return shown


def tab_to_a_term(page):
    """Press Tab until a marked term has the focus; that term."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr.term')"):
            return page.locator("abbr.term:focus")
    pytest.fail(f"{MAX_TABS} presses of Tab never reached a marked term")


@pytest.fixture
def glossary(db):
    from commonweal.learning.glossary.files import glossary_load_demo

    glossary_load_demo()


@pytest.fixture
def reader_session(client, make_user, make_person):
    client.force_login(make_user(person=make_person("Ana Reader")))
    return client.cookies["sessionid"].value


def test_the_kobe_page_explains_its_acronyms_and_a_reader_can_dismiss_one(
    live_server, browser, kobe_meeting, glossary, reader_session
):
    address = live_server.url + kobe_meeting.get_absolute_url()
    context, page = open_page(browser, live_server.url, "zh-hans")
    page.goto(address)
    shown = expansions_shown(page)
    for term, expansion in EXPANSIONS["zh-hans"].items():
        assert shown.get(term) == {expansion}, f"{term}: {shown.get(term)}"
    context.close()

    context, page = open_page(browser, live_server.url, "en", reader_session)
    page.goto(address)
    shown = expansions_shown(page)
    for term, expansion in EXPANSIONS["en"].items():
        assert shown.get(term) == {expansion}, f"{term}: {shown.get(term)}"

    term = tab_to_a_term(page)
    definition = term.get_attribute("data-definition")
    popover = page.get_by_role("tooltip")
    expect(popover).to_be_visible()
    assert definition and definition in popover.inner_text()
    assert term.get_attribute("aria-describedby") == "term-popover"

    # The picture shows NCSG's popover in the middle of the screen; then the reader knows it.
    ncsg = page.locator("abbr.term", has_text="NCSG").first
    ncsg.evaluate("node => { node.scrollIntoView({block: 'center'}); node.focus(); }")
    assert "Non-Commercial Stakeholders Group" in popover.inner_text()
    keep(page, "glossary-meeting.png")

    marked = f'abbr.term[data-term="{ncsg.get_attribute("data-term")}"]'
    popover.get_by_role("button").click()
    page.locator(marked).wait_for(state="detached")
    page.reload()
    assert page.locator(marked).count() == 0
    assert page.locator("abbr.term").count() > 0  # the other terms stay marked
    context.close()


def test_the_demo_course_reads_in_chinese(live_server, browser, settings, tmp_path):
    from commonweal.learning.demo import courses_load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    courses_load_demo()
    context, page = open_page(browser, live_server.url, "zh-hans")
    page.goto(f"{live_server.url}/learn/courses/first-icann-meeting/")
    assert page.get_by_role("heading", level=1).inner_text() == "首次参加 ICANN 会议"
    for lesson in ("会场里都有谁", "会议如何进行，如何请求发言", "从建议到落实"):
        expect(page.get_by_role("link", name=lesson)).to_be_visible()
    keep(page, "course.png")
    context.close()
