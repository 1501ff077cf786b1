"""What the rounds app shows on pages it does not own: the current rounds on the
home page, and on a person's "my activity" page the rounds they voted in with their
receipts (found as the ballot page finds them, through the voter key: never shown to
anyone else)."""

from commonweal.core.panels import ACTIVITY_SECTIONS, HOME_SECTIONS, Panel, panel_register
from commonweal.rounds.models import Participation
from commonweal.rounds.selectors import round_list
from commonweal.rounds.services.ballots import ballot_of
from commonweal.rounds.voting import RECEIPT_SHOWN

# The newest rounds looked at, and how many of those still upcoming, open or
# counted are listed.
ROUNDS_LOOKED_AT = 10
ROUNDS_LISTED = 5
LISTED_PHASES = ("upcoming", "open", "counted")


def _current_rounds(request, subject):
    rounds = [
        voting_round
        for voting_round in round_list()[:ROUNDS_LOOKED_AT]
        if voting_round.phase in LISTED_PHASES
    ][:ROUNDS_LISTED]
    return {"rounds": rounds} if rounds else None


def _my_votes(request, user):
    votes = list(
        Participation.objects.filter(user=user).select_related("round", "group").order_by("-pk")
    )
    for vote in votes:
        ballot = ballot_of(vote.round, user)
        vote.receipt = ballot.receipt[:RECEIPT_SHOWN] if ballot is not None else ""
    return {"votes": votes}


def panels_register() -> None:
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("rounds.my_votes", "rounds/panels/my_votes.html", _my_votes, order=10),
    )
    panel_register(
        slot=HOME_SECTIONS,
        panel=Panel("rounds.current", "rounds/home_rounds.html", _current_rounds, order=10),
    )
