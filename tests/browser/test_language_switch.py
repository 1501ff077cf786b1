import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_signs_in_switches_to_chinese_and_sees_the_home_page_in_chinese(
    live_server, page, make_user
):
    make_user("kathy@example.org", password="a long pass phrase 7")
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill("kathy@example.org")
    page.get_by_label("Password").fill("a long pass phrase 7")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="My account")).to_be_visible()

    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("link", name="我的账户")).to_be_visible()
    expect(page.get_by_role("heading", name="Commonweal 做什么")).to_be_visible()


def test_arabic_lays_the_page_out_right_to_left(live_server, page):
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="العربي").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.wait_for_load_state()


LANGUAGES = {
    "ar": "العربيّة",
    "zh-hans": "简体中文",
    "en": "English",
    "fr": "français",
    "ru": "Русский",
    "es": "español",
}


def _switcher_fits(page) -> bool:
    """Every language's button shows, each in its own name, inside the screen's width."""
    page.locator(".menu-toggle").click()  # named in the page's language
    buttons = page.locator("form.languages button")
    names = {b.get_attribute("value"): b.inner_text() for b in buttons.all()}
    boxes = [b.bounding_box() for b in buttons.all() if b.is_visible()]
    width = page.viewport_size["width"]
    return (
        names == LANGUAGES
        and len(boxes) == len(LANGUAGES)
        and all(box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)
    )


def test_on_a_phone_the_menu_offers_six_languages_in_their_own_names_and_each_works(
    live_server, browser
):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert _switcher_fits(page)
    page.locator("form.languages button[value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert _switcher_fits(page)
    for code in ("ru", "es", "fr", "zh-hans", "en"):
        page.locator(f"form.languages button[value={code}]").click()
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        page.wait_for_load_state()
        assert _switcher_fits(page)
    context.close()
