"""The ombudsman's and the custodian's side of a case: opening it, answering, the clocks,
closing, and disclosure under the second key.

A case opens only with a key holder's private key file (``case_open``); every read and
every action writes an access-log entry in the same transaction. Disclosure of who the
reporter is, or of what they reported, needs either the reporter's consent recorded in
the case or a custodian other than the one asking approving a documented request; the
reporter's identity opens only with a custodian's key (purpose ``identity``), and only
once such a request is approved.

No text of a case appears in an exception's message: ``HandlingError`` says what is wrong
with the action, never what the case says.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from commonweal.conduct import crypto, keys, notices
from commonweal.conduct.accesslog import log_append
from commonweal.conduct.models import (
    AccessEntry,
    Attachment,
    Case,
    CaseKey,
    Consent,
    DisclosureRequest,
    KeyHolder,
    Message,
)
from commonweal.conduct.services.cases import report_read
from commonweal.conduct.services.files import files_check, files_removed_on_failure, files_store

MAX_REPLY = 20_000
MAX_REASON = 5_000
# The states the handler sets by hand; "closed" has its own action (it starts retention).
HANDLER_STATUSES = (Case.Status.ACKNOWLEDGED, Case.Status.IN_PROGRESS)


class HandlingError(Exception):
    """An action refused, with a sentence for the person who tried it."""


class KeyNotHere(Exception):
    """The case is sealed to the viewer's key, but this server does not hold its file."""


@dataclass(frozen=True)
class Opened:
    """A case opened by a key holder: its key, and who opened it for the access log."""

    case: Case
    key: bytes
    actor: str
    user_id: int


@dataclass
class CaseContent:
    report: dict
    messages: list[dict] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)


# -- reading ----------------------------------------------------------------------------


def _actor(holder: KeyHolder) -> str:
    if holder.role == KeyHolder.Role.CUSTODIAN:
        return AccessEntry.Actor.CUSTODIAN
    return AccessEntry.Actor.OMBUDSMAN


def _unsealed(case: Case, user, purpose: str) -> tuple[bytes, KeyHolder] | None:
    """The key of ``purpose`` as one of ``user``'s key files opens it; ``None`` when none
    of their keys was sealed to it; ``KeyNotHere`` when one was but its file is absent."""
    rows = CaseKey.objects.filter(case=case, purpose=purpose, holder__user=user)
    rows = list(rows.select_related("holder"))
    for row in rows:
        try:
            return crypto.unseal(keys.private_key(row.holder), row.sealed), row.holder
        except keys.KeyMissing:
            continue
    if rows:
        raise KeyNotHere(case.reference)
    return None


def case_open(case: Case, user) -> Opened | None:
    """The case, opened with ``user``'s key; ``None`` when it is not sealed to them."""
    if user is None or not user.is_authenticated:
        return None
    unsealed = _unsealed(case, user, CaseKey.Purpose.CASE)
    if unsealed is None:
        return None
    key, holder = unsealed
    return Opened(case=case, key=key, actor=_actor(holder), user_id=user.pk)


def cases_of(user):
    """The cases sealed to one of ``user``'s keys (whether or not the file is here)."""
    return (
        Case.objects.filter(keys__holder__user=user, keys__purpose=CaseKey.Purpose.CASE)
        .distinct()
        .order_by("created_at", "pk")
    )


def is_overdue(case: Case, now: datetime.datetime | None = None) -> bool:
    """An open case whose acknowledgement or first feedback is due and not given."""
    if case.status == Case.Status.CLOSED:
        return False
    now = now or timezone.now()
    late_ack = case.acknowledged_at is None and case.acknowledge_by < now
    late_feedback = case.feedback_at is None and case.feedback_by < now
    return late_ack or late_feedback


def cases_listed(user) -> list[Case]:
    """``user``'s cases: overdue first (the most overdue on top), then open, then closed
    (the latest closed on top). Each carries ``overdue``."""
    now = timezone.now()
    cases = list(cases_of(user))
    for case in cases:
        case.overdue = is_overdue(case, now)

    def order(case: Case):
        if case.overdue:
            due = min(case.acknowledge_by, case.feedback_by)
            return (0, due.timestamp())
        if case.status != Case.Status.CLOSED:
            return (1, case.created_at.timestamp())
        return (2, -case.closed_at.timestamp())

    return sorted(cases, key=order)


def disclosures_waiting(user):
    """Requests a custodian may decide: pending, and not asked by ``user``."""
    return (
        DisclosureRequest.objects.filter(decision=DisclosureRequest.Decision.PENDING)
        .exclude(requested_by=user)
        .select_related("case")
        .order_by("requested_at", "pk")
    )


def _log(opened: Opened, action: str) -> None:
    log_append(case=opened.case, actor=opened.actor, actor_ref=opened.user_id, action=action)


@sensitive_variables()
@transaction.atomic
def case_read(*, opened: Opened) -> CaseContent:
    """The report, the messages and the attachments' names, decrypted; logged as a read.
    Files sent with the report are the content's ``attachments``; those sent with a
    message (either way) are that message's ``files``."""
    case, key = opened.case, opened.key
    content = CaseContent(report=report_read(case, key))
    files: dict[int | None, list[dict]] = {}
    for attachment in case.attachments.order_by("created_at", "pk"):
        files.setdefault(attachment.message_id, []).append(
            {
                "pk": attachment.pk,
                "name": crypto.decrypt_text(key, attachment.name_box),
                "size": attachment.size,
                "at": attachment.created_at,
            }
        )
    content.attachments = files.get(None, [])
    for message in case.messages.all():
        content.messages.append(
            {
                "from_reporter": message.from_reporter,
                "at": message.created_at,
                "text": crypto.decrypt_text(key, message.box),
                "files": files.get(message.pk, []),
            }
        )
    _log(opened, "read")
    return content


@sensitive_variables()
@transaction.atomic
def attachment_read(*, opened: Opened, attachment: Attachment) -> tuple[str, bytes]:
    """An attachment's name and bytes, decrypted; logged as a read."""
    with attachment.file.open("rb") as handle:
        data = crypto.decrypt(opened.key, handle.read())
    _log(opened, "attachment read")
    return crypto.decrypt_text(opened.key, attachment.name_box), data


# -- acting on a case -------------------------------------------------------------------


def _locked(opened: Opened) -> Case:
    case = Case.objects.select_for_update().get(pk=opened.case.pk)
    if case.status == Case.Status.CLOSED:
        raise HandlingError(_("This case is closed."))
    return case


def _acknowledged(case: Case, now: datetime.datetime) -> list[str]:
    if case.acknowledged_at is not None:
        return []
    case.acknowledged_at = now
    if case.status == Case.Status.RECEIVED:
        case.status = Case.Status.ACKNOWLEDGED
    return ["acknowledged_at", "status"]


@transaction.atomic
def case_acknowledge(*, opened: Opened) -> Case:
    """Tell the reporter the report arrived: the acknowledgement clock stops."""
    case = _locked(opened)
    if case.acknowledged_at is not None:
        raise HandlingError(_("This case is already acknowledged."))
    case.save(update_fields=_acknowledged(case, timezone.now()))
    _log(opened, "acknowledged")
    return case


@sensitive_variables("text", "email")
def case_reply(
    *, opened: Opened, user, text: str, feedback: bool, site_url: str, files: Sequence = ()
) -> Message:
    """A message to the reporter, encrypted under the case key, with any files (encrypted
    too). Any reply acknowledges the report; one marked as feedback (what is being done)
    stops the feedback clock."""
    text = (text or "").strip()
    if not text:
        raise HandlingError(_("Write the message to the reporter."))
    if len(text) > MAX_REPLY:
        raise HandlingError(_("The message is too long."))
    files_check(list(files))
    with files_removed_on_failure() as stored, transaction.atomic():
        case = _locked(opened)
        now = timezone.now()
        changed = _acknowledged(case, now)
        if feedback and case.feedback_at is None:
            case.feedback_at = now
            changed.append("feedback_at")
        if changed:
            case.save(update_fields=changed)
        message = Message.objects.create(
            case=case, from_reporter=False, author=user, box=crypto.encrypt(opened.key, text)
        )
        files_store(case=case, key=opened.key, message=message, files=files, stored=stored)
        _log(opened, "feedback sent" if feedback else "replied")
        if files:
            _log(opened, "files sent")
        content = report_read(case, opened.key)
        email, language = content.get("email", ""), content.get("language", "")
        if email:
            transaction.on_commit(
                lambda: notices.reporter_news_email(
                    email=email, language=language, site_url=site_url
                ),
                robust=True,
            )
    return message


@transaction.atomic
def case_status_change(*, opened: Opened, status: str) -> Case:
    if status not in HANDLER_STATUSES:
        raise HandlingError(_("Choose a status from the list."))
    case = _locked(opened)
    if case.status == status:
        raise HandlingError(_("The case already has this status."))
    changed = _acknowledged(case, timezone.now())
    case.status = status
    case.save(update_fields=[*changed, "status"])
    _log(opened, f"status {status}")
    return case


@transaction.atomic
def case_close(*, opened: Opened) -> Case:
    """Close the case; it is deleted (crypto-shredded) after the retention period."""
    case = _locked(opened)
    now = timezone.now()
    case.status = Case.Status.CLOSED
    case.closed_at = now
    case.delete_after = now + datetime.timedelta(days=settings.CONDUCT_RETENTION_DAYS)
    case.save(update_fields=["status", "closed_at", "delete_after"])
    _log(opened, "closed")
    return case


# -- disclosure -------------------------------------------------------------------------


def reason_reseal(
    request: DisclosureRequest, *, old: KeyHolder, private: bytes, new: KeyHolder
) -> bool:
    """A key's rotation: the reason sealed to ``old`` is sealed to ``new`` instead (the
    old key file is about to be destroyed). ``False`` when ``old`` was not a reader."""
    sealed = json.loads(bytes(request.reason_box))
    box = sealed.pop(old.fingerprint, None)
    if box is None:
        return False
    reason = crypto.unseal(private, base64.b64decode(box))
    sealed[new.fingerprint] = base64.b64encode(crypto.seal(new.public_key, reason)).decode()
    request.reason_box = json.dumps(sealed).encode()
    request.save(update_fields=["reason_box"])
    return True


def _reason_seal(reason: str, readers: list[KeyHolder]) -> bytes:
    """The reason, sealed to each reader's public key, as JSON keyed by fingerprint."""
    sealed = {
        holder.fingerprint: base64.b64encode(crypto.seal(holder.public_key, reason.encode()))
        for holder in readers
    }
    return json.dumps({name: box.decode() for name, box in sealed.items()}).encode()


@sensitive_variables()
def reason_read(request: DisclosureRequest, user) -> str | None:
    """The documented reason, as one of ``user``'s key files opens it."""
    sealed = json.loads(bytes(request.reason_box))
    for holder in keys.holders_of(user):
        if holder.fingerprint in sealed:
            try:
                private = keys.private_key(holder)
            except keys.KeyMissing:
                continue
            box = base64.b64decode(sealed[holder.fingerprint])
            return crypto.unseal(private, box).decode()
    return None


def consents_active(case: Case):
    return case.consents.filter(withdrawn_at__isnull=True).order_by("given_at", "pk")


@sensitive_variables("reason")
@transaction.atomic
def disclosure_request(
    *,
    opened: Opened,
    user,
    what: str,
    to_whom: str,
    reason: str,
    consent: Consent | None = None,
    site_url: str,
) -> DisclosureRequest:
    """Ask to disclose ``what`` to ``to_whom``, with a reason the custodians can read.
    Under a consent the reporter recorded, the request is approved by that consent."""
    reason, to_whom = (reason or "").strip(), (to_whom or "").strip()
    if not reason:
        raise HandlingError(_("Document why the disclosure is needed."))
    if len(reason) > MAX_REASON:
        raise HandlingError(_("The reason is too long."))
    if consent is not None:
        if consent.case_id != opened.case.pk or consent.withdrawn_at is not None:
            raise HandlingError(_("The reporter has not given this consent."))
        what, to_whom = consent.what, consent.to_whom
    if what not in Consent.What.values or not to_whom:
        raise HandlingError(_("Say what is to be disclosed, and to whom."))
    readers = keys.holders_of(user) + keys.holders_current(KeyHolder.Role.CUSTODIAN)
    readers += keys.holders_current(KeyHolder.Role.RECOVERY)
    request = DisclosureRequest(
        case=opened.case,
        what=what,
        to_whom=to_whom[:200],
        reason_box=_reason_seal(reason, list({h.pk: h for h in readers}.values())),
        requested_by=user,
    )
    if consent is not None:
        request.decision = DisclosureRequest.Decision.APPROVED
        request.decided_at = timezone.now()
    request.save()
    _log(opened, f"disclosure {what} requested")
    if consent is not None:
        _log(opened, f"disclosure {what} approved by consent")
    else:
        transaction.on_commit(
            lambda: notices.disclosure_waiting_email(request=request, site_url=site_url),
            robust=True,
        )
    return request


def _custodian_log(request: DisclosureRequest, user, action: str) -> None:
    log_append(
        case=request.case, actor=AccessEntry.Actor.CUSTODIAN, actor_ref=user.pk, action=action
    )


@transaction.atomic
def disclosure_seen(*, request: DisclosureRequest, user) -> None:
    """A custodian read the request and its reason."""
    _custodian_log(request, user, "disclosure request read")


@transaction.atomic
def disclosure_decide(*, request: DisclosureRequest, user, approve: bool) -> DisclosureRequest:
    """A custodian other than the one who asked approves or refuses."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if request.requested_by_id == user.pk:
        raise HandlingError(_("Another custodian must decide a request you made."))
    if request.decision != DisclosureRequest.Decision.PENDING:
        raise HandlingError(_("This request is already decided."))
    request.decision = (
        DisclosureRequest.Decision.APPROVED if approve else DisclosureRequest.Decision.REFUSED
    )
    request.decided_by, request.decided_at = user, timezone.now()
    request.save(update_fields=["decision", "decided_by", "decided_at"])
    _custodian_log(request, user, f"disclosure {request.what} {request.decision}")
    return request


@sensitive_variables()
@transaction.atomic
def identity_read(*, request: DisclosureRequest, user) -> dict | None:
    """The reporter's identity, for a custodian, once a request to disclose it is approved;
    ``None`` when the reporter left none. Logged."""
    approved = request.decision == DisclosureRequest.Decision.APPROVED
    if not approved or request.what != Consent.What.IDENTITY:
        raise HandlingError(_("No approved request covers the reporter's identity."))
    case = request.case
    if not case.identity_box:
        return None
    unsealed = _unsealed(case, user, CaseKey.Purpose.IDENTITY)
    if unsealed is None:
        raise HandlingError(_("The identity is not sealed to your key."))
    identity = json.loads(crypto.decrypt_text(unsealed[0], case.identity_box))
    _custodian_log(request, user, "identity read")
    return identity
