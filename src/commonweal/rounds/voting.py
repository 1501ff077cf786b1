"""Reads about voting for one person or one receipt: whether a person may vote in a
round and, where not, why; and what became of a receipt.

The pages offer a ballot only to whom ``voting_access`` allows, and say why
to everyone else; the ballot view and ``services.ballot_submit`` check again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.rounds.models import Ballot, Round, VoidReceipt

# Why a person may not vote in a round now, checked in this order: the round's phase
# first (nobody votes in a closed round), then who the person is.
COUNTED, CLOSED, UPCOMING, SIGNED_OUT, NOT_MEMBER, MAY_VOTE = (
    "counted",
    "closed",
    "upcoming",
    "signed-out",
    "not-member",
    "may-vote",
)


@dataclass(frozen=True)
class VotingAccess:
    """Whether a person may vote in a round now, and if not, the first reason why.

    ``membership`` says where the person stands whatever the phase (signed out, not
    a member of a voting group, or a member), so that a page can tell someone
    before voting opens what they will need.
    """

    reason: str
    membership: str
    groups: tuple[StakeholderGroup, ...]

    @property
    def may_vote(self) -> bool:
        return self.reason == MAY_VOTE


def member_group_ids(user) -> set[int]:
    """The groups ``user``'s person is a current member of; none when signed out."""
    if not user.is_authenticated or user.person_id is None:
        return set()
    return set(
        Membership.objects.current()
        .filter(person_id=user.person_id)
        .values_list("group_id", flat=True)
    )


def _phase_reason(voting_round: Round) -> str | None:
    phase = voting_round.phase
    return {"counted": COUNTED, "closed": CLOSED, "upcoming": UPCOMING}.get(phase)


def voting_access(voting_round: Round, user, member_of: set[int] | None = None) -> VotingAccess:
    """Where ``user`` stands in ``voting_round``; ``member_of`` spares the query when
    the caller looks at many rounds (``member_group_ids``)."""
    if member_of is None:
        member_of = member_group_ids(user)
    groups = tuple(
        sorted(
            (g for g in voting_round.voter_groups.all() if g.pk in member_of),
            key=lambda g: g.name,
        )
    )
    if not user.is_authenticated:
        membership = SIGNED_OUT
    elif not groups:
        membership = NOT_MEMBER
    else:
        membership = MAY_VOTE
    return VotingAccess(
        reason=_phase_reason(voting_round) or membership, membership=membership, groups=groups
    )


def rounds_open_to(rounds: Iterable[Round], user) -> set[int]:
    """The rounds among ``rounds`` (with their voter groups prefetched) that ``user`` may
    vote in now."""
    member_of = member_group_ids(user)
    return {r.pk for r in rounds if voting_access(r, user, member_of).may_vote}


# What a receipt check may say.
RECEIPT_COUNTED, RECEIPT_STANDS, RECEIPT_REPLACED, RECEIPT_WITHDRAWN, RECEIPT_UNKNOWN = (
    "counted",
    "stands",
    "replaced",
    "withdrawn",
    "unknown",
)
RECEIPT_SHOWN = 16  # the published ballots name each voter by this much of the receipt
RECEIPT_PATTERN = re.compile(rf"[0-9a-f]{{{RECEIPT_SHOWN},64}}")


def clean_receipt(text: str) -> str | None:
    """The receipt as typed or pasted, lower-cased and without spaces; ``None`` when it
    cannot be one (a receipt is 64 hexadecimal digits; the first 16 suffice)."""
    cleaned = "".join(text.split()).lower()
    return cleaned if RECEIPT_PATTERN.fullmatch(cleaned) else None


def receipt_status(voting_round: Round, receipt: str) -> str:
    """What became of the ballot with this receipt (or its first 16 or more characters).

    Says only whether it counts; never the choices, which the published ballots
    show after the count anyway.
    """
    if Ballot.objects.filter(round=voting_round, receipt__startswith=receipt).exists():
        return RECEIPT_COUNTED if voting_round.is_counted else RECEIPT_STANDS
    void = (
        VoidReceipt.objects.filter(round=voting_round, receipt__startswith=receipt)
        .values_list("reason", flat=True)
        .first()
    )
    if void == VoidReceipt.Reason.REPLACED:
        return RECEIPT_REPLACED
    if void == VoidReceipt.Reason.WITHDRAWN:
        return RECEIPT_WITHDRAWN
    return RECEIPT_UNKNOWN
