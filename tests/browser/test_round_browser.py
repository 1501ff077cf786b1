import re

import pytest
from playwright.sync_api import expect

from commonweal.rounds.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 7"


def _sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


@pytest.fixture
def points_round(make_group, make_user, make_recommendation, make_round):
    """Four items of 100 over two years of 150: room for one a year."""
    from django.contrib.auth.models import Group

    from commonweal.community.models import Membership
    from commonweal.core.roles import SECRETARIAT

    group = make_group("ncsg", name="Non-Commercial Stakeholder Group")
    voter = make_user("voter@example.org", password=PASSWORD)
    Membership.objects.create(person=voter.person, group=group)
    staff = make_user("staff@example.org", password=PASSWORD)
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT)[0])
    recommendations = [
        make_recommendation(reference, title=title, one_time=100, recurring=0)
        for reference, title in (
            ("OUT-1", "Outreach in underserved regions"),
            ("KPI-1", "Measure the floor in every meeting"),
            ("LRN-1", "Courses in six languages"),
            ("ACR-1", "An acronym glossary"),
        )
    ]
    return make_round(
        title="Priorities for 2027 and 2028",
        recommendations=recommendations,
        voter_groups=[group],
        ballot_kind="points",
        points=100,
        rule="greedy",
        years=2,
        annual_cap=150,
    )


def test_a_participant_shares_points_the_secretariat_counts_and_the_list_explains_it(
    live_server, browser, page, points_round
):
    base = live_server.url
    _sign_in(page, base, "voter@example.org")
    page.goto(f"{base}{points_round.get_absolute_url()}")
    page.get_by_role("link", name="Vote in this round").click()
    page.get_by_label("OUT-1 Outreach in underserved regions").fill("50")
    page.get_by_label("KPI-1 Measure the floor in every meeting").fill("30")
    page.get_by_label("LRN-1 Courses in six languages").fill("20")
    assert page.locator("#remaining").inner_text() == "Points left: 0"
    page.get_by_role("button", name="Submit my ballot").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Your ballot is saved.")).to_be_visible()
    receipt = Ballot.objects.get().receipt
    assert page.locator(".receipt code").inner_text() == receipt

    staff_context = browser.new_context(locale="en-GB")
    staff = staff_context.new_page()
    _sign_in(staff, base, "staff@example.org")
    staff.goto(f"{base}{points_round.get_absolute_url()}")
    staff.get_by_role("button", name="Close voting and count").click()
    # The confirmation page names the effect and asks again with the same button.
    staff.get_by_text("This cannot be undone.").wait_for()
    staff.get_by_role("button", name="Close voting and count").click()
    staff.wait_for_url(re.compile(r"/priorities/$"))
    staff_context.close()

    page.goto(f"{base}{points_round.get_absolute_url()}priorities/")
    funded_2027 = page.locator(
        "section", has=page.get_by_role("heading", name="Funded starting in 2027")
    )
    assert "Outreach in underserved regions" in funded_2027.inner_text()
    funded_2028 = page.locator(
        "section", has=page.get_by_role("heading", name="Funded starting in 2028")
    )
    assert "Measure the floor in every meeting" in funded_2028.inner_text()
    deferred = page.locator(
        "section", has=page.get_by_role("heading", name="Chosen by the vote, not in the plan")
    )
    assert "Courses in six languages" in deferred.inner_text()
    assert deferred.locator("span[lang=en]").first.inner_text()  # the planner's reason
    assert receipt not in page.content()

    page.get_by_label("Your comment").fill("Courses matter more than the glossary.")
    page.get_by_role("button", name="Post the comment").click()
    page.wait_for_load_state()
    comments = page.locator("#discussion")
    assert "Courses matter more than the glossary." in comments.inner_text()
