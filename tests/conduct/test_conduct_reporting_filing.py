"""Filing a report through the form: no account needed, stored encrypted, the receipt shown
once and nowhere after."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.conduct.models import AccessEntry, Attachment, Case, CaseKey, Message
from commonweal.conduct.services.cases import key_for, report_read
from tests.conduct.fixtures_reporting import *  # noqa: F403  (fixtures, found by name)
from tests.conduct.fixtures_reporting import (
    WHAT,
    media_bytes,
    report_fields,
    report_post,
    visible,
)

pytestmark = pytest.mark.django_db

SECRET_FILE = b"Screenshot of the chat: 'go back where you came from'"


def _everything_stored() -> str:
    rows = [
        list(model.objects.values()) for model in (Case, CaseKey, Message, Attachment, AccessEntry)
    ]
    return repr(rows)


def test_an_anonymous_report_needs_no_account_and_is_stored_encrypted(client, conduct_keys, media):
    upload = SimpleUploadedFile("chat-with-the-harasser.png", SECRET_FILE)
    response, receipt = report_post(client, files=[upload])

    assert response.status_code == 200
    assert receipt is not None
    case = Case.objects.get()
    assert not case.named and case.identity_box is None
    stored = _everything_stored()
    for words in (WHAT, "green scarf", "corridor", "chat-with-the-harasser"):
        assert words not in stored
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".bin") and "chat" not in attachment.file.name
    assert SECRET_FILE not in media_bytes(media)
    assert b"chat-with-the-harasser" not in media_bytes(media)
    assert attachment.size == len(SECRET_FILE)


def test_the_receipt_is_shown_once_and_nowhere_after(client, conduct_keys, media):
    response, receipt = report_post(client)

    assert "Write it down" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert receipt not in str(dict(client.session)) and receipt not in str(client.cookies)
    for url in (reverse("conduct:report"), reverse("conduct:followup")):
        assert receipt not in client.get(url).content.decode()
    page = client.post(reverse("conduct:followup"), {"receipt": receipt})
    assert page.status_code == 200
    assert WHAT in page.content.decode()
    assert receipt not in visible(page)


def test_a_named_report_carries_the_name_to_the_ombudsman(client, conduct_keys, media, role_users):
    response, _receipt = report_post(
        client, identity="named", name="Amina Diallo", email="amina@example.org"
    )

    case = Case.objects.get()
    assert case.named and case.identity_box
    assert report_read(case, key_for(case, role_users["ombudsman"]))["name"] == "Amina Diallo"
    assert "Amina" not in _everything_stored()


def test_a_named_report_without_a_name_is_refused_and_nothing_is_stored(client, conduct_keys):
    response, receipt = report_post(client, identity="named", name=" ")

    assert response.status_code == 400
    assert receipt is None
    assert "Give your name" in response.content.decode()
    assert not Case.objects.exists()


def test_a_report_about_the_ombudsman_goes_to_the_custodian(client, conduct_keys, role_users):
    report_post(client, about_ombudsman="on")

    case = Case.objects.get()
    assert case.about_ombudsman
    assert key_for(case, role_users["ombudsman"]) is None


def test_too_many_or_too_large_files_are_refused_readably(client, conduct_keys, media):
    six = [SimpleUploadedFile(f"f{n}.txt", b"x") for n in range(6)]
    response, receipt = report_post(client, files=six)
    assert response.status_code == 400 and receipt is None
    assert "at most 5 files" in response.content.decode()

    big = SimpleUploadedFile("big.bin", b"x" * (10 * 1024 * 1024 + 1))
    response, receipt = report_post(client, files=[big])
    assert response.status_code == 400 and receipt is None
    assert "at most 10 MB" in response.content.decode()
    assert not Case.objects.exists() and not media_bytes(media)


def test_files_up_to_the_limit_together_pass_the_request_size_limit(client, conduct_keys, media):
    """Three files of 9 MB are within the form's limits (five of 10 MB), so the page must
    take them, though they weigh more than the 20 MB any other page accepts."""
    nine = 9 * 1024 * 1024
    files = [SimpleUploadedFile(f"recording-{n}.bin", bytes([n]) * nine) for n in range(3)]
    response, receipt = report_post(client, files=files)
    assert response.status_code == 200 and receipt is not None
    assert Case.objects.count() == 1
    # and all five at their largest, with the form around them
    from commonweal.conduct.services.files import MAX_FILE_BYTES, MAX_FILES
    from commonweal.core.middleware import upload_limit

    assert upload_limit(reverse("conduct:report")) > MAX_FILES * MAX_FILE_BYTES


def test_with_no_key_holder_reports_cannot_be_taken_and_nothing_is_written(client, key_dir, media):
    page = client.get(reverse("conduct:report"))
    assert page.status_code == 200
    assert "Reports cannot be taken yet" in page.content.decode()

    upload = SimpleUploadedFile("a.txt", SECRET_FILE)
    response = client.post(reverse("conduct:report"), report_fields(files=[upload]))
    assert response.status_code == 503
    assert not Case.objects.exists() and not AccessEntry.objects.exists()
    assert not media_bytes(media)


def test_a_signed_in_reporter_is_told_their_account_is_recorded(client, conduct_keys, role_users):
    client.force_login(role_users["participant"])
    page = client.get(reverse("conduct:report"))
    assert "To leave no trace of your account, sign out first" in page.content.decode()
    assert "encrypted" in page.content.decode()
