"""Who sees and does what: drafts stay with their writers, each write page refuses the
wrong role and sends visitors to sign in; the list puts what is open first."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.consultations.services.proceedings import submission_create, submission_submit
from tests.consultations.fixtures_proceedings import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_proceedings import days, login


@pytest.fixture
def things(make_proceeding, role_users, member):
    ncsg = role_users["groups"]["ncsg"]
    proceeding = make_proceeding(groups=[ncsg])
    draft_of_participant = submission_create(
        proceeding=proceeding, author=role_users["participant"], text="Mine."
    )
    awaiting = submission_create(
        proceeding=proceeding, author=member, text="Ours.", on_behalf_of=ncsg
    )
    submission_submit(submission=awaiting, by=member)
    return {
        None: None,
        "draft": {"pk": make_proceeding(published=False).pk},
        "open": {"pk": proceeding.pk},
        "own_draft": {"pk": draft_of_participant.pk},
        "awaiting": {"pk": awaiting.pk},
    }


# url name, its object, a signed-in role that is refused (403)
WRITE_PAGES = [
    ("proceeding_new", None, "participant"),
    ("proceeding_edit", "draft", "coordinator"),
    ("document_add", "draft", "board"),
    ("proceeding_publish", "draft", "participant"),
    ("proceeding_extend", "open", "ombudsman"),
    ("proceeding_report", "open", "participant"),
    ("submission_edit", "own_draft", "secretariat"),
    ("submission_submit", "own_draft", "administrator"),
    # The author sees their submission waiting, but does not endorse it themselves.
    ("submission_endorse", "awaiting", "member"),
    ("submission_decline", "awaiting", "member"),
    ("endorsements", None, "participant"),
]


@pytest.mark.parametrize(("name", "subject", "refused"), WRITE_PAGES)
def test_each_write_page_refuses_the_wrong_role_and_asks_visitors_to_sign_in(
    client, role_users, member, things, name, subject, refused
):
    url = reverse(f"consultations:{name}", kwargs=things[subject])
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response.url
    login(client, {**role_users, "member": member}[refused])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403


def test_writing_a_submission_asks_a_visitor_to_sign_in(client, things):
    response = client.get(reverse("consultations:submission_new", kwargs=things["open"]))
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url


@pytest.mark.parametrize("name", ["proceeding", "submissions_csv", "submissions_json"])
def test_a_draft_proceeding_is_not_found_but_by_staff(client, role_users, things, name):
    url = reverse(f"consultations:{name}", kwargs=things["draft"])
    assert client.get(url).status_code == 404
    for role in ("participant", "coordinator", "board", "ombudsman"):
        assert login(client, role_users[role]).get(url).status_code == 404
    for role in ("secretariat", "administrator"):
        assert login(client, role_users[role]).get(url).status_code == 200


def test_a_draft_submission_is_its_authors_alone(client, role_users, things):
    url = reverse("consultations:submission_edit", kwargs=things["own_draft"])
    assert login(client, role_users["coordinator"]).get(url).status_code == 404
    assert login(client, role_users["participant"]).get(url).status_code == 200


def test_a_submission_awaiting_endorsement_is_shown_to_its_groups_coordinator_only(
    client, role_users, things
):
    url = reverse("consultations:submission_endorse", kwargs=things["awaiting"])
    for role in ("participant", "board"):
        assert login(client, role_users[role]).get(url).status_code == 404
    assert login(client, role_users["coordinator"]).get(url).status_code == 200
    queue = reverse("consultations:endorsements")
    assert "Ours." in client.get(queue).content.decode()


def test_the_list_puts_open_proceedings_first_and_drafts_only_before_staff(
    client, make_proceeding, role_users
):
    reported = make_proceeding(title="Reported", report_published_at=timezone.now())
    closed = make_proceeding(title="Closed", opens_on=days(-30), closes_on=days(-2))
    upcoming = make_proceeding(title="Upcoming", opens_on=days(3), closes_on=days(20))
    opened = make_proceeding(title="Open now")
    make_proceeding(title="Secret draft", published=False)
    page = client.get(reverse("consultations:proceedings")).content.decode()
    positions = [page.index(p.title) for p in (opened, upcoming, closed, reported)]
    assert positions == sorted(positions)
    assert "Secret draft" not in page
    login(client, role_users["secretariat"])
    assert "Secret draft" in client.get(reverse("consultations:proceedings")).content.decode()


def test_the_list_filters_by_group_and_status(client, make_proceeding, role_users):
    ncsg = role_users["groups"]["ncsg"]
    make_proceeding(title="About the NCSG", groups=[ncsg])
    make_proceeding(title="About nobody")
    make_proceeding(title="Long closed", opens_on=days(-30), closes_on=days(-2), groups=[ncsg])
    url = reverse("consultations:proceedings")
    page = client.get(url, {"group": "ncsg", "status": "open"}).content.decode()
    assert "About the NCSG" in page
    assert "About nobody" not in page and "Long closed" not in page
