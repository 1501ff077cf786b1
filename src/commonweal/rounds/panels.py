"""What the rounds app shows on pages it does not own: the current rounds on the
home page."""

from commonweal.core.panels import HOME_SECTIONS, Panel, panel_register
from commonweal.rounds.selectors import round_list

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


def panels_register() -> None:
    panel_register(
        slot=HOME_SECTIONS,
        panel=Panel("rounds.current", "rounds/home_rounds.html", _current_rounds, order=10),
    )
