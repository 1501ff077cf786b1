"""The access log: every read and action on a case, each entry chained to the one before.

An entry's hash covers the previous entry's hash and its own fields, so changing, removing
or inserting an entry breaks the chain from there on; ``verify`` names the first entry
that does not hold. Entries are written inside the action's transaction, after locking the
last entry, so two actions at once cannot fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from commonweal.conduct.models import AccessEntry, Case

GENESIS = "0" * 64


def entry_hash(
    *, prev_hash: str, seq: int, reference: str, at, actor: str, actor_ref: str, action: str
) -> str:
    fields = {
        "seq": seq,
        "reference": reference,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor,
        "actor_ref": actor_ref,
        "action": action,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


@transaction.atomic
def log_append(
    *, case: Case | None, actor: str, action: str, actor_ref: str = "", reference: str = ""
) -> AccessEntry:
    last = AccessEntry.objects.select_for_update().order_by("-seq").first()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS
    reference = case.reference if case is not None else reference
    at = timezone.now()
    return AccessEntry.objects.create(
        seq=seq,
        case=case,
        reference=reference,
        at=at,
        actor=actor,
        actor_ref=str(actor_ref)[:40],
        action=action,
        prev_hash=prev,
        hash=entry_hash(
            prev_hash=prev,
            seq=seq,
            reference=reference,
            at=at,
            actor=actor,
            actor_ref=str(actor_ref)[:40],
            action=action,
        ),
    )


@dataclass(frozen=True)
class Verdict:
    entries: int
    broken_seq: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def log_verify() -> Verdict:
    """Walk the chain from the first entry; the first entry that does not hold, and why."""
    prev, expected_seq, count = GENESIS, 1, 0
    for entry in AccessEntry.objects.order_by("seq").iterator(2000):
        count += 1
        if entry.seq != expected_seq:
            return Verdict(count, entry.seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != prev:
            return Verdict(count, entry.seq, "it does not follow the entry before it")
        recomputed = entry_hash(
            prev_hash=entry.prev_hash,
            seq=entry.seq,
            reference=entry.reference,
            at=entry.at,
            actor=entry.actor,
            actor_ref=entry.actor_ref,
            action=entry.action,
        )
        if recomputed != entry.hash:
            return Verdict(count, entry.seq, "its fields were changed after it was written")
        prev, expected_seq = entry.hash, expected_seq + 1
    return Verdict(count)
