"""The "my activity" page: reached from the account page, with each app's part."""

import pytest
from django.urls import reverse

from commonweal.core.panels import ACTIVITY_SECTIONS, SLOTS

pytestmark = pytest.mark.django_db


def test_the_account_page_links_to_my_activity(client, author):
    client.force_login(author)
    page = client.get(reverse("accounts:me")).content.decode()
    assert reverse("accounts:activity") in page


def test_my_activity_lists_my_comments_with_their_state_and_nobody_elses(
    client, author, other, item, recommendation, comment_on
):
    comment_on(author, item, text="On the item.")
    comment_on(author, recommendation, text="On the registry.")
    comment_on(other, recommendation, text="Someone else's.")
    client.force_login(author)
    page = client.get(reverse("accounts:activity")).content.decode()
    assert "My comments" in page
    assert "On the item." in page and "On the registry." in page
    assert "Someone else&#x27;s." not in page and "Someone else's." not in page
    assert "WS2-7 Publish the budget early" in page
    assert f"{item.recommendation.reference} on the priority list “Budget 2027”" in page
    assert ">shown<" in page


def test_someone_who_never_commented_is_told_so(client, other):
    client.force_login(other)
    assert (
        "You have not commented yet." in client.get(reverse("accounts:activity")).content.decode()
    )


def test_the_ombudsman_sees_how_many_appeals_wait(client, role_users, appealed):
    client.force_login(role_users["ombudsman"])
    page = client.get(reverse("accounts:activity")).content.decode()
    assert "1 appeal waits for your decision." in page
    assert reverse("discussion:appeals") in page
    client.force_login(role_users["secretariat"])
    assert (
        "waits for your decision" not in client.get(reverse("accounts:activity")).content.decode()
    )


def test_the_activity_slot_is_one_other_apps_can_fill():
    assert ACTIVITY_SECTIONS == "activity.sections" and ACTIVITY_SECTIONS in SLOTS
