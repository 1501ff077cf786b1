"""`commonweal conduct purge`: after retention, a case's keys, texts and files are gone,
its files overwritten first, and the access log says so."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from nacl.exceptions import CryptoError

from commonweal.conduct.models import AccessEntry, Attachment, Case, CaseKey, Message
from commonweal.conduct.services import keeping
from commonweal.conduct.services.cases import case_by_receipt
from tests.conduct import fixtures_keeping
from tests.conduct.fixtures_keeping import case_with_everything

pytestmark = pytest.mark.django_db
media_root = fixtures_keeping.media_root


def purge() -> str:
    out = io.StringIO()
    call_command("conduct", "purge", stdout=out)
    return out.getvalue()


def _closed(case, days_ago: int, *, delete_after: bool = True) -> None:
    closed = timezone.now() - datetime.timedelta(days=days_ago)
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.CLOSED,
        closed_at=closed,
        delete_after=closed + datetime.timedelta(days=730) if delete_after else None,
    )


def test_a_case_past_retention_is_deleted_with_its_files_and_logged(
    conduct_keys, role_users, media_root, django_capture_on_commit_callbacks
):
    old, _key = case_with_everything(role_users["ombudsman"])
    kept, _key = case_with_everything(role_users["ombudsman"])
    _closed(old, days_ago=731)
    _closed(kept, days_ago=30)
    old_files = [media_root / a.file.name for a in Attachment.objects.filter(case=old)]
    with django_capture_on_commit_callbacks(execute=True):
        printed = purge()
    assert "purged: 1 cases, 2 messages, 2 attachments" in printed
    old.refresh_from_db()
    assert bytes(old.report_box) == bytes(old.reporter_box) == b"" and old.identity_box is None
    assert not CaseKey.objects.filter(case_id=old.pk).exists()
    assert not Message.objects.filter(case_id=old.pk).exists()
    assert len(old_files) == 2 and not any(path.exists() for path in old_files)
    assert len(list((media_root / "conduct").iterdir())) == 2  # the kept case's files
    last = AccessEntry.objects.order_by("seq").last()
    assert (last.reference, last.action, last.case) == (old.reference, "purged", old)
    assert Case.objects.get(pk=kept.pk).keys.exists()
    assert "purged: 0 cases" in purge()  # a second run finds nothing more


def test_a_closed_case_without_a_deletion_date_follows_the_retention_setting(
    conduct_keys, role_users, media_root, settings
):
    case, _key = case_with_everything(role_users["ombudsman"])
    _closed(case, days_ago=40, delete_after=False)
    assert list(keeping.cases_due()) == []
    settings.CONDUCT_RETENTION_DAYS = 30
    assert list(keeping.cases_due()) == [case]


def test_an_attachment_file_is_overwritten_before_it_goes(tmp_path):
    path = tmp_path / "attachment.bin"
    path.write_bytes(b"ciphertext" * 10)
    # A second name for the same file shows what was left in it when the first went.
    witness = tmp_path / "witness.bin"
    witness.hardlink_to(path)
    keeping.file_shred(path)
    assert not path.exists()
    assert witness.read_bytes() == b"\0" * 100


def test_the_receipt_of_a_purged_case_finds_it_and_opens_nothing(conduct_keys, media_root):
    from commonweal.conduct.services.cases import Report, key_by_receipt, report_file

    case, receipt = report_file(
        report=Report(kind="other", place="elsewhere", what="w", when="", where="", who="")
    )
    Case.objects.filter(pk=case.pk).update(delete_after=timezone.now())
    purge()
    found = case_by_receipt(receipt)
    assert found == case
    with pytest.raises(CryptoError):
        key_by_receipt(found, receipt)
