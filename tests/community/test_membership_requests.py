"""Asking to join a group, and the coordinators' decision: the journey as a person walks it."""

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.community.models import Membership, MembershipRequest

pytestmark = pytest.mark.django_db

NOTICES = "commonweal.community.middleware.DecisionNoticeMiddleware"


@pytest.fixture
def notices(settings):
    """The middleware that tells a person about decisions on their next page."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, NOTICES]


def _ask(client, user, slug="ncsg", note="I run a digital rights clinic in Nairobi."):
    client.force_login(user)
    return client.post(reverse("community:request_join", kwargs={"slug": slug}), {"note": note})


def _decide(client, user, membership_request, action="approve", note=""):
    client.force_login(user)
    url = reverse(f"community:request_{action}", kwargs={"pk": membership_request.pk})
    return client.post(url, {"note": note})


def test_a_person_asks_the_coordinator_approves_and_the_person_may_vote(
    client, role_users, make_round, notices, django_capture_on_commit_callbacks
):
    participant, coordinator = role_users["participant"], role_users["coordinator"]
    ncsg = role_users["groups"]["ncsg"]
    voting_round = make_round(voter_groups=[ncsg])
    ballot = reverse("rounds:ballot", kwargs={"pk": voting_round.pk})
    client.force_login(participant)
    assert client.get(ballot).status_code == 403
    assert "Ask to join" in client.get(ncsg.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, participant)
    assert response.status_code == 302
    page = client.get(ncsg.get_absolute_url()).content.decode()
    assert "Your request to join NCSG is sent." in page
    assert "Request pending" in page and "Withdraw my request" in page
    assert mail.outbox[0].to == ["coordinator@example.org"]
    assert "digital rights clinic" in mail.outbox[0].body

    client.force_login(coordinator)
    queue = client.get(reverse("community:request_queue", kwargs={"slug": "ncsg"}))
    assert "digital rights clinic" in queue.content.decode()
    membership_request = MembershipRequest.objects.get()
    confirm = client.get(reverse("community:request_approve", kwargs={"pk": membership_request.pk}))
    assert "may vote in the rounds open to <bdi>NCSG</bdi>" in confirm.content.decode()
    assert not Membership.objects.filter(person=participant.person).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, coordinator, membership_request, note="Welcome aboard.")
    assert response.status_code == 302
    assert "is now a member of NCSG" in client.get(response.url).content.decode()
    assert mail.outbox[1].to == ["participant@example.org"]
    assert mail.outbox[1].subject == "You are now a member of NCSG"
    assert "Welcome aboard." in mail.outbox[1].body

    client.force_login(participant)
    page = client.get(reverse("community:my_groups")).content.decode()
    assert "Your request to join NCSG was approved: you are now a member." in page
    assert "Approved" in page and "approved by" in page and "Welcome aboard." in page
    assert client.get(ballot).status_code == 200


def test_a_declined_person_is_told_why_once_and_may_ask_again(
    client, role_users, notices, django_capture_on_commit_callbacks
):
    participant = role_users["participant"]
    _ask(client, participant)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(
            client,
            role_users["secretariat"],
            MembershipRequest.objects.get(),
            "decline",
            note="Please join the NPOC constituency instead.",
        )
    assert mail.outbox[-1].subject == "Your request to join NCSG was declined"
    assert "NPOC constituency instead" in mail.outbox[-1].body
    client.force_login(participant)
    first = client.get(reverse("site:home")).content.decode()
    assert "Your request to join NCSG was declined." in first
    assert "NPOC constituency instead" in first
    assert "was declined." not in client.get(reverse("site:home")).content.decode()
    assert not Membership.objects.filter(person=participant.person).exists()
    assert _ask(client, participant, note="Second try.").status_code == 302
    assert MembershipRequest.objects.filter(status="pending").count() == 1


def test_a_person_withdraws_a_pending_request_and_nobody_else_can(client, role_users):
    _ask(client, role_users["participant"])
    membership_request = MembershipRequest.objects.get()
    url = reverse("community:request_withdraw", kwargs={"pk": membership_request.pk})
    client.force_login(role_users["board"])
    assert client.post(url).status_code == 403
    client.force_login(role_users["participant"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://elsewhere.example/"})
    assert response.url == reverse("community:my_groups")
    page = client.get(response.url).content.decode()
    assert "You withdrew your request to join NCSG." in page and "Withdrawn" in page
    membership_request.refresh_from_db()
    assert membership_request.status == "withdrawn"
    # A withdrawn request cannot be approved afterwards.
    response = _decide(client, role_users["coordinator"], membership_request)
    assert "no longer pending: it was withdrawn" in client.get(response.url).content.decode()
    assert not Membership.objects.filter(person=role_users["participant"].person).exists()


def test_asking_twice_for_the_same_group_is_refused_with_a_reason(client, role_users):
    _ask(client, role_users["participant"])
    response = _ask(client, role_users["participant"], note="Again.")
    assert response.status_code == 200
    assert "already asked to join NCSG" in response.content.decode()
    assert "Send my request" not in response.content.decode()
    assert MembershipRequest.objects.count() == 1


def test_a_request_without_a_note_is_refused_and_nothing_is_written(client, role_users):
    response = _ask(client, role_users["participant"], note="   ")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert MembershipRequest.objects.count() == 0


def test_the_board_takes_no_requests_and_the_page_says_so(client, role_users):
    client.force_login(role_users["participant"])
    board = role_users["groups"]["board"]
    assert "Ask to join" not in client.get(board.get_absolute_url()).content.decode()
    response = _ask(client, role_users["participant"], slug="board")
    assert "are appointed; it does not take requests" in response.content.decode()
    assert MembershipRequest.objects.count() == 0


def test_a_member_is_told_they_are_a_member_instead_of_being_offered_to_join(client, role_users):
    client.force_login(role_users["coordinator"])
    group_page = client.get(reverse("community:group", kwargs={"slug": "ncsg"})).content.decode()
    assert "You are a member of this group." in group_page and "Ask to join" not in group_page
    response = client.get(reverse("community:request_join", kwargs={"slug": "ncsg"}))
    assert "You are already a member of NCSG." in response.content.decode()


def test_anonymous_visitors_are_offered_to_sign_in_first(client, role_users):
    group_page = client.get(reverse("community:group", kwargs={"slug": "ncsg"})).content.decode()
    assert 'href="/accounts/sign-in/?next=/groups/ncsg/">Sign in to ask to join' in group_page
    groups_page = client.get(reverse("community:groups")).content.decode()
    assert "Sign in to ask to join" in groups_page


def test_the_groups_list_shows_each_viewer_where_they_stand(client, role_users, make_group):
    make_group("npoc", kind="constituency", name="NPOC")
    _ask(client, role_users["participant"])
    page = client.get(reverse("community:groups")).content.decode()
    assert "Withdraw my request to join NCSG" in page and "Ask to join NPOC" in page
    assert "requests waiting" not in page and "1 request waiting" not in page
    for decider in ("coordinator", "secretariat"):
        client.force_login(role_users[decider])
        assert "1 request waiting" in client.get(reverse("community:groups")).content.decode()
        assert "1 request waiting" in client.get(reverse("community:my_groups")).content.decode()


def test_a_coordinator_of_another_group_can_neither_see_nor_decide_the_requests(
    client, role_users, make_user, make_group
):
    other = make_group("ispcp", name="ISPCP")
    other_chair = make_user("chair@ispcp.example")
    Membership.objects.create(person=other_chair.person, group=other, role="chair")
    _ask(client, role_users["participant"])
    membership_request = MembershipRequest.objects.get()
    client.force_login(other_chair)
    assert (
        client.get(reverse("community:request_queue", kwargs={"slug": "ncsg"})).status_code == 403
    )
    assert _decide(client, other_chair, membership_request).status_code == 403
    assert "1 request waiting" not in client.get(reverse("community:groups")).content.decode()
    assert MembershipRequest.objects.get().status == "pending"


def test_nobody_decides_their_own_request_not_even_the_secretariat(client, role_users):
    secretariat = role_users["secretariat"]
    _ask(client, secretariat)
    membership_request = MembershipRequest.objects.get()
    assert _decide(client, secretariat, membership_request).status_code == 403
    queue = client.get(reverse("community:request_queue", kwargs={"slug": "ncsg"}))
    assert "your own request: someone else decides it" in queue.content.decode()
    assert MembershipRequest.objects.get().status == "pending"


def test_a_person_sees_only_their_own_requests(client, role_users):
    _ask(client, role_users["participant"], note="Only mine to see.")
    client.force_login(role_users["board"])
    page = client.get(reverse("community:my_groups")).content.decode()
    assert "Pending" not in page and "You have not asked to join any group." in page


def test_approving_someone_who_became_a_member_meanwhile_adds_no_second_membership(
    client, role_users
):
    participant = role_users["participant"]
    _ask(client, participant)
    ncsg = role_users["groups"]["ncsg"]
    Membership.objects.create(person=participant.person, group=ncsg)
    client.force_login(role_users["participant"])
    _decide(client, role_users["secretariat"], MembershipRequest.objects.get())
    assert Membership.objects.filter(person=participant.person, group=ncsg).count() == 1
    assert MembershipRequest.objects.get().status == "approved"


def test_a_decision_stands_when_the_email_cannot_be_sent(
    client, role_users, settings, django_capture_on_commit_callbacks
):
    _ask(client, role_users["participant"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, role_users["coordinator"], MembershipRequest.objects.get())
    assert response.status_code == 302
    assert Membership.objects.filter(person=role_users["participant"].person).exists()


def test_the_export_holds_the_request_and_erasure_removes_it(client, role_users):
    from commonweal.accounts.services import account_erase, personal_data_export

    participant = role_users["participant"]
    _ask(client, participant, note="A note only I wrote.")
    _decide(client, role_users["coordinator"], MembershipRequest.objects.get(), note="Yes.")
    exported = str(personal_data_export(user=participant))
    assert "A note only I wrote." in exported
    assert "Yes." in str(personal_data_export(user=role_users["coordinator"]))
    account_erase(user=participant)
    assert not MembershipRequest.objects.exists()
    assert Membership.objects.filter(person=participant.person).exists()
