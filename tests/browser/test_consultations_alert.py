"""A board member flags a comment proceeding as important; a member of the group it is
sent to receives the email through a real SMTP server, with the sender's reason and why
it reached them, and leaves with one click from their mail program, without signing in."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.consultations.fixtures_delivery import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_delivery import parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"
REASON = "This decides how our recommendations are chosen: read section 3 before Friday."


@pytest.fixture
def flagged_setting(make_user, make_person, make_group):
    """A board member, an NCSG member who hears as it happens, and an open proceeding."""
    from commonweal.community.models import Membership, StakeholderGroup
    from commonweal.consultations.models import Delivery
    from commonweal.consultations.services import proceedings

    board = make_group("board", kind=StakeholderGroup.Kind.BOARD, name="Board of Directors")
    ncsg = make_group("ncsg", name="Non-Commercial Stakeholder Group")
    chair = make_user("chair@example.org", password=PASSWORD, person=make_person("Avri Doria"))
    Membership.objects.create(person=chair.person, group=board)
    member = make_user("member@example.org", person=make_person("Bruna Santos"))
    Membership.objects.create(person=member.person, group=ncsg)
    Delivery.objects.create(user=member, frequency=Delivery.Frequency.REALTIME)
    today = timezone.now().date()
    proceeding = proceedings.proceeding_create(
        title="Pilot of a priority-setting round",
        summary="How a yearly round should choose among recommendations.",
        language="en",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=20),
    )
    return proceedings.proceeding_publish(proceeding=proceeding), member


def _sign_in(page, base: str, email: str, then: str) -> None:
    page.goto(f"{base}/accounts/sign-in/?next={then}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}{then}")


def test_a_flagged_document_arrives_by_smtp_with_its_reason_and_unsubscribes_in_one_click(
    live_server, browser, page, flagged_setting, smtp_inbox, settings
):
    from commonweal.consultations.models import Delivery

    proceeding, member = flagged_setting
    settings.SITE_URL = live_server.url
    base = live_server.url
    _sign_in(page, base, "chair@example.org", proceeding.get_absolute_url())
    page.get_by_role("link", name="Flag as important").click()
    page.get_by_label("Why it matters").fill(REASON)
    page.get_by_label("Non-Commercial Stakeholder Group").check()
    page.get_by_role("button", name="See it before sending").click()
    assert page.get_by_role("blockquote").inner_text() == REASON  # what members will read
    page.get_by_role("button", name="Send the alert").click()
    page.wait_for_url(f"{base}/consultations/follows/alerts/")
    expect(page.get_by_text("Sent. It is on the record of flagged items.")).to_be_visible()

    smtp_inbox.wait_for(1)
    [received] = smtp_inbox.to(member.email)
    assert "Pilot of a priority-setting round" in received["Subject"]
    text, html = parts(received)
    assert REASON in text and "Avri Doria" in text
    assert "a group you are a member of: Non-Commercial Stakeholder Group" in text  # why
    assert REASON in html
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = str(received["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe.startswith(base)

    # The mail program's one click: a POST with no session and no CSRF token (RFC 8058).
    with browser.new_context() as mail_program:
        answer = mail_program.request.post(
            unsubscribe,
            data="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answer.status == 200
    assert Delivery.objects.get(user=member).unsubscribed_at is not None

    # The next alert to the group sends nothing to the person who left.
    page.goto(f"{base}{proceeding.get_absolute_url()}")
    page.get_by_role("link", name="Flag as important").click()
    page.get_by_label("Why it matters").fill("A second reminder.")
    page.get_by_label("Non-Commercial Stakeholder Group").check()
    page.get_by_role("button", name="See it before sending").click()
    page.get_by_role("button", name="Send the alert").click()
    page.wait_for_url(f"{base}/consultations/follows/alerts/")
    expect(page.get_by_text("A second reminder.").first).to_be_visible()  # on the public record
    assert len(smtp_inbox.to(member.email)) == 1
