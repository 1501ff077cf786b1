"""Every kind of page fits a 375 px phone: nothing scrolls sideways, the screenshot is as
wide as the screen, and the menu folds behind one button that opens it."""

import struct

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def png_width(image: bytes) -> int:
    return struct.unpack(">I", image[16:20])[0]  # the IHDR chunk holds the width


@pytest.fixture
def pages(kobe_meeting, make_round):
    from commonweal.community.models import StakeholderGroup
    from commonweal.rounds.services import round_close

    ncsg = StakeholderGroup.objects.get(slug="ncsg")  # from the Kobe roster
    counted = round_close(voting_round=make_round(voter_groups=[ncsg]))
    recommendation = counted.items.first().recommendation
    proceeding = _open_proceeding(ncsg)
    return [
        reverse("site:home"),
        reverse("meetings:list"),
        kobe_meeting.get_absolute_url(),
        reverse("meetings:search") + "?q=预算",
        reverse("recommendations:list"),
        recommendation.get_absolute_url(),
        reverse("rounds:list"),
        counted.get_absolute_url(),
        reverse("rounds:priorities", kwargs={"pk": counted.pk}),
        reverse("community:groups"),
        ncsg.get_absolute_url(),
        reverse("community:people"),
        reverse("metrics:community"),
        reverse("metrics:group", kwargs={"slug": ncsg.slug}),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("consultations:proceedings"),
        proceeding.get_absolute_url(),
        reverse("consultations:calendar"),
        reverse("consultations:alerts"),
    ]


def _open_proceeding(group):
    """A comment period open for the group, with a long title and a group's submission."""
    import datetime

    from django.utils import timezone

    from commonweal.consultations.services import proceedings

    today = timezone.now().date()
    proceeding = proceedings.proceeding_create(
        title="Draft operating plan and budget for the next two fiscal years, with annexes",
        summary="Comments on the priorities, the staffing plan and the reserve fund.",
        language="en",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=20),
        groups=[group],
    )
    proceedings.document_add(
        proceeding=proceeding, title="The plan (PDF)", url="https://example.org/plan.pdf"
    )
    return proceedings.proceeding_publish(proceeding=proceeding)


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser, pages):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    too_wide = {}
    for path in pages:
        page.goto(live_server.url + path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        shot = page.screenshot(full_page=True)
        if scroll_width > PHONE["width"] or png_width(shot) != PHONE["width"]:
            too_wide[path] = (scroll_width, png_width(shot))
    context.close()
    assert too_wide == {}


def test_the_menu_folds_on_a_phone_and_opens_with_its_button(live_server, browser, db):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + reverse("site:home"))
    header = page.locator("header.site")
    assert header.bounding_box()["height"] < 80  # was 212 px, the menu spelled out
    meetings = page.get_by_role("link", name="Meetings", exact=True).first
    expect(meetings).not_to_be_visible()
    toggle = page.get_by_role("button", name="Menu")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and meetings.is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not meetings.is_visible()
    context.close()
    # On a wide screen the menu is spelled out and the button is not there.
    wide = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    page = wide.new_page()
    page.goto(live_server.url + reverse("site:home"))
    expect(page.get_by_role("link", name="Meetings", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).not_to_be_visible()
    wide.close()
