"""The ombudsman's side of a case: reading it (logged), answering the reporter (encrypted
at rest, the reporter told only that a message waits), the clocks, the order of the list,
closing, and downloading a file."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.conduct.models import AccessEntry, Attachment, Case, Message
from commonweal.conduct.services.cases import report_file
from tests.conduct.fixtures_cases import *  # noqa: F403  (fixtures, found by name)
from tests.conduct.fixtures_cases import FILE_BYTES, FILE_NAME, REPLY, SECRET_WORDS, report_with
from tests.conduct.fixtures_reporting import report_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def ombudsman(client, role_users):
    client.force_login(role_users["ombudsman"])
    return role_users["ombudsman"]


def _url(name, case, **kwargs):
    return reverse(f"conduct:{name}", kwargs={"pk": case.pk, **kwargs})


def test_the_ombudsman_reads_the_report_and_the_read_is_logged(client, ombudsman, filed):
    response = client.get(_url("case", filed))
    assert response.status_code == 200
    assert b"Quimby Farnsworth" in response.content
    assert b"Ottilie Brandvold" in response.content  # a named report shows the name
    assert FILE_NAME.encode() in response.content
    entry = filed.log.last()
    assert (entry.actor, entry.actor_ref, entry.action) == ("ombudsman", str(ombudsman.pk), "read")
    assert b"case read" in client.get(_url("case", filed)).content  # the log on the page


def test_a_reply_is_stored_encrypted_and_the_reporter_is_told_only_that_it_waits(
    client, ombudsman, filed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("case_reply", filed), {"text": REPLY})
    assert response.status_code == 302
    stored = Message.objects.get(case=filed)
    assert b"Farnsworth" not in bytes(stored.box)
    assert REPLY.encode() in client.get(_url("case", filed)).content
    filed.refresh_from_db()
    assert filed.acknowledged_at is not None  # a reply acknowledges the report
    assert filed.feedback_at is None  # ... but is not feedback unless it says so
    [email] = mail.outbox
    assert email.to == ["ottilie.brandvold@example.net"]
    assert "There is a new message in your case" in email.subject
    assert reverse("conduct:followup") in email.body
    for word in SECRET_WORDS:
        assert word not in email.subject + email.body


def test_an_empty_reply_is_refused_with_the_page_again(client, ombudsman, filed):
    response = client.post(_url("case_reply", filed), {"text": "  "})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_acknowledging_stops_the_acknowledgement_clock(client, ombudsman, filed):
    assert client.post(_url("case_acknowledge", filed)).status_code == 302
    filed.refresh_from_db()
    assert filed.status == Case.Status.ACKNOWLEDGED
    assert filed.acknowledged_at is not None
    assert filed.log.last().action == "acknowledged"
    client.post(_url("case_acknowledge", filed))
    assert filed.log.filter(action="acknowledged").count() == 1


def test_feedback_stops_the_feedback_clock(client, ombudsman, filed):
    client.post(_url("case_reply", filed), {"text": REPLY, "feedback": "on"})
    filed.refresh_from_db()
    assert filed.feedback_at is not None


def test_overdue_cases_come_first(client, ombudsman, conduct_keys, filed):
    late, _ = report_file(report=report_with())
    past = timezone.now() - datetime.timedelta(days=1)
    Case.objects.filter(pk=late.pk).update(acknowledge_by=past)
    closed, _ = report_file(report=report_with())
    client.post(_url("case_close", closed), {"confirm": "yes"})
    page = client.get(reverse("conduct:cases")).content.decode()
    assert page.index(late.reference) < page.index(filed.reference) < page.index(closed.reference)
    assert "overdue" in page
    assert "Farnsworth" not in page  # the list shows no content


def test_closing_asks_first_then_sets_the_retention(client, ombudsman, filed, settings):
    settings.CONDUCT_RETENTION_DAYS = 30
    asked = client.get(_url("case_close", filed))
    assert b"Close the case" in asked.content
    filed.refresh_from_db()
    assert filed.status != Case.Status.CLOSED
    client.post(_url("case_close", filed), {"confirm": "yes"})
    filed.refresh_from_db()
    assert filed.status == Case.Status.CLOSED
    assert filed.delete_after - filed.closed_at == datetime.timedelta(days=30)
    client.post(_url("case_reply", filed), {"text": REPLY})
    assert not Message.objects.exists()  # a closed case takes no more messages


def test_the_status_changes_and_is_logged(client, ombudsman, filed):
    client.post(_url("case_status", filed), {"status": "in_progress"})
    filed.refresh_from_db()
    assert filed.status == Case.Status.IN_PROGRESS
    assert filed.log.last().action == "status in_progress"
    client.post(_url("case_status", filed), {"status": "closed"})  # closing is its own action
    filed.refresh_from_db()
    assert filed.status == Case.Status.IN_PROGRESS


def test_a_file_downloads_decrypted_as_an_attachment(client, ombudsman, filed):
    response = client.get(_url("case_attachment", filed, attachment=filed.attachment.pk))
    assert response.status_code == 200
    assert response.content == FILE_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert FILE_NAME in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert filed.log.last().action == "attachment read"


def test_key_holders_are_told_only_the_reference(filed, role_users):
    from commonweal.conduct.notices import case_news_email

    case_news_email(case=filed, site_url="https://example.org", new_report=True)
    [email] = mail.outbox
    assert email.to == [role_users["ombudsman"].email]
    assert filed.reference in email.subject
    assert f"https://example.org/conduct/cases/{filed.pk}/" in email.body
    for word in SECRET_WORDS:
        assert word not in email.subject + email.body


def test_the_activity_page_counts_cases_without_content(client, ombudsman, filed):
    from commonweal.conduct.panels import panels_register

    panels_register()
    Case.objects.filter(pk=filed.pk).update(
        acknowledge_by=timezone.now() - datetime.timedelta(days=1)
    )
    page = client.get(reverse("accounts:activity")).content.decode()
    assert "1 open case." in page
    assert "1 is overdue." in page
    assert "Farnsworth" not in page
    assert AccessEntry.objects.filter(action="read").count() == 0


def test_the_reporter_is_told_in_the_language_they_filed_in(
    client, role_users, conduct_keys, media, django_capture_on_commit_callbacks
):
    fields = report_fields(identity="named", name="Ottilie", email="o.brandvold@example.net")
    filing = client.post(reverse("conduct:report"), fields, HTTP_ACCEPT_LANGUAGE="fr")
    assert filing.status_code == 200 and "Signaler" in filing.content.decode()
    case = Case.objects.get()
    client.force_login(role_users["ombudsman"])  # who reads English
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("case_reply", case), {"text": REPLY}, HTTP_ACCEPT_LANGUAGE="en")
    [email] = mail.outbox
    assert email.to == ["o.brandvold@example.net"]
    assert email.subject == "Un nouveau message vous attend dans votre dossier"
    assert reverse("conduct:followup") in email.body


def test_a_reply_carries_files_that_the_reporter_opens_with_the_receipt(
    client, ombudsman, filed, media
):
    policy = b"%PDF-1.7 the venue's code of conduct, section 4"
    upload = SimpleUploadedFile("code-of-conduct §4.pdf", policy, "application/pdf")
    response = client.post(_url("case_reply", filed), {"text": REPLY, "files": [upload]})
    assert response.status_code == 302
    [attachment] = Attachment.objects.filter(message__from_reporter=False)
    stored = b"".join(path.read_bytes() for path in media.rglob("*") if path.is_file())
    assert policy not in stored and b"code-of-conduct" not in stored  # encrypted, name too
    assert list(filed.log.values_list("action", flat=True))[-2:] == ["replied", "files sent"]
    own_page = client.get(_url("case", filed)).content.decode()
    sent = own_page.split("To the reporter", 1)[1]  # the file is listed under the reply
    assert "code-of-conduct §4.pdf" in sent
    assert FILE_NAME in own_page.split("To the reporter", 1)[0]  # the report's own file

    reporter = Client()
    page = reporter.post(reverse("conduct:followup"), {"receipt": filed.receipt})
    assert "code-of-conduct §4.pdf" in page.content.decode()
    assert "files sent to the reporter" in page.content.decode()
    download = reporter.post(
        reverse("conduct:followup_file", args=[attachment.pk]), {"receipt": filed.receipt}
    )
    assert download.status_code == 200 and download.content == policy


def test_a_reply_with_too_many_files_is_refused_whole(client, ombudsman, filed, media):
    uploads = [SimpleUploadedFile(f"note-{n}.txt", b"note") for n in range(6)]
    response = client.post(_url("case_reply", filed), {"text": REPLY, "files": uploads})
    assert response.status_code == 400
    assert "Attach at most 5 files at a time." in response.content.decode()
    assert not Message.objects.filter(case=filed).exists()
    assert not Attachment.objects.filter(message__isnull=False).exists()
