import pytest

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
    assert page.get_by_role("link", name="My account").is_visible()

    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("link", name="我的账户").is_visible()
    assert page.get_by_role("heading", name="Commonweal 做什么").is_visible()


def test_arabic_lays_the_page_out_right_to_left(live_server, page):
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="العربي").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
