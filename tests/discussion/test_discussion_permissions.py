"""Every discussion URL × every role, as rows for tests/core/test_permission_matrix.py.

GET on each page; posting is covered by the journeys. The author of the comments is the
participant; the ombudsman alone decides appeals (administrators included out: an appeal
is to someone independent of those who run the platform).
"""

import pytest
from django.urls import reverse

from tests.roles import ROLE_ORDER, row

EVERYONE = row(200, 200, 200, 200, 200, 200, 200)
DISCUSSION_MATRIX = {
    "discussion:item": ("round_item", EVERYONE),
    # POST only: signed-in people are sent on, visitors to sign in.
    "discussion:post": ("thread", row(302, 405, 405, 405, 405, 405, 405)),
    # A lasting link: everyone is sent on to the comment in its thread.
    "discussion:comment": ("discussion_comment", row(302, 302, 302, 302, 302, 302, 302)),
    # The participant wrote it; nobody else changes it, administrators included.
    "discussion:edit": ("discussion_comment", row(302, 200, 403, 403, 403, 403, 403)),
    "discussion:delete": ("discussion_comment", row(302, 200, 403, 403, 403, 403, 403)),
    "discussion:hide": ("discussion_comment", row(302, 403, 403, 200, 403, 403, 200)),
    "discussion:appeal": ("hidden_comment", row(302, 200, 403, 403, 403, 403, 403)),
    "discussion:appeals": (None, row(302, 403, 403, 403, 403, 200, 403, custodian=403)),
    "discussion:restore": ("appeal", row(302, 403, 403, 403, 403, 200, 403, custodian=403)),
    "discussion:uphold": ("appeal", row(302, 403, 403, 403, 403, 200, 403, custodian=403)),
    "accounts:activity": (None, row(302, 200, 200, 200, 200, 200, 200)),
}


@pytest.fixture
def url_kwargs(role_users, counted_round):
    from commonweal.discussion.services import appeal_file, comment_hide, comment_post

    participant = role_users["participant"]
    item = counted_round.items.first()
    shown = comment_post(target=item, author=participant, text="Thanks.")
    hidden = comment_post(target=counted_round, author=participant, text="Rude.")
    comment_hide(comment=hidden, by=role_users["secretariat"], reason="Rude.", site_url="")
    appealed = comment_post(target=counted_round, author=participant, text="Blunt.")
    comment_hide(comment=appealed, by=role_users["secretariat"], reason="Blunt.", site_url="")
    appeal = appeal_file(comment=appealed, by=participant, note="Fair.", site_url="")
    return {
        "round_item": {"pk": item.pk},
        "thread": {"kind": "item", "pk": item.pk},
        "discussion_comment": {"pk": shown.pk},
        "hidden_comment": {"pk": hidden.pk},
        "appeal": {"pk": appeal.pk},
    }


def test_every_discussion_url_has_a_row():
    from django.urls import get_resolver

    names = {
        f"discussion:{name}"
        for name in get_resolver().namespace_dict["discussion"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == {name for name in DISCUSSION_MATRIX if name.startswith("discussion:")}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_ORDER)
def test_each_role_gets_the_status_its_row_says(client, role_users, url_kwargs, role):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    wrong = {}
    for name, (kwargs_key, expected) in DISCUSSION_MATRIX.items():
        url = reverse(name, kwargs=url_kwargs[kwargs_key] if kwargs_key else None)
        status = client.get(url).status_code
        if status != expected[role]:
            wrong[name] = (status, expected[role])
    assert wrong == {}, f"{role}: url -> (got, expected)"
