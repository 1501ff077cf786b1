"""Gates: conditions an app above sets on an action that an app below performs.

A round's ballot (``rounds``) and a request to join a group (``community``) sit on
floors below the learning center, which may require a course first. The lower app
names its action and asks ``gates_unmet`` before it acts; an upper app registers a
function for that action in its ``AppConfig.ready()``. With nothing registered
nothing is unmet, so a lower app works the same whether or not the upper app is
installed. Same idea as the panels and personal-data registries (see
docs/architecture.md, "Reaching up without importing up").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The actions that ask. An action and the apps that gate it agree on these names.
ROUNDS_VOTE = "rounds.vote"  # submit a ballot; subject: the Round
COMMUNITY_JOIN = "community.join"  # ask to join a group; subject: the StakeholderGroup

ACTIONS = frozenset({ROUNDS_VOTE, COMMUNITY_JOIN})


@dataclass(frozen=True)
class Unmet:
    """One thing the person must do first: a sentence in the reader's language (the gate
    runs inside the request, so its gettext answers in that language), and where to do it.
    ``link_text`` names the link, so a page need not repeat the whole sentence in it."""

    message: str
    url: str
    link_text: str


# A gate: given the account (perhaps anonymous) and the action's subject, what is unmet.
Gate = Callable[[object, object], Iterable[Unmet]]

_registry: dict[str, dict[str, Gate]] = {action: {} for action in ACTIONS}


def gate_register(action: str, fn: Gate) -> None:
    """Add ``fn`` to ``action``'s gates. Registering the same function again replaces it
    (it is keyed by its module and name), so a ``ready()`` run twice adds nothing twice."""
    if action not in ACTIONS:
        raise ValueError(f"unknown gated action {action!r}; known: {sorted(ACTIONS)}")
    _registry[action][f"{fn.__module__}.{fn.__qualname__}"] = fn


def gates_unmet(action: str, user, subject) -> list[Unmet]:
    """Everything ``user`` must do before ``action`` on ``subject``; empty when nothing
    stands in the way (and always empty where no app registered a gate)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown gated action {action!r}; known: {sorted(ACTIONS)}")
    unmet: list[Unmet] = []
    for key in sorted(_registry[action]):
        unmet.extend(_registry[action][key](user, subject))
    return unmet
