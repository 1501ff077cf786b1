"""Writes for prioritization rounds, one module per job: setting a round (``setup``),
casting ballots (``ballots``), counting and publishing (``counting``), closing on the
secretariat's word (``closing``).
Callers import from here."""

from commonweal.rounds.services.ballots import (
    ballot_of,
    ballot_receipt,
    ballot_submit,
    ballot_withdraw,
    check_choices,
    voter_key,
)
from commonweal.rounds.services.closing import round_close_with_note
from commonweal.rounds.services.counting import (
    RoundCount,
    group_weights,
    round_close,
    round_count,
    round_election,
    round_pabulib,
)
from commonweal.rounds.services.errors import RoundError
from commonweal.rounds.services.setup import (
    EDITABLE_AFTER_OPENING,
    RULE_FIELDS,
    round_create,
    round_update,
)

__all__ = [
    "EDITABLE_AFTER_OPENING",
    "RULE_FIELDS",
    "RoundCount",
    "RoundError",
    "ballot_of",
    "ballot_receipt",
    "ballot_submit",
    "ballot_withdraw",
    "check_choices",
    "group_weights",
    "round_close",
    "round_close_with_note",
    "round_count",
    "round_create",
    "round_election",
    "round_pabulib",
    "round_update",
    "voter_key",
]
