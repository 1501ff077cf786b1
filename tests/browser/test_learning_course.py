"""A newcomer takes a course in Chinese, fails then passes its quiz, gets the certificate,
and anyone signed out verifies it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newcomer_session(client, make_user, make_person):
    """The course, and a signed-in newcomer's session cookie (the course is the point here,
    not the sign-in form)."""
    from commonweal.learning.services.importing import courses_import
    from tests.learning.sample import newcomers_spec

    courses_import(courses=[newcomers_spec()])
    client.force_login(make_user(person=make_person("林美")))
    return client.cookies["sessionid"].value


def _context(browser, base: str, session: str | None):
    context = browser.new_context(locale="zh-CN")
    cookies = [{"name": "django_language", "value": "zh-hans", "url": base}]
    if session:
        cookies.append({"name": "sessionid", "value": session, "url": base})
    context.add_cookies(cookies)
    return context.new_page()


def test_a_newcomer_takes_a_course_in_chinese_and_anyone_verifies_the_certificate(
    live_server, browser, newcomer_session
):
    base = live_server.url
    page = _context(browser, base, newcomer_session)
    page.goto(f"{base}/learn/courses/newcomers/")
    assert page.get_by_role("heading", level=1).inner_text() == "欢迎加入社区"
    page.get_by_role("link", name="缩略语").click()
    expect(page.get_by_text("NCSG 是非商业利益相关方团体。")).to_be_visible()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/modules/basics/quiz/$"))
    page.get_by_label("国家网络安全组").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/attempts/\d+/$"))
    assert page.locator("#score").inner_text().endswith("0%")
    assert "100" not in page.locator("#score").inner_text()

    page.locator("main a[href$='/modules/basics/quiz/']").click()
    page.get_by_label("非商业利益相关方团体").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/attempts/\d+/$"))
    assert page.locator("#score").inner_text().endswith("100%")
    page.locator("main a[href*='/learn/certificates/']").click()
    code = page.locator("#code").inner_text()

    stranger = _context(browser, base, None)
    stranger.goto(f"{base}/learn/verify/")
    stranger.locator("#code-field").fill(code)
    stranger.locator("main form button[type=submit]").click()
    verdict = stranger.locator("#verdict").inner_text()
    assert "欢迎加入社区" in verdict and "林美" in verdict
