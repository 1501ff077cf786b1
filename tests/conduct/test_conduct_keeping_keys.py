"""`commonweal conduct keys`: creating, listing, rotating, retiring and re-sealing keys."""

from __future__ import annotations

import base64
import io
import sys

import pytest
from django.core.management import CommandError, call_command

from commonweal.conduct import crypto
from commonweal.conduct.models import AccessEntry, CaseKey, KeyHolder
from commonweal.conduct.services.cases import key_for, report_read
from tests.conduct import fixtures_keeping
from tests.conduct.fixtures_keeping import WHAT, case_with_everything

pytestmark = pytest.mark.django_db
media_root = fixtures_keeping.media_root


def conduct(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        call_command("conduct", *args, stdout=out, stderr=io.StringIO())
    finally:
        sys.stdin = saved
    return out.getvalue()


def test_the_recovery_key_is_printed_once_and_written_nowhere(key_dir):
    printed = conduct("keys", "create", "--recovery")
    assert "print" in printed.lower() and "offline" in printed
    line = next(text for text in printed.splitlines() if len(text) == 44 and text.endswith("="))
    private = base64.b64decode(line)
    holder = KeyHolder.objects.get(role=KeyHolder.Role.RECOVERY)
    assert crypto.unseal(private, crypto.seal(holder.public_key, b"x")) == b"x"
    assert not key_dir.exists() or list(key_dir.iterdir()) == []


def test_a_key_is_made_only_for_someone_with_the_role(key_dir, role_users):
    printed = conduct("keys", "create", "--user", "OMBUDSMAN@example.org", "--role", "ombudsman")
    holder = KeyHolder.objects.get(user=role_users["ombudsman"])
    assert holder.fingerprint in printed
    assert (key_dir / f"{holder.fingerprint}.key").stat().st_mode & 0o777 == 0o600
    with pytest.raises(CommandError, match="does not have the custodian role"):
        conduct("keys", "create", "--user", "ombudsman@example.org", "--role", "custodian")
    with pytest.raises(CommandError, match="no account"):
        conduct("keys", "create", "--user", "nobody@example.org", "--role", "ombudsman")


def test_the_list_tells_whether_this_server_holds_each_private_key(conduct_keys, key_dir):
    (key_dir / f"{conduct_keys['custodian'].fingerprint}.key").unlink()
    rows = {line.split("\t")[2]: line for line in conduct("keys", "list").splitlines()[1:]}
    assert rows[conduct_keys["ombudsman"].fingerprint].endswith("on this server")
    assert "ombudsman@example.org" in rows[conduct_keys["ombudsman"].fingerprint]
    assert rows[conduct_keys["custodian"].fingerprint].endswith("MISSING")
    assert rows[conduct_keys["recovery"].fingerprint].endswith("offline")


def test_rotation_moves_every_case_to_the_new_key_and_destroys_the_old_one(
    conduct_keys, role_users, key_dir, media_root, django_capture_on_commit_callbacks
):
    ombudsman, old = role_users["ombudsman"], conduct_keys["ombudsman"]
    case, _key = case_with_everything(ombudsman)
    old_file = key_dir / f"{old.fingerprint}.key"
    with django_capture_on_commit_callbacks(execute=True):
        printed = conduct("keys", "rotate", "--user", "ombudsman@example.org")
    new = KeyHolder.objects.get(user=ombudsman, retired_at__isnull=True)
    assert f"replaced by {new.fingerprint}: 1 cases re-sealed" in printed
    old.refresh_from_db()
    assert old.retired_at is not None
    assert not old_file.exists()
    assert (key_dir / f"{new.fingerprint}.key").exists()
    assert not CaseKey.objects.filter(holder=old).exists()
    assert report_read(case, key_for(case, ombudsman))["what"] == WHAT
    assert AccessEntry.objects.filter(case=case, action="resealed").exists()


def test_rotation_without_the_old_file_is_refused_and_changes_nothing(
    conduct_keys, role_users, key_dir
):
    case_with_everything(role_users["ombudsman"])
    (key_dir / f"{conduct_keys['ombudsman'].fingerprint}.key").unlink()
    before = (KeyHolder.objects.count(), CaseKey.objects.count(), sorted(key_dir.iterdir()))
    with pytest.raises(CommandError, match="not on this server"):
        conduct("keys", "rotate", "--user", "ombudsman@example.org")
    after = (KeyHolder.objects.count(), CaseKey.objects.count(), sorted(key_dir.iterdir()))
    assert after == before


def test_after_a_lost_key_file_the_recovery_key_gives_the_cases_to_a_new_key(
    conduct_keys, role_users, key_dir, media_root
):
    ombudsman, lost = role_users["ombudsman"], conduct_keys["ombudsman"]
    case, _key = case_with_everything(ombudsman)
    (key_dir / f"{lost.fingerprint}.key").unlink()
    assert key_for(case, ombudsman) is None
    conduct("keys", "retire", "--fingerprint", lost.fingerprint)
    conduct("keys", "create", "--user", "ombudsman@example.org", "--role", "ombudsman")
    recovery = conduct_keys["recovery"]
    with pytest.raises(CommandError, match="not a recovery key"):
        conduct("keys", "reseal", "--from", recovery.fingerprint, stdin="not a key\n")
    typed = base64.b64encode(conduct_keys["recovery_private"]).decode() + "\n"
    printed = conduct("keys", "reseal", "--from", recovery.fingerprint, stdin=typed)
    assert printed.startswith("1 cases re-sealed")
    assert report_read(case, key_for(case, ombudsman))["what"] == WHAT
    # Run again, nothing more to do.
    assert conduct("keys", "reseal", "--from", recovery.fingerprint, stdin=typed).startswith("0")


def test_a_retired_key_receives_no_new_case(conduct_keys, role_users, media_root):
    conduct("keys", "retire", "--fingerprint", conduct_keys["custodian"].fingerprint)
    case, _key = case_with_everything(role_users["ombudsman"])
    assert not CaseKey.objects.filter(case=case, holder=conduct_keys["custodian"]).exists()
    with pytest.raises(CommandError, match="already retired"):
        conduct("keys", "retire", "--fingerprint", conduct_keys["custodian"].fingerprint)


def test_a_rotated_key_still_reads_the_reasons_of_disclosure_requests(conduct_keys, role_users):
    """A custodian's key rotation carries the reasons sealed to it over to the new key."""
    from commonweal.conduct.models import Case, DisclosureRequest, KeyHolder
    from commonweal.conduct.services.cases import Report, report_file
    from commonweal.conduct.services.handling import _reason_seal, reason_read
    from commonweal.conduct.services.keeping import key_rotate

    case, _receipt = report_file(
        report=Report(kind="other", place="elsewhere", what="x", when="", where="", who="")
    )
    custodian = conduct_keys["custodian_user"]
    request = DisclosureRequest.objects.create(
        case=case,
        what="identity",
        to_whom="the legal team",
        reason_box=_reason_seal("A court asked.", [conduct_keys["custodian"]]),
        requested_by=role_users["ombudsman"],
    )
    key_rotate(user=custodian)
    request.refresh_from_db()
    assert reason_read(request, custodian) == "A court asked."
    assert KeyHolder.objects.get(pk=conduct_keys["custodian"].pk).retired_at is not None
    assert Case.objects.filter(pk=case.pk).exists()
