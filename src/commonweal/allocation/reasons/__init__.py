"""Why an item ends where it does: a reason code with its parameters.

One source for an item's outcome. A :class:`Reason` is a code from the catalogue
below and the figures that code needs (plain numbers, names, lists of names).
The code fixes the *kind* of outcome (chosen by a rule, not chosen, funded from
the earliest year, funded later, left out of the plan), every status shown is
named from the kind (:data:`PLAN_STATUS`, :data:`ROUND_STATUS`), and the words
are drawn from the code and its parameters by one function, :func:`reason_text`,
in the reader's language: a status and its reason cannot disagree, and every
output (the command line, a page, a download) words a reason the same way.

The codes name the real cause: ``no-votes`` (nobody chose it), the ways of
losing to items with more support (``outranked``, ``supporters-could-not-pay``,
``load-too-high``, ``rule-stopped-here``, ``less-welfare``), ``over-whole-budget``,
no room in a named year (``no-room``, ``no-room-earlier``), a group's share spent
(``shares-spent``), a requirement (``requirement-left-out``,
``requirement-later``, ``requirement-too-late``), an alternative chosen instead
(``alternative-chosen``), a horizon too short, a year too small. The catalogue,
with each code's parameters, is in docs/formats.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from commonweal.allocation.language import ENGLISH, Language
from commonweal.allocation.reasons.kinds import (
    FUNDED,
    FUNDED_LATER,
    KINDS,
    LEFT_OUT,
    NOT_SELECTED,
    PLAN_STATUS,
    ROUND_STATUS,
    SELECTED,
)
from commonweal.allocation.reasons.plan_words import PLAN_CODES
from commonweal.allocation.reasons.rule_words import RULE_CODES

CODES: dict[str, tuple[str, Callable[[Mapping[str, Any], Language], str]]] = {
    **RULE_CODES,
    **PLAN_CODES,
}


def reason_text(code: str, params: Mapping[str, Any], language: Language = ENGLISH) -> str:
    """The reason ``code`` with its figures ``params`` in words, in ``language``.

    The one place a reason becomes a sentence: the engine's outputs, the round's
    pages and its downloads all call it, with the parameters as the engine made
    them or as a published result stored them (whole amounts as integers).
    """
    return CODES[code][1](params, language)


@dataclass(frozen=True)
class Reason:
    """A reason code and its parameters; ``kind`` and ``words`` follow from them."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown reason code {self.code!r}")

    @property
    def kind(self) -> str:
        return CODES[self.code][0]

    @property
    def words(self) -> str:
        """The reason in English, as the command line prints it by default."""
        return reason_text(self.code, self.params)

    def words_in(self, language: Language) -> str:
        """The reason in ``language``."""
        return reason_text(self.code, self.params, language)


def params_document(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters as JSON holds them: whole amounts as integers."""
    return {
        key: int(value) if isinstance(value, float) and value.is_integer() else value
        for key, value in params.items()
    }


def codes_of_kind(kind: str) -> frozenset[str]:
    """Every code that leaves an item in ``kind``."""
    return frozenset(code for code, (of, _words) in CODES.items() if of == kind)


__all__ = [
    "CODES",
    "FUNDED",
    "FUNDED_LATER",
    "KINDS",
    "LEFT_OUT",
    "NOT_SELECTED",
    "PLAN_STATUS",
    "ROUND_STATUS",
    "SELECTED",
    "Reason",
    "codes_of_kind",
    "params_document",
    "reason_text",
]
