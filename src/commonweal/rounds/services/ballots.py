"""Casting ballots: checking a voter's choices, storing them apart from who cast them.

Who voted (``Participation``) and what was voted (``Ballot``) are written in
separate transactions, and the ballot row is found again only through a keyed
hash of the round and the account (decision 0011). A ballot replaced or
withdrawn leaves its receipt behind as a ``VoidReceipt``, with nothing that
names the voter, so that checking it says it no longer counts.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from commonweal.rounds.models import Ballot, Participation, Round, VoidReceipt
from commonweal.rounds.selectors import voting_groups
from commonweal.rounds.services.errors import RoundError


def voter_key(voting_round: Round, user) -> str:
    """The keyed hash that finds a voter's ballot without storing who cast it."""
    return salted_hmac(
        "commonweal.rounds.ballot", f"{voting_round.pk}:{user.pk}", algorithm="sha256"
    ).hexdigest()


def _check_limits(voting_round: Round, cleaned: list[list[Any]]) -> None:
    """The ballot is not empty and stays within the round's choices and points."""
    if not cleaned:
        raise RoundError(_("An empty ballot supports nothing: choose at least one."))
    if voting_round.max_choices and len(cleaned) > voting_round.max_choices:
        raise RoundError(
            _("Choose at most %(limit)d recommendations; this ballot has %(count)d.")
            % {"limit": voting_round.max_choices, "count": len(cleaned)}
        )
    if voting_round.ballot_kind == Round.BallotKind.POINTS:
        spent = sum(points for _project, points in cleaned)
        if spent > voting_round.points:
            raise RoundError(
                _("You have %(points)d points to share out; this ballot uses %(spent)d.")
                % {"points": voting_round.points, "spent": spent}
            )


def check_choices(voting_round: Round, choices: list[tuple[str, int]]) -> list[list[Any]]:
    """Validate a ballot against the round's kind and limits; return it in stored form."""
    allowed = set(voting_round.items.values_list("recommendation__reference", flat=True))
    points_ballot = voting_round.ballot_kind == Round.BallotKind.POINTS
    seen: set[str] = set()
    cleaned: list[list[Any]] = []
    for project, points in choices:
        if project not in allowed:
            raise RoundError(_("%(reference)s is not on this ballot.") % {"reference": project})
        if project in seen:
            raise RoundError(_("%(reference)s is on the ballot twice.") % {"reference": project})
        seen.add(project)
        if points_ballot:
            if points < 0:
                raise RoundError(_("Points cannot be negative."))
            if points == 0:
                continue
        cleaned.append([project, int(points) if points_ballot else 1])
    _check_limits(voting_round, cleaned)
    return cleaned


def ballot_receipt(voting_round: Round, choices: list[list[Any]], nonce: str) -> str:
    """A hash of the ballot as stored: the voter can find it in the published ballots."""
    canonical = json.dumps(
        {"round": voting_round.pk, "choices": choices, "nonce": nonce},
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def ballot_submit(
    *,
    voting_round: Round,
    user,
    group,
    choices: list[tuple[str, int]],
    now: datetime.datetime | None = None,
) -> Ballot:
    """Store ``user``'s ballot (replacing an earlier one); return it with its receipt.

    One statement inserts or replaces the ballot (``INSERT … ON CONFLICT``), so
    concurrent submissions by one voter leave exactly one ballot, the last. The
    receipt of the ballot it replaces is kept as void (reason "replaced").
    """
    if not voting_round.is_open(now):
        raise RoundError(_("Voting in this round is not open."))
    if group not in voting_groups(voting_round, user):
        raise RoundError(_("You cannot vote in this round for that group."))
    cleaned = check_choices(voting_round, choices)
    receipt = ballot_receipt(voting_round, cleaned, secrets.token_hex(16))
    key = voter_key(voting_round, user)
    with transaction.atomic():
        # Locked, so that a concurrent submission by the same voter waits and then
        # voids the receipt this one writes, not the one this one voids.
        replaced = (
            Ballot.objects.select_for_update()
            .filter(round=voting_round, voter_key=key)
            .values_list("receipt", flat=True)
            .first()
        )
        Ballot.objects.bulk_create(
            [
                Ballot(
                    round=voting_round, voter_key=key, group=group, choices=cleaned, receipt=receipt
                )
            ],
            update_conflicts=True,
            unique_fields=["round", "voter_key"],
            update_fields=["group", "choices", "receipt"],
        )
        if replaced is not None:
            VoidReceipt.objects.create(
                round=voting_round, receipt=replaced, reason=VoidReceipt.Reason.REPLACED
            )
        # Read back inside the transaction: the row is ours until commit, so this is
        # the ballot just written, not a concurrent submission's.
        ballot = Ballot.objects.get(round=voting_round, voter_key=key)
    # That the account voted is written in a transaction of its own, so that no
    # transaction id ties the two rows together (decision 0011).
    Participation.objects.bulk_create(
        [
            Participation(
                round=voting_round, user=user, group=group, first_voted_at=now or timezone.now()
            )
        ],
        update_conflicts=True,
        unique_fields=["round", "user"],
        update_fields=["group"],
    )
    return ballot


def ballot_withdraw(*, voting_round: Round, user, now: datetime.datetime | None = None) -> str:
    """Take back ``user``'s ballot while voting is open; return its receipt, now void.

    The ballot goes, its receipt is kept as void (reason "withdrawn"), and the
    account no longer counts as having voted (its participation goes too, in a
    transaction of its own as when it was written). The voter may vote again
    while voting is open.
    """
    if not voting_round.is_open(now):
        raise RoundError(_("Voting in this round is closed: a ballot can no longer be withdrawn."))
    key = voter_key(voting_round, user)
    with transaction.atomic():
        ballot = (
            Ballot.objects.select_for_update().filter(round=voting_round, voter_key=key).first()
        )
        if ballot is None:
            raise RoundError(_("You have no ballot in this round to withdraw."))
        ballot.delete()
        VoidReceipt.objects.create(
            round=voting_round, receipt=ballot.receipt, reason=VoidReceipt.Reason.WITHDRAWN
        )
    Participation.objects.filter(round=voting_round, user=user).delete()
    return ballot.receipt


def ballot_of(voting_round: Round, user) -> Ballot | None:
    """The voter's own current ballot (only ever shown to that voter)."""
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(
        round=voting_round, voter_key=voter_key(voting_round, user)
    ).first()
