"""The reporter's side of a case: filing with files, and everything the receipt opens.

The reporter has no account here: the receipt is their only key. ``case_open`` finds the
case by the receipt's keyed hash and opens the case key with it; every service after that
takes the ``Opened`` case and writes what it did to the access log in the same
transaction. Files are encrypted under the case key before they touch the disk (the views
keep uploads in memory), stored as ``conduct/<random>.bin``; their names are encrypted too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import nacl.exceptions
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from commonweal.conduct import crypto, keys
from commonweal.conduct.accesslog import log_append
from commonweal.conduct.models import AccessEntry, Attachment, Case, Consent, KeyHolder, Message
from commonweal.conduct.notices import case_news_email
from commonweal.conduct.services.cases import (
    Report,
    case_by_receipt,
    key_by_receipt,
    report_file,
    report_read,
)
from commonweal.conduct.services.files import (
    files_check,
    files_removed_on_failure,
    files_store,
)
from commonweal.core.links import site_url

REPORTER = AccessEntry.Actor.REPORTER

# What the reporter's actions write to the access log.
READ = "read by the reporter"
MESSAGE = "message from the reporter"
FILES = "files from the reporter"
FILE_READ = "file opened by the reporter"
EXPORTED = "downloaded by the reporter"
CONSENT_GIVEN = "consent given"
CONSENT_WITHDRAWN = "consent withdrawn"


class CaseGone(Exception):
    """The receipt names a case whose contents were deleted (its retention had passed)."""


@dataclass(frozen=True)
class Opened:
    """A case and its key, as the receipt opened them."""

    case: Case
    key: bytes


@dataclass(frozen=True)
class FileView:
    pk: int
    name: str
    size: int


@dataclass(frozen=True)
class MessageView:
    from_reporter: bool
    text: str
    at: object
    files: list[FileView]


@dataclass(frozen=True)
class CaseView:
    case: Case
    report: dict
    files: list[FileView]
    messages: list[MessageView]
    entries: list[AccessEntry]
    consents: list[Consent]


def reports_accepted() -> bool:
    """Whether a report could be filed now: someone holds a key to read it."""
    return bool(
        keys.holders_current(KeyHolder.Role.OMBUDSMAN)
        or keys.holders_current(KeyHolder.Role.CUSTODIAN)
    )


@sensitive_variables()
def report_submit(*, report: Report, files: list, account=None) -> tuple[Case, str]:
    """File ``report`` with its files; the case and its receipt (show it once). Raises
    ``NoKeyHolder`` (writing nothing) when nobody could read it."""
    files_check(files)
    with files_removed_on_failure() as stored, transaction.atomic():
        case, receipt = report_file(report=report, account=account)
        if files:
            key = key_by_receipt(case, receipt)
            files_store(case=case, key=key, message=None, files=files, stored=stored)
            log_append(case=case, actor=REPORTER, actor_ref="receipt", action=FILES)
        transaction.on_commit(lambda: _tell_key_holders(case, new_report=True))
    return case, receipt


def _tell_key_holders(case: Case, *, new_report: bool = False) -> None:
    """Email the key holders that news waits, nothing of what it is (after the commit)."""
    case_news_email(case=case, site_url=site_url(), new_report=new_report)


@sensitive_variables()
def case_open(*, code: str) -> Opened | None:
    """The case the receipt opens, with its key; ``None`` when no case has this receipt."""
    case = case_by_receipt(code)
    if case is None:
        return None
    try:
        return Opened(case=case, key=key_by_receipt(case, code))
    except (nacl.exceptions.CryptoError, TypeError, ValueError):
        raise CaseGone(case.reference) from None


def _file_views(key: bytes, attachments: Iterable[Attachment]) -> list[FileView]:
    return [
        FileView(pk=a.pk, name=crypto.decrypt_text(key, a.name_box), size=a.size)
        for a in attachments
    ]


def _case_view(opened: Opened) -> CaseView:
    case, key = opened.case, opened.key
    attachments = list(case.attachments.order_by("created_at", "pk"))
    messages = [
        MessageView(
            from_reporter=message.from_reporter,
            text=crypto.decrypt_text(key, message.box),
            at=message.created_at,
            files=_file_views(key, [a for a in attachments if a.message_id == message.pk]),
        )
        for message in case.messages.all()
    ]
    return CaseView(
        case=case,
        report=report_read(case, key),
        files=_file_views(key, [a for a in attachments if a.message_id is None]),
        messages=messages,
        entries=list(case.log.order_by("seq")),
        consents=list(case.consents.order_by("given_at", "pk")),
    )


@transaction.atomic
def case_read(*, opened: Opened) -> CaseView:
    """Everything of the case the reporter may see; the read is logged."""
    log_append(case=opened.case, actor=REPORTER, actor_ref="receipt", action=READ)
    return _case_view(opened)


@sensitive_variables()
def message_add(*, opened: Opened, text: str, files: list) -> Message:
    """A message from the reporter to whoever handles the case, with files."""
    files_check(files)
    case, key = opened.case, opened.key
    with files_removed_on_failure() as stored, transaction.atomic():
        message = Message.objects.create(
            case=case, from_reporter=True, box=crypto.encrypt(key, text)
        )
        files_store(case=case, key=key, message=message, files=files, stored=stored)
        log_append(case=case, actor=REPORTER, actor_ref="receipt", action=MESSAGE)
        if files:
            log_append(case=case, actor=REPORTER, actor_ref="receipt", action=FILES)
        transaction.on_commit(lambda: _tell_key_holders(case))
    return message


@transaction.atomic
def attachment_open(*, opened: Opened, attachment_id: int) -> tuple[str, bytes]:
    """A file of the case, decrypted: its name and bytes. ``Attachment.DoesNotExist`` when
    the case has no such file."""
    attachment = Attachment.objects.get(case=opened.case, pk=attachment_id)
    with attachment.file.open("rb") as handle:
        data = crypto.decrypt(opened.key, handle.read())
    log_append(case=opened.case, actor=REPORTER, actor_ref="receipt", action=FILE_READ)
    return crypto.decrypt_text(opened.key, attachment.name_box), data


@transaction.atomic
def consent_give(*, opened: Opened, what: str, to_whom: str) -> Consent:
    """The reporter agrees that ``what`` (their identity, or what they reported) may be
    disclosed to ``to_whom``."""
    consent = Consent.objects.create(case=opened.case, what=what, to_whom=to_whom.strip())
    log_append(case=opened.case, actor=REPORTER, actor_ref="receipt", action=CONSENT_GIVEN)
    return consent


@transaction.atomic
def consent_withdraw(*, opened: Opened, consent_id: int) -> Consent:
    """Withdraw a consent given before. ``Consent.DoesNotExist`` when the case has none
    in force with this id."""
    consent = Consent.objects.select_for_update().get(
        case=opened.case, pk=consent_id, withdrawn_at__isnull=True
    )
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    log_append(case=opened.case, actor=REPORTER, actor_ref="receipt", action=CONSENT_WITHDRAWN)
    return consent


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _files_json(files: list[FileView]) -> list[dict]:
    return [{"name": file.name, "bytes": file.size} for file in files]


@transaction.atomic
def case_export(*, opened: Opened) -> dict:
    """The reporter's own case as JSON data: what they filed, the messages both ways, the
    clocks, their consents and the case's log (files by name; each downloads apart)."""
    log_append(case=opened.case, actor=REPORTER, actor_ref="receipt", action=EXPORTED)
    view, case = _case_view(opened), opened.case
    return {
        "format": "commonweal-conduct-case/1",
        "generated_at": timezone.now().isoformat(),
        "reference": case.reference,
        "kind": case.kind,
        "place": case.place,
        "named": case.named,
        "about_ombudsman": case.about_ombudsman,
        "status": case.status,
        "filed_at": _iso(case.created_at),
        "acknowledge_by": _iso(case.acknowledge_by),
        "acknowledged_at": _iso(case.acknowledged_at),
        "feedback_by": _iso(case.feedback_by),
        "feedback_at": _iso(case.feedback_at),
        "closed_at": _iso(case.closed_at),
        "report": view.report,
        "files": _files_json(view.files),
        "messages": [
            {
                "from": "reporter" if message.from_reporter else "handler",
                "at": _iso(message.at),
                "text": message.text,
                "files": _files_json(message.files),
            }
            for message in view.messages
        ],
        "consents": [
            {
                "what": consent.what,
                "to_whom": consent.to_whom,
                "given_at": _iso(consent.given_at),
                "withdrawn_at": _iso(consent.withdrawn_at),
            }
            for consent in view.consents
        ],
        "log": [
            {"at": _iso(entry.at), "by": entry.actor, "action": entry.action}
            for entry in view.entries
        ],
    }
