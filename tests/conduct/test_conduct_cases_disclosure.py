"""Disclosure under two keys: the ombudsman documents a request, a custodian other than
the one who asked decides it, and only an approved request (or the reporter's recorded
consent) lets a custodian open who the reporter is."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.conduct.models import Consent, DisclosureRequest
from tests.conduct.fixtures_cases import *  # noqa: F403  (fixtures, found by name)
from tests.conduct.fixtures_cases import EMAIL, NAME, REASON, SECRET_WORDS

pytestmark = pytest.mark.django_db


def _request(client, case, **fields):
    data = {"what": "identity", "to_whom": "the venue's security", "reason": REASON}
    data.update(fields)
    return client.post(reverse("conduct:case_disclose", kwargs={"pk": case.pk}), data)


def test_an_approved_request_lets_the_custodian_read_the_identity(
    client, role_users, conduct_keys, filed, django_capture_on_commit_callbacks
):
    client.force_login(role_users["ombudsman"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _request(client, filed).status_code == 302
    asked = DisclosureRequest.objects.get()
    assert REASON.encode() not in bytes(asked.reason_box)  # the reason is stored encrypted
    [email] = mail.outbox  # the custodian is told a request waits, and no more
    assert email.to == [conduct_keys["custodian_user"].email]
    assert not any(word in email.subject + email.body for word in SECRET_WORDS)

    page = reverse("conduct:disclosure", kwargs={"pk": asked.pk})
    assert client.get(page).status_code == 403  # the ombudsman holds no second key
    client.force_login(conduct_keys["custodian_user"])
    response = client.get(page)
    assert REASON.encode() in response.content
    assert NAME.encode() not in response.content
    assert client.post(page, {"reveal": "yes"}).status_code == 200  # not yet approved
    assert NAME.encode() not in client.post(page, {"reveal": "yes"}).content

    client.post(page, {"decision": "approve"})
    asked.refresh_from_db()
    assert asked.decision == "approved"
    assert asked.decided_by == conduct_keys["custodian_user"]
    assert NAME.encode() not in client.get(page).content  # shown only when asked for
    revealed = client.post(page, {"reveal": "yes"})
    assert NAME.encode() in revealed.content and EMAIL.encode() in revealed.content
    assert "no-store" in revealed["Cache-Control"]
    actions = list(filed.log.values_list("action", flat=True))
    assert "disclosure identity requested" in actions
    assert "disclosure identity approved" in actions
    assert actions.count("identity read") == 1


def test_a_refused_request_opens_nothing(client, role_users, conduct_keys, filed):
    client.force_login(role_users["ombudsman"])
    _request(client, filed)
    asked = DisclosureRequest.objects.get()
    page = reverse("conduct:disclosure", kwargs={"pk": asked.pk})
    client.force_login(conduct_keys["custodian_user"])
    client.post(page, {"decision": "refuse"})
    assert NAME.encode() not in client.post(page, {"reveal": "yes"}).content
    client.post(page, {"decision": "approve"})  # a decision is final
    asked.refresh_from_db()
    assert asked.decision == "refused"


def test_a_custodian_cannot_approve_their_own_request(
    client, conduct_keys, second_custodian, about_ombudsman
):
    custodian = conduct_keys["custodian_user"]
    client.force_login(custodian)
    assert _request(client, about_ombudsman).status_code == 302
    asked = DisclosureRequest.objects.get()
    page = reverse("conduct:disclosure", kwargs={"pk": asked.pk})
    assert client.get(page).status_code == 403
    assert client.post(page, {"decision": "approve"}).status_code == 403
    assert not client.get(reverse("conduct:cases")).context["waiting"]
    client.force_login(second_custodian)
    assert asked in client.get(reverse("conduct:cases")).context["waiting"]
    client.post(page, {"decision": "approve"})
    asked.refresh_from_db()
    assert (asked.decision, asked.decided_by) == ("approved", second_custodian)


def test_the_reporters_consent_approves_without_a_custodian(client, role_users, filed):
    consent = Consent.objects.create(case=filed, what="identity", to_whom="the venue")
    client.force_login(role_users["ombudsman"])
    page = client.get(reverse("conduct:case_disclose", kwargs={"pk": filed.pk}))
    assert b"the venue" in page.content
    _request(client, filed, consent=consent.pk, what="", to_whom="")
    asked = DisclosureRequest.objects.get()
    assert (asked.decision, asked.to_whom, asked.decided_by) == ("approved", "the venue", None)
    assert filed.log.last().action == "disclosure identity approved by consent"
    # Those handling the case read of the reporter, not the reporter's own "who I am".
    case_page = client.get(reverse("conduct:case", kwargs={"pk": filed.pk})).content.decode()
    assert "the reporter&#x27;s identity" in case_page and "who I am" not in case_page


def test_the_custodian_reads_what_is_to_be_disclosed_in_their_own_words(
    client, role_users, conduct_keys, filed
):
    client.force_login(role_users["ombudsman"])
    form = client.get(reverse("conduct:case_disclose", kwargs={"pk": filed.pk})).content.decode()
    assert "the reporter&#x27;s identity" in form and "who I am" not in form
    _request(client, filed)
    client.force_login(conduct_keys["custodian_user"])
    listed = client.get(reverse("conduct:cases")).content.decode()
    assert f"Case {filed.reference}: disclose the reporter&#x27;s identity" in listed


def test_a_request_needs_a_documented_reason(client, role_users, filed):
    client.force_login(role_users["ombudsman"])
    assert _request(client, filed, reason="").status_code == 400
    assert _request(client, filed, to_whom="").status_code == 400
    assert not DisclosureRequest.objects.exists()


def test_the_case_page_in_french_names_its_dates_and_disclosures_in_french(
    client, role_users, conduct_keys, filed
):
    """The case page's words are the conduct pages' own, not entries shared with other
    pages (« Reçues » is the recommendations received in a quarter), and a disclosure's
    state in the access log is translated, not the code the log keeps."""
    client.force_login(role_users["ombudsman"])
    _request(client, filed)
    client.force_login(conduct_keys["custodian_user"])
    page = reverse("conduct:disclosure", kwargs={"pk": DisclosureRequest.objects.get().pk})
    client.post(page, {"decision": "approve"})
    client.force_login(role_users["ombudsman"])
    url = reverse("conduct:case", kwargs={"pk": filed.pk})
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Date de réception" in french and "Reçues" not in french
    assert "Le signalement" in french
    entries = re.findall(r"<td>(divulgation de [^<]*)</td>", french)
    assert any(entry.endswith("approuvée") for entry in entries), entries
    assert not any("approved" in entry for entry in entries)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Received" in english and ": approved" in english
