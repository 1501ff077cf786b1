"""Who reaches each membership-request page: every role, as a truth table.

The request in question is the participant's, to join the NCSG, which the
coordinator chairs. The same rows belong in tests/core/test_permission_matrix.py.
"""

import pytest
from django.urls import reverse

from commonweal.community.models import MembershipRequest
from tests.roles import ROLE_ORDER, row

pytestmark = pytest.mark.django_db


#            anonymous, participant, coordinator, secretariat, board, ombudsman, administrator
TABLE = {
    "community:my_groups": (None, row(302, 200, 200, 200, 200, 200, 200)),
    # Open to everyone signed in; the page says why when they may not ask.
    "community:request_join": ("group", row(302, 200, 200, 200, 200, 200, 200)),
    "community:request_queue": ("group", row(302, 403, 200, 200, 403, 403, 200)),
    # A confirmation page; the participant may not decide their own request.
    "community:request_approve": ("request", row(302, 403, 200, 200, 403, 403, 200)),
    "community:request_decline": ("request", row(302, 403, 200, 200, 403, 403, 200)),
    # POST only, and only for the person who asked (administrators may do anything).
    "community:request_withdraw": ("request", row(302, 405, 403, 403, 403, 403, 405)),
}


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_each_role_reaches_the_membership_request_pages_its_row_says(client, role_users, role):
    membership_request = MembershipRequest.objects.create(
        person=role_users["participant"].person, group=role_users["groups"]["ncsg"], note="Hi."
    )
    kwargs = {"group": {"slug": "ncsg"}, "request": {"pk": membership_request.pk}}
    if role_users[role] is not None:
        client.force_login(role_users[role])
    wrong = {}
    for name, (key, expected) in TABLE.items():
        status = client.get(reverse(name, kwargs=kwargs[key] if key else None)).status_code
        if status != expected[role]:
            wrong[name] = (status, expected[role])
    assert wrong == {}, f"{role}: url -> (got, expected)"


@pytest.mark.parametrize(
    ("role", "may_decide"),
    [("participant", False), ("coordinator", True), ("secretariat", True), ("board", False)],
)
def test_only_deciders_see_how_many_requests_wait_on_the_group_page(
    client, role_users, role, may_decide
):
    MembershipRequest.objects.create(
        person=role_users["ombudsman"].person, group=role_users["groups"]["ncsg"], note="Hi."
    )
    client.force_login(role_users[role])
    page = client.get(reverse("community:group", kwargs={"slug": "ncsg"})).content.decode()
    assert ("1 request to join waiting for a decision" in page) is may_decide
