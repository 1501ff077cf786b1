"""A voter's approval ballot in Chromium, on a desktop and on a 375 px phone: the running
count, no fourth tick when three is the limit, focus on the summary after a refusal,
a replaced ballot's receipt said to be void, a withdrawal asked first, and no sideways
scrolling on the phone."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"
ITEMS = (
    ("OUT-1", "Outreach in underserved regions"),
    ("KPI-1", "Measure the floor in every meeting"),
    ("LRN-1", "Courses in six languages"),
    ("ACR-1", "An acronym glossary"),
)


@pytest.fixture
def approval_round(make_group, make_user, make_recommendation, make_round):
    """Four items of 100 each, at most three on a ballot, 250 to spend."""
    from commonweal.community.models import Membership

    group = make_group("ncsg", name="Non-Commercial Stakeholder Group")
    voter = make_user("voter@example.org", password=PASSWORD)
    Membership.objects.create(person=voter.person, group=group)
    return make_round(
        title="Priorities for 2027",
        recommendations=[
            make_recommendation(reference, title=title, one_time=100, recurring=0)
            for reference, title in ITEMS
        ],
        voter_groups=[group],
        max_choices=3,
        annual_cap=250,
    )


def _open_ballot(browser, base: str, voting_round, **viewport):
    context = browser.new_context(locale="en-GB", **viewport)
    page = context.new_page()
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Email address").fill("voter@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}{voting_round.get_absolute_url()}")
    page.get_by_role("link", name="Vote in this round").click()
    page.wait_for_url(f"{base}{voting_round.get_absolute_url()}ballot/")
    return context, page


def _box(page, reference: str, title: str):
    return page.get_by_label(f"{reference} {title}")


def _scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_on_a_desktop_the_count_runs_and_a_fourth_tick_is_refused(
    live_server, browser, approval_round
):
    context, page = _open_ballot(
        browser, live_server.url, approval_round, viewport={"width": 1280, "height": 900}
    )
    for reference, title in ITEMS[:3]:
        _box(page, reference, title).check()
    assert page.locator("#counter").inner_text() == "Chosen: 3 of 3"
    cost = page.locator("#cost").inner_text()
    assert "300" in cost and "more than the $250 the rule may spend" in cost
    fourth = _box(page, *ITEMS[3])
    fourth.click()
    assert not fourth.is_checked()
    assert "the most this ballot allows" in page.locator("#limit-note").inner_text()
    page.get_by_role("button", name="Submit my ballot").click()
    page.wait_for_load_state()
    first = page.locator(".receipt code").inner_text()
    _box(page, *ITEMS[0]).uncheck()
    page.get_by_role("button", name="Replace my ballot").click()
    page.wait_for_load_state()
    assert f"The old receipt {first[:16]}… is void" in page.locator(".messages").inner_text()
    context.close()


def test_on_a_phone_nothing_scrolls_sideways_and_a_refusal_takes_the_focus(
    live_server, browser, approval_round
):
    context, page = _open_ballot(
        browser,
        live_server.url,
        approval_round,
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
    )
    assert not _scrolls_sideways(page)
    for reference, title in ITEMS[:3]:
        _box(page, reference, title).tap()
    fourth = _box(page, *ITEMS[3])
    fourth.tap()
    assert not fourth.is_checked()
    assert page.locator("#counter").inner_text() == "Chosen: 3 of 3"
    for reference, title in ITEMS[:3]:
        _box(page, reference, title).tap()  # untick all: an empty ballot is refused
    page.get_by_role("button", name="Submit my ballot").click()
    expect(page.locator("#problems")).to_be_focused()
    assert "choose at least one" in page.locator("#problems").inner_text()
    assert not _scrolls_sideways(page)
    _box(page, *ITEMS[0]).tap()
    page.get_by_role("button", name="Submit my ballot").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Withdraw my vote").click()  # asks first
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Withdraw your vote")).to_be_visible()
    page.get_by_role("button", name="Withdraw my vote").click()
    expect(page.locator(".messages")).to_contain_text("Your vote is withdrawn")
    page.wait_for_load_state()
    assert not _scrolls_sideways(page)
    context.close()
