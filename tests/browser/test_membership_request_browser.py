import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


def _fits_the_phone(page) -> bool:
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def ncsg(make_group, make_user):
    from commonweal.community.models import Membership

    group = make_group("ncsg", name="Non-Commercial Stakeholder Group", acronym="NCSG")
    chair = make_user("chair@example.org", password=PASSWORD)
    Membership.objects.create(person=chair.person, group=group, role=Membership.Role.CHAIR)
    return group


def test_a_newcomer_signs_up_asks_to_join_and_is_a_member_once_the_chair_approves(
    live_server, browser, page, ncsg
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/accounts/sign-up/")
    page.get_by_label("Your name").fill("Bruna Santos")
    page.get_by_label("Email address").fill("bruna@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(re.compile(r"/accounts/me/$"))

    page.goto(f"{base}/groups/")
    assert _fits_the_phone(page)
    page.get_by_role("link", name="Ask to join Non-Commercial Stakeholder Group").click()
    note = page.get_by_label("Your note to the group")
    note.wait_for()
    assert _fits_the_phone(page)
    note.fill("I work on privacy at a university.")
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url(re.compile(r"/groups/ncsg/$"))
    expect(page.get_by_role("button", name="Withdraw my request")).to_be_visible()
    assert _fits_the_phone(page)

    chair_context = browser.new_context(locale="en-GB", viewport=DESKTOP)
    chair = chair_context.new_page()
    chair.goto(f"{base}/accounts/sign-in/?next=/groups/ncsg/requests/")
    chair.get_by_label("Email address").fill("chair@example.org")
    chair.get_by_label("Password").fill(PASSWORD)
    chair.get_by_role("main").get_by_role("button", name="Sign in").click()
    chair.wait_for_url(re.compile(r"/groups/ncsg/requests/$"))
    assert "I work on privacy at a university." in chair.get_by_role("main").inner_text()
    chair.set_viewport_size(PHONE)
    assert _fits_the_phone(chair)
    chair.get_by_role("link", name="Approve the request of Bruna Santos").click()
    approve = chair.get_by_role("button", name="Approve: make Bruna Santos a member")
    approve.wait_for()
    assert _fits_the_phone(chair)
    approve.click()
    chair.wait_for_url(re.compile(r"/groups/ncsg/requests/$"))
    expect(chair.get_by_text("Bruna Santos is now a member of")).to_be_visible()
    chair_context.close()

    page.goto(f"{base}/my-groups/")
    assert _fits_the_phone(page)
    my_groups = page.get_by_role("main")
    assert my_groups.get_by_role("link", name="Non-Commercial Stakeholder Group").count() == 2
    assert "Approved" in my_groups.inner_text()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/groups/ncsg/")
    expect(page.get_by_text("You are a member of this group.")).to_be_visible()
    members = page.get_by_role("table")
    expect(members.get_by_role("link", name="Bruna Santos")).to_be_visible()
