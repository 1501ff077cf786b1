"""Nobody but the key holders comes near a case: every other role, the administrator
included, gets 403 or 404 on every address of the cases side and sees no word of it."""

import pytest
from django.urls import reverse

from commonweal.conduct.models import AccessEntry, DisclosureRequest
from tests.conduct.fixtures_cases import *  # noqa: F403  (fixtures, found by name)
from tests.conduct.fixtures_cases import SECRET_WORDS

pytestmark = pytest.mark.django_db

OUTSIDERS = ("participant", "coordinator", "secretariat", "board", "administrator")


def _addresses(case, asked):
    pk = {"pk": case.pk}
    return [
        reverse("conduct:cases"),
        reverse("conduct:case", kwargs=pk),
        reverse("conduct:case_acknowledge", kwargs=pk),
        reverse("conduct:case_reply", kwargs=pk),
        reverse("conduct:case_status", kwargs=pk),
        reverse("conduct:case_close", kwargs=pk),
        reverse("conduct:case_disclose", kwargs=pk),
        reverse("conduct:case_attachment", kwargs={**pk, "attachment": case.attachment.pk}),
        reverse("conduct:disclosure", kwargs={"pk": asked.pk}),
    ]


def _pending(case, by):
    from commonweal.conduct.services.handling import case_open, disclosure_request

    return disclosure_request(
        opened=case_open(case, by),
        user=by,
        what="identity",
        to_whom="the venue",
        reason="Needed.",
        site_url="",
    )


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_other_role_reaches_a_case(client, role_users, filed, role):
    asked = _pending(filed, role_users["ombudsman"])
    entries = AccessEntry.objects.count()
    client.force_login(role_users[role])
    for address in _addresses(filed, asked):
        for method in (client.get, client.post):
            response = method(address, {"text": "x", "decision": "approve", "confirm": "yes"})
            assert response.status_code in (403, 404), (role, address)
            assert not any(word.encode() in response.content for word in SECRET_WORDS)
    assert AccessEntry.objects.count() == entries  # nothing read, nothing done
    assert DisclosureRequest.objects.get().decision == "pending"


def test_a_visitor_is_sent_to_sign_in(client, filed):
    response = client.get(reverse("conduct:case", kwargs={"pk": filed.pk}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_administrator_who_holds_the_role_is_let_in(client, role_users, filed):
    from django.contrib.auth.models import Group

    from commonweal.core.roles import OMBUDSMAN

    administrator = role_users["administrator"]
    administrator.groups.add(Group.objects.get(name=OMBUDSMAN))
    client.force_login(administrator)
    assert client.get(reverse("conduct:cases")).status_code == 200
    # ... but a case opens only with a key sealed to it: the role alone is not enough.
    assert client.get(reverse("conduct:case", kwargs={"pk": filed.pk})).status_code == 404


def test_the_custodian_does_not_open_an_ordinary_case(client, conduct_keys, filed):
    client.force_login(conduct_keys["custodian_user"])
    response = client.get(reverse("conduct:case", kwargs={"pk": filed.pk}))
    assert response.status_code == 404
    assert b"Farnsworth" not in response.content


def test_the_ombudsman_does_not_open_a_case_about_them(client, role_users, about_ombudsman):
    client.force_login(role_users["ombudsman"])
    listing = client.get(reverse("conduct:cases"))
    assert about_ombudsman.reference.encode() not in listing.content
    response = client.get(reverse("conduct:case", kwargs={"pk": about_ombudsman.pk}))
    assert response.status_code == 404


def test_the_custodian_lists_and_opens_the_case_about_the_ombudsman(
    client, conduct_keys, about_ombudsman
):
    client.force_login(conduct_keys["custodian_user"])
    listing = client.get(reverse("conduct:cases"))
    assert about_ombudsman.reference.encode() in listing.content
    response = client.get(reverse("conduct:case", kwargs={"pk": about_ombudsman.pk}))
    assert response.status_code == 200
    assert b"Quimby Farnsworth" in response.content
    assert about_ombudsman.log.last().actor == AccessEntry.Actor.CUSTODIAN


def test_case_pages_are_not_stored_or_indexed(client, role_users, filed):
    client.force_login(role_users["ombudsman"])
    response = client.get(reverse("conduct:case", kwargs={"pk": filed.pk}))
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_without_the_key_file_the_page_says_so(client, role_users, filed, conduct_keys):
    from commonweal.conduct.keys import key_dir

    (key_dir() / f"{conduct_keys['ombudsman'].fingerprint}.key").unlink()
    client.force_login(role_users["ombudsman"])
    response = client.get(reverse("conduct:case", kwargs={"pk": filed.pk}))
    assert response.status_code == 200
    assert b"This server does not hold your key" in response.content
    assert b"Farnsworth" not in response.content
