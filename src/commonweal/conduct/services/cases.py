"""Filing a report and opening a case: the writes every page of conduct goes through.

``report_file`` encrypts the report under a new case key, seals that key to the current
ombudsman keys and the recovery key (to the custodians instead for a case about the
ombudsman), stores it once more under the receipt's key, and seals the reporter's identity,
when there is one, to the custodians alone. It returns the receipt code, which is shown
once and stored nowhere.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commonweal.conduct import crypto, keys
from commonweal.conduct.accesslog import log_append
from commonweal.conduct.models import AccessEntry, Case, CaseKey, KeyHolder


class NoKeyHolder(Exception):
    """No key is set up to receive reports: the ombudsman's key must be created first."""


@dataclass(frozen=True)
class Report:
    kind: str
    place: str
    what: str  # what happened, in the reporter's words
    when: str  # when, as they say it
    where: str  # the meeting, the comment's address, or the place in words
    who: str  # who was involved
    named: bool = False
    name: str = ""
    email: str = ""
    about_ombudsman: bool = False
    language: str = ""  # the page's language as they filed: their notices are written in it


def _reference() -> str:
    year = timezone.now().year
    count = Case.objects.filter(reference__startswith=f"C-{year}-").count()
    return f"C-{year}-{count + 1:04d}"


def _recipients(about_ombudsman: bool) -> list[KeyHolder]:
    role = KeyHolder.Role.CUSTODIAN if about_ombudsman else KeyHolder.Role.OMBUDSMAN
    readers = keys.holders_current(role)
    if not readers:
        raise NoKeyHolder(role)
    return readers + keys.holders_current(KeyHolder.Role.RECOVERY)


@transaction.atomic
def report_file(*, report: Report, account=None) -> tuple[Case, str]:
    """Store a report, encrypted; the case and its receipt code (show it once)."""
    now = timezone.now()
    key, receipt, salt = crypto.case_key(), crypto.receipt_new(), crypto.receipt_salt()
    content = {
        "what": report.what,
        "when": report.when,
        "where": report.where,
        "who": report.who,
        "name": report.name if report.named else "",
        # Where a named reporter is told that a reply waits (never what it says), and in
        # which language.
        "email": report.email if report.named else "",
        "language": report.language if report.named and report.email else "",
    }
    case = Case.objects.create(
        reference=_reference(),
        kind=report.kind,
        place=report.place,
        named=report.named,
        about_ombudsman=report.about_ombudsman,
        acknowledge_by=now + datetime.timedelta(days=settings.CONDUCT_ACK_DAYS),
        feedback_by=now + datetime.timedelta(days=settings.CONDUCT_FEEDBACK_DAYS),
        report_box=crypto.encrypt(key, json.dumps(content, ensure_ascii=False)),
        receipt_hash=crypto.receipt_lookup(receipt),
        receipt_salt=salt,
        reporter_box=crypto.encrypt(crypto.receipt_key(receipt, salt), key),
    )
    CaseKey.objects.bulk_create(
        CaseKey(case=case, holder=holder, sealed=crypto.seal(holder.public_key, key))
        for holder in _recipients(report.about_ombudsman)
    )
    _identity_seal(case, report, account)
    log_append(case=case, actor=AccessEntry.Actor.REPORTER, action="filed")
    return case, receipt


def _identity_seal(case: Case, report: Report, account) -> None:
    """Who the reporter is, when known, readable by the custodians alone."""
    identity = {
        "name": report.name,
        "email": report.email,
        "account": account.pk if account is not None and account.is_authenticated else None,
    }
    if not any(identity.values()):
        return
    custodians = keys.holders_current(KeyHolder.Role.CUSTODIAN) + keys.holders_current(
        KeyHolder.Role.RECOVERY
    )
    if not custodians:
        return  # nobody could ever read it: keep nothing rather than an unreadable box
    identity_key = crypto.case_key()
    case.identity_box = crypto.encrypt(identity_key, json.dumps(identity))
    case.save(update_fields=["identity_box"])
    CaseKey.objects.bulk_create(
        CaseKey(
            case=case,
            holder=holder,
            purpose=CaseKey.Purpose.IDENTITY,
            sealed=crypto.seal(holder.public_key, identity_key),
        )
        for holder in custodians
    )


def case_by_receipt(code: str) -> Case | None:
    return Case.objects.filter(receipt_hash=crypto.receipt_lookup(code)).first()


def key_by_receipt(case: Case, code: str) -> bytes:
    return crypto.decrypt(crypto.receipt_key(code, case.receipt_salt), case.reporter_box)


def key_for(case: Case, user, purpose: str = CaseKey.Purpose.CASE) -> bytes | None:
    """The case key as ``user`` can open it with a key file on this server; ``None`` when
    none of their keys was sealed to the case (or its file is missing)."""
    sealed = CaseKey.objects.filter(case=case, purpose=purpose, holder__user=user).select_related(
        "holder"
    )
    for row in sealed:
        try:
            return crypto.unseal(keys.private_key(row.holder), row.sealed)
        except keys.KeyMissing:
            continue
    return None


def report_read(case: Case, key: bytes) -> dict:
    return json.loads(crypto.decrypt_text(key, case.report_box))
