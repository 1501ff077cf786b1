"""A comment is hidden with a reason, appealed and restored, every step on a 375 px phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"
PHONE = {"width": 375, "height": 800}
TEXT = "The secretariat ignored every objection."


def _fits_the_phone(page) -> bool:
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _signed_in(browser, base: str, email: str, then: str):
    """A phone-sized page signed in as ``email``, opened at ``then``."""
    page = browser.new_context(locale="en-GB", viewport=PHONE).new_page()
    page.goto(f"{base}/accounts/sign-in/?next={then}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}{then}")
    return page


@pytest.fixture
def item_page(make_user, make_person, make_round):
    from django.contrib.auth.models import Group

    from commonweal.core.roles import OMBUDSMAN, SECRETARIAT
    from commonweal.rounds.services import round_close

    make_user("bruna@example.org", password=PASSWORD, person=make_person("Bruna Santos"))
    moderator = make_user("moderator@example.org", password=PASSWORD)
    moderator.groups.add(Group.objects.get_or_create(name=SECRETARIAT)[0])
    ombudsman = make_user("ombudsman@example.org", password=PASSWORD)
    ombudsman.groups.add(Group.objects.get_or_create(name=OMBUDSMAN)[0])
    item = round_close(voting_round=make_round(title="Budget 2027")).items.first()
    return f"/discussion/items/{item.pk}/"


def test_a_hidden_comment_is_appealed_and_the_ombudsman_restores_it(
    live_server, browser, item_page
):
    base = live_server.url
    author = _signed_in(browser, base, "bruna@example.org", item_page)
    author.get_by_label("Your comment").fill(TEXT)
    author.get_by_role("button", name="Post the comment").click()
    expect(author.get_by_text(TEXT)).to_be_visible()
    assert _fits_the_phone(author)

    moderator = _signed_in(browser, base, "moderator@example.org", item_page)
    moderator.get_by_role("link", name="Hide the comment by Bruna Santos").click()
    why = moderator.get_by_label("Why hide it")
    why.wait_for()
    assert _fits_the_phone(moderator)
    why.fill("It names no objection.")
    moderator.get_by_role("button", name="Hide the comment").click()
    moderator.wait_for_url(re.compile(r"/discussion/items/\d+/#comment-\d+$"))
    expect(moderator.get_by_text("It names no objection.")).to_be_visible()
    assert moderator.get_by_text(TEXT).count() == 0

    author.reload()
    expect(author.get_by_text("Only you see your text now")).to_be_visible()
    author.get_by_role("link", name="Appeal to the ombudsman").click()
    note = author.get_by_label("Your note to the ombudsman")
    note.wait_for()
    assert _fits_the_phone(author)
    note.fill("Every objection is in the minutes.")
    author.get_by_role("button", name="Send my appeal").click()
    author.get_by_text("you will be told the decision").wait_for()
    author.goto(f"{base}/accounts/activity/")
    expect(author.get_by_text("the ombudsman has not decided yet")).to_be_visible()
    assert _fits_the_phone(author)

    ombudsman = _signed_in(browser, base, "ombudsman@example.org", "/discussion/appeals/")
    assert _fits_the_phone(ombudsman)
    ombudsman.get_by_role("link", name="Restore the comment by Bruna Santos").click()
    reason = ombudsman.get_by_label("The reason for your decision")
    reason.wait_for()
    assert _fits_the_phone(ombudsman)
    reason.fill("Criticism is fair comment.")
    ombudsman.get_by_role("button", name="Restore the comment").click()
    expect(ombudsman.get_by_text("The comment is restored.")).to_be_visible()

    moderator.reload()
    expect(moderator.get_by_text(TEXT)).to_be_visible()
    assert moderator.get_by_role("link", name="Hide the comment by Bruna Santos").count() == 0
    assert _fits_the_phone(moderator)
    author.reload()
    expect(author.get_by_text("The ombudsman restored your comment on")).to_be_visible()
