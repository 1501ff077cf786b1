"""Coming back with the receipt: the case as filed, messages and files both ways, the
clocks, the log, consent, one's own download; wrong receipts refused and limited."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.conduct import crypto
from commonweal.conduct.accesslog import log_append
from commonweal.conduct.models import AccessEntry, Attachment, Consent, Message
from tests.conduct.fixtures_reporting import *  # noqa: F403  (fixtures, found by name)
from tests.conduct.fixtures_reporting import (
    WHAT,
    case_post,
    media_bytes,
    report_post,
    visible,
)

pytestmark = pytest.mark.django_db

PRIVATE = {"X-Robots-Tag": "noindex"}


def _private(response) -> bool:
    return "no-store" in response["Cache-Control"] and all(
        value in response[header] for header, value in PRIVATE.items()
    )


def test_the_receipt_opens_the_case_written_any_way(client, conduct_keys, media, role_users):
    _response, receipt = report_post(client)
    typed = receipt.lower().replace("-", " ")
    log_append(
        case=AccessEntry.objects.get().case,
        actor=AccessEntry.Actor.OMBUDSMAN,
        action="read",
        actor_ref=role_users["ombudsman"].pk,
    )

    page = case_post(client, typed)

    text = page.content.decode()
    assert page.status_code == 200 and _private(page)
    assert WHAT in text and "green scarf" in text and "Tuesday afternoon" in text
    assert "Acknowledgement" in text and "due by" in text
    assert "the ombudsman" in text and "report read" in text
    assert "ombudsman@example.org" not in text
    assert AccessEntry.objects.filter(action="read by the reporter").count() == 1


def test_the_reporter_adds_a_message_and_a_file_and_downloads_it(client, conduct_keys, media):
    _response, receipt = report_post(client)
    upload = SimpleUploadedFile("recording.m4a", b"AUDIO: you people never learn")

    page = case_post(
        client,
        receipt,
        "conduct:followup_message",
        text="It happened again at lunch.",
        files=[upload],
    )

    assert page.status_code == 200 and _private(page)
    assert "It happened again at lunch." in page.content.decode()
    assert "recording.m4a" in page.content.decode()
    assert receipt not in visible(page)
    message = Message.objects.get()
    assert message.from_reporter and b"lunch" not in bytes(message.box)
    assert b"you people" not in media_bytes(media)
    attachment = Attachment.objects.get(message=message)
    download = case_post(client, receipt, "conduct:followup_file", args=[attachment.pk])
    assert download.status_code == 200 and _private(download)
    assert download.content == b"AUDIO: you people never learn"
    assert "recording.m4a" in download["Content-Disposition"]
    assert "message added by the reporter" in case_post(client, receipt).content.decode()


def test_a_reply_from_the_ombudsman_shows_on_the_reporter_page(client, conduct_keys, media):
    _response, receipt = report_post(client)
    case = AccessEntry.objects.get().case
    key = crypto.decrypt(crypto.receipt_key(receipt, case.receipt_salt), case.reporter_box)
    Message.objects.create(case=case, box=crypto.encrypt(key, "Thank you, we are on it."))

    text = case_post(client, receipt).content.decode()

    assert "From the ombudsman" in text and "Thank you, we are on it." in text


def test_a_message_needs_the_receipt_again(client, conduct_keys, media):
    report_post(client)

    response = client.post(reverse("conduct:followup_message"), {"text": "Hello"})

    assert response.status_code == 400
    assert not Message.objects.exists()
    assert client.get(reverse("conduct:followup_message")).status_code == 405


def test_a_wrong_receipt_is_refused_readably(client, conduct_keys, media):
    report_post(client)

    response = case_post(client, "ABCDE-FGHJK-MNPQR-STVWX-YZ012")

    assert response.status_code == 404 and _private(response)
    assert "No report has this receipt" in response.content.decode()
    assert WHAT not in response.content.decode()


def test_the_eleventh_wrong_receipt_in_an_hour_is_refused_with_429(client, conduct_keys, media):
    _response, receipt = report_post(client)
    wrong = "0" * 25

    statuses = [case_post(client, wrong).status_code for _ in range(10)]
    eleventh = case_post(client, wrong)

    assert statuses == [404] * 10
    assert eleventh.status_code == 429 and "Too many attempts" in eleventh.content.decode()
    assert case_post(client, receipt).status_code == 429  # even the right one, for an hour
    other = client.post(reverse("conduct:followup"), {"receipt": receipt}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_consent_is_recorded_and_can_be_withdrawn(client, conduct_keys, media):
    _response, receipt = report_post(client)

    page = case_post(
        client, receipt, "conduct:followup_consent", what="identity", to_whom="the board's chair"
    )

    consent = Consent.objects.get()
    assert (consent.what, consent.to_whom, consent.withdrawn_at) == (
        "identity",
        "the board's chair",
        None,
    )
    text = page.content.decode()
    assert "Your consent is recorded" in text
    # The reporter's page speaks to them: "who you are", not the form's "who I am".
    assert "that who you are may be shared with" in text and "who I am may" not in text
    case_post(client, receipt, "conduct:followup_withdraw", consent=consent.pk)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    actions = list(AccessEntry.objects.values_list("action", flat=True))
    assert "consent given" in actions and "consent withdrawn" in actions


def test_the_download_holds_the_reporters_own_case_only(client, conduct_keys, media):
    _response, mine = report_post(client)
    report_post(client, what="Someone else's account of another evening.")
    case_post(client, mine, "conduct:followup_message", text="One more thing.")

    download = case_post(client, mine, "conduct:followup_export")

    assert download.status_code == 200 and _private(download)
    data = json.loads(download.content)
    assert data["report"]["what"] == WHAT
    assert [message["text"] for message in data["messages"]] == ["One more thing."]
    assert "another evening" not in download.content.decode()
    assert data["reference"] in download["Content-Disposition"]
    assert {entry["action"] for entry in data["log"]} >= {"filed", "read by the reporter"}


@pytest.mark.parametrize(
    "name, args",
    [
        ("conduct:followup_message", []),
        ("conduct:followup_consent", []),
        ("conduct:followup_withdraw", []),
        ("conduct:followup_export", []),
        ("conduct:followup_file", [1]),
    ],
)
def test_the_pages_past_the_form_take_the_receipt_by_post_only(client, name, args):
    response = client.get(reverse(name, args=args), {"receipt": "0" * 25})
    assert response.status_code == 405 and _private(response)
