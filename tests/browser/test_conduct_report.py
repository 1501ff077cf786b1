"""Someone reports anonymously, comes back with only the receipt, the ombudsman replies, the
reporter reads the reply; the access log holds, and the database and media folder hold
none of the report's words."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"
WHAT = "During the coffee break the delegate mocked my accent in front of everyone, twice."
REPLY = "Thank you for telling us. I will speak with the meeting's chair this week."


@pytest.fixture
def ombudsman_with_key(make_user, settings, tmp_path):
    from django.contrib.auth.models import Group

    from commonweal.conduct.keys import key_create
    from commonweal.conduct.models import KeyHolder
    from commonweal.core.roles import OMBUDSMAN

    settings.CONDUCT_KEY_DIR = tmp_path / "conduct-keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    ombudsman = make_user("ombudsman@example.org", password=PASSWORD)
    ombudsman.groups.add(Group.objects.get_or_create(name=OMBUDSMAN)[0])
    key_create(role=KeyHolder.Role.OMBUDSMAN, user=ombudsman)
    return ombudsman


def _follow_up(page, base: str, receipt: str) -> None:
    page.goto(f"{base}/conduct/followup/")
    page.get_by_label("Your receipt").fill(receipt)
    page.get_by_role("button", name="Open my report").click()


def _database_and_media(settings) -> bytes:
    from django.db import connection

    dump = "\n".join(connection.connection.iterdump()).encode()
    files = b"".join(path.read_bytes() for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())
    return dump + files


def test_an_anonymous_report_is_followed_up_with_the_receipt_and_answered(
    live_server, browser, ombudsman_with_key, settings
):
    base = live_server.url
    reporter = browser.new_context(locale="en-GB").new_page()
    reporter.goto(f"{base}/conduct/")
    reporter.get_by_label("harassment", exact=True).check()
    reporter.get_by_label("What happened, in your words").fill(WHAT)
    reporter.get_by_label("elsewhere").check()
    reporter.get_by_label("The place in words").fill("the coffee area")
    reporter.get_by_role("button", name="Send the report").click()
    receipt = reporter.locator("code.receipt-code").inner_text().strip()
    assert len(receipt.replace("-", "")) == 25
    assert receipt not in reporter.url
    reporter.context.close()

    # Later, on another device: only the receipt.
    again = browser.new_context(locale="en-GB").new_page()
    _follow_up(again, base, receipt)
    expect(again.get_by_text(WHAT)).to_be_visible()
    again.context.close()

    ombudsman = browser.new_context(locale="en-GB").new_page()
    ombudsman.goto(f"{base}/accounts/sign-in/?next=/conduct/cases/")
    ombudsman.get_by_label("Email address").fill("ombudsman@example.org")
    ombudsman.get_by_label("Password").fill(PASSWORD)
    ombudsman.get_by_role("main").get_by_role("button", name="Sign in").click()
    ombudsman.wait_for_url(f"{base}/conduct/cases/")
    ombudsman.locator("main table a").first.click()
    expect(ombudsman.get_by_text(WHAT)).to_be_visible()
    ombudsman.get_by_label("Message to the reporter").fill(REPLY)
    ombudsman.get_by_role("button", name="Send to the reporter").click()
    ombudsman.wait_for_load_state()
    ombudsman.context.close()

    back = browser.new_context(locale="en-GB").new_page()
    _follow_up(back, base, receipt)
    expect(back.get_by_text(REPLY)).to_be_visible()
    back.context.close()

    out = io.StringIO()
    call_command("conduct", "verify-log", stdout=out)
    assert "the chain holds" in out.getvalue()
    stored = _database_and_media(settings)
    for words in (WHAT, REPLY, "mocked my accent", "coffee area"):
        assert words.encode() not in stored
