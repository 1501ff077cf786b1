"""What a rule returns: the selected projects, in order, each choice explained."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from commonweal.allocation.election import Election, VoteMatrix
from commonweal.allocation.reasons import SELECTED, Reason


@dataclass(frozen=True)
class Explanation:
    """Why one project was selected or not: a reason code with its figures, and more
    figures in ``details``. Whether it was selected follows from the code."""

    project: str
    why: Reason
    round: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def selected(self) -> bool:
        return self.why.kind == SELECTED

    @property
    def reason(self) -> str:
        """The reason in words."""
        return self.why.words


@dataclass(frozen=True)
class Outcome:
    """The result of running one rule on one election.

    ``order`` lists the selected projects' indices in the order the rule chose
    them; ``explanations`` has one entry per project of the election.
    """

    rule: str
    election: Election
    order: list[int]
    explanations: list[Explanation]
    details: dict[str, Any] = field(default_factory=dict)
    # MES only: what each ballot group paid for each project, aligned with the
    # project-major entries of ``matrix`` (for audits and property tests).
    payments: np.ndarray | None = field(default=None, repr=False, compare=False)
    matrix: VoteMatrix | None = field(default=None, repr=False, compare=False)

    @property
    def selected_ids(self) -> list[str]:
        """Selected project ids, sorted as strings (the command-line contract)."""
        return sorted(self.election.projects[i].id for i in self.order)

    @property
    def cost(self) -> Fraction:
        return sum((self.election.projects[i].cost for i in self.order), Fraction(0))
