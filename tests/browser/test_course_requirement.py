"""A round that asks for a course: the voter is sent to it from the ballot, completes it,
and then votes."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def voter_session(client, make_user, make_group, make_round, make_recommendation):
    """A round requiring the newcomers' course, and a signed-in voter's session cookie."""
    from commonweal.community.models import Membership
    from commonweal.learning.models import CourseRequirement
    from commonweal.learning.services.importing import courses_import
    from tests.learning.sample import newcomers_spec

    course = courses_import(courses=[newcomers_spec()])[0]
    group = make_group("ncuc", name="NCUC")
    voter = make_user()
    Membership.objects.create(person=voter.person, group=group)
    voting_round = make_round(
        recommendations=[make_recommendation("WS2-1", title="A glossary")], voter_groups=[group]
    )
    CourseRequirement.objects.create(course=course, round=voting_round)
    client.force_login(voter)
    return voting_round, client.cookies["sessionid"].value


def test_a_voter_completes_the_required_course_from_the_ballot_then_votes(
    live_server, browser, voter_session
):
    voting_round, session = voter_session
    base = live_server.url
    context = browser.new_context(locale="en-GB")
    context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page = context.new_page()
    ballot = f"{base}{voting_round.get_absolute_url()}ballot/"
    page.goto(ballot)
    before = page.locator("#before-voting")
    assert "Complete “Welcome to the community” first" in before.inner_text()
    assert page.locator("#ballot-form").count() == 0

    before.get_by_role("link", name="Go to the course").click()
    page.wait_for_url(f"{base}/learn/courses/newcomers/")
    page.get_by_role("link", name="The acronyms").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/modules/basics/quiz/$"))
    page.get_by_label("Non-Commercial Stakeholders Group").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/attempts/\d+/$"))

    page.goto(ballot)
    page.get_by_label("WS2-1 A glossary").check()
    page.get_by_role("button", name="Submit my ballot").click()
    page.wait_for_load_state()
    assert "Your ballot is saved." in page.locator("main").inner_text()
    assert page.locator(".receipt code").count() == 1
    context.close()
