"""Keeping cases over time: moving them to new keys, and deleting them after retention.

``key_rotate`` gives a key holder a new key pair and moves every case key sealed to the
old key onto the new one; ``cases_reseal`` seals the cases one key opens to every current
key that should also open them (a new ombudsman, a new recovery key, or, after a lost key
file, the cases only the recovery key still opens). ``cases_purge`` deletes the cases
whose retention has passed. The database changes of each run together in one transaction;
files (an old private key, attachments) are overwritten and removed only once it commits.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from nacl.public import PrivateKey

from commonweal.conduct import crypto, keys
from commonweal.conduct.accesslog import log_append
from commonweal.conduct.models import (
    AccessEntry,
    Attachment,
    Case,
    CaseKey,
    DisclosureRequest,
    KeyHolder,
)
from commonweal.conduct.services.handling import reason_reseal


class KeepingRefused(Exception):
    """A rotation or a re-sealing that cannot be done safely; the message says why."""


def key_path(holder: KeyHolder) -> Path:
    # The one place that names key files is keys.py; ask it rather than repeat the rule.
    return keys.key_path(holder)


def key_file_present(holder: KeyHolder) -> bool:
    return holder.role != KeyHolder.Role.RECOVERY and key_path(holder).exists()


def file_shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to the disk, then remove it.

    On a journalling or copy-on-write file system, or an SSD, the old blocks may survive
    the overwrite; what is in them is ciphertext whose keys are gone (crypto-shredding),
    so the overwrite is a second line, not the only one."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


# -- who should hold a case ----------------------------------------------------------


def _recipients(case: Case, purpose: str) -> list[KeyHolder]:
    """The current keys that should open ``case``'s key of ``purpose`` (cases.py's rule)."""
    if purpose == CaseKey.Purpose.IDENTITY or case.about_ombudsman:
        role = KeyHolder.Role.CUSTODIAN
    else:
        role = KeyHolder.Role.OMBUDSMAN
    return keys.holders_current(role) + keys.holders_current(KeyHolder.Role.RECOVERY)


def _public_of(private: bytes) -> bytes:
    return bytes(PrivateKey(bytes(private)).public_key)


@dataclass(frozen=True)
class Resealed:
    cases: int  # cases whose key was sealed to at least one more key
    seals: int  # sealed copies written


@sensitive_variables("private", "secret")
@transaction.atomic
def cases_reseal(
    *, opener: KeyHolder, private: bytes, only_to: KeyHolder | None = None
) -> Resealed:
    """Open every case key sealed to ``opener`` with its ``private`` key and seal it to
    each current key that should hold it and does not yet (only to ``only_to``, if given)."""
    if _public_of(private) != bytes(opener.public_key):
        raise KeepingRefused(f"the private key given is not the one of key {opener.fingerprint}")
    cases, seals = set(), 0
    rows = CaseKey.objects.filter(holder=opener).select_related("case").order_by("case_id", "pk")
    for row in rows:
        targets = [only_to] if only_to is not None else _recipients(row.case, row.purpose)
        present = set(
            CaseKey.objects.filter(case=row.case, purpose=row.purpose).values_list(
                "holder_id", flat=True
            )
        )
        missing = [holder for holder in targets if holder.pk not in present]
        if not missing:
            continue
        secret = crypto.unseal(private, row.sealed)
        CaseKey.objects.bulk_create(
            CaseKey(
                case=row.case,
                holder=holder,
                purpose=row.purpose,
                sealed=crypto.seal(holder.public_key, secret),
            )
            for holder in missing
        )
        if row.case_id not in cases:
            log_append(case=row.case, actor=AccessEntry.Actor.SYSTEM, action="resealed")
        cases.add(row.case_id)
        seals += len(missing)
    return Resealed(len(cases), seals)


# -- rotation ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rotated:
    old: KeyHolder
    new: KeyHolder
    resealed: Resealed


def key_rotate(*, user) -> list[Rotated]:
    """A new key pair for each current key of ``user``; every case key sealed to an old
    key is sealed to its new one, the old seals deleted, the old key retired, and, once
    that is committed, the old key's file overwritten and removed.

    Refused, with nothing changed, when an old key's file is not on this server."""
    current = [holder for holder in keys.holders_of(user) if holder.role != KeyHolder.Role.RECOVERY]
    if not current:
        raise KeepingRefused(f"{user.email} holds no current key")
    for holder in current:
        if not key_file_present(holder):
            raise KeepingRefused(
                f"the private key file of {holder.role} key {holder.fingerprint} is not on this "
                f"server ({key_path(holder)}): restore it from the key backup, or create a new "
                "key and re-seal the cases with the recovery key (docs/deploy.md)"
            )
    written: list[Path] = []
    try:
        return _rotate(current, written)
    except BaseException:
        # The database rolled back: the new key files it named must not stay behind.
        for path in written:
            path.unlink(missing_ok=True)
        raise


@transaction.atomic
def _rotate(current: list[KeyHolder], written: list[Path]) -> list[Rotated]:
    done = []
    for old in current:
        new, _private = keys.key_create(role=old.role, user=old.user)
        written.append(key_path(new))
        private = keys.private_key(old)
        resealed = cases_reseal(opener=old, private=private, only_to=new)
        for request in DisclosureRequest.objects.filter(reason_box__isnull=False):
            reason_reseal(request, old=old, private=private, new=new)
        CaseKey.objects.filter(holder=old).delete()
        keys.key_retire(old)
        log_append(
            case=None,
            actor=AccessEntry.Actor.SYSTEM,
            action="key rotated",
            actor_ref=old.fingerprint,
        )
        old_file = key_path(old)
        transaction.on_commit(lambda path=old_file: file_shred(path))
        done.append(Rotated(old, new, resealed))
    return done


# -- retention -----------------------------------------------------------------------


# What a purged case keeps in place of its boxes: nothing.
PURGED = b""


@dataclass(frozen=True)
class Purged:
    cases: int = 0
    messages: int = 0
    attachments: int = 0
    keys: int = 0


def cases_due(now: datetime.datetime | None = None):
    """Cases whose retention has passed and that still hold something: their deletion
    date, or, when none was set, ``CONDUCT_RETENTION_DAYS`` after they were closed."""
    now = now or timezone.now()
    closed_long_ago = now - datetime.timedelta(days=settings.CONDUCT_RETENTION_DAYS)
    return (
        Case.objects.filter(
            Q(delete_after__lte=now)
            | Q(delete_after__isnull=True, closed_at__isnull=False, closed_at__lte=closed_long_ago)
        )
        .exclude(reporter_box=PURGED)
        .order_by("pk")
    )


def cases_purge(*, now: datetime.datetime | None = None) -> Purged:
    """Delete every case past retention, each in a transaction of its own."""
    totals = Purged()
    for case_id in list(cases_due(now).values_list("pk", flat=True)):
        counted = case_purge(case_id=case_id)
        totals = Purged(
            totals.cases + counted.cases,
            totals.messages + counted.messages,
            totals.attachments + counted.attachments,
            totals.keys + counted.keys,
        )
    return totals


@transaction.atomic
def case_purge(*, case_id: int) -> Purged:
    """Empty one case: its sealed keys first (without them the ciphertext left anywhere,
    in a backup too, opens for no one), the reporter's and the identity's boxes, the
    report, then its messages, attachments, consents and disclosure requests. The case row
    stays as its reference, kind, dates and receipt hash, so the reporter's receipt finds
    a case "deleted after its retention period" rather than nothing; the access log gets
    "purged". Attachment files are overwritten and removed once this commits."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or bytes(case.reporter_box) == PURGED:
        return Purged()
    sealed = case.keys.all().delete()[0]
    files = [Path(a.file.path) for a in Attachment.objects.filter(case=case) if a.file]
    attachments = case.attachments.count()
    messages = case.messages.count()
    case.attachments.all().delete()
    case.messages.all().delete()
    case.consents.all().delete()
    case.disclosures.all().delete()
    case.report_box = case.reporter_box = PURGED
    case.identity_box = None
    case.save(update_fields=["report_box", "reporter_box", "identity_box"])
    log_append(case=case, actor=AccessEntry.Actor.SYSTEM, action="purged")
    for path in files:
        transaction.on_commit(lambda path=path: file_shred(path))
    return Purged(1, messages, attachments, sealed)
