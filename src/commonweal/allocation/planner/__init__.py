"""The multi-year planner: which recommendations start in which fiscal year.

Participatory-budgeting rules choose projects for one budget. Recommendations
cost money once, spread over an implementation period, and then every year
after; funding is fixed per year; some depend on others, some are alternatives.
The planner chooses a start year for each item (or leaves it out) so that no
year's spending passes its cap, as an integer program on HiGHS:

- ``max-support``: the largest total community support (a 0-1 knapsack over
  years with precedence, Kellerer, Pferschy & Pisinger, *Knapsack Problems*,
  2004, ch. 13), earlier starts preferred among equal-support plans;
- ``fair-shares``: the same, but each stakeholder group's supporters jointly
  control an equal (or weighted) part of every year's budget, and an item's
  yearly cost is charged to the groups in proportion to their support — the
  per-group budget constraint of the Method of Equal Shares (Peters, Pierczyński
  & Skowron, NeurIPS 2021), here as hard constraints on a whole portfolio.

After solving, the plan is polished (``polish``: what still fits is added,
what can start earlier is moved, what nobody supports and nothing requires is
dropped), and every item gets the binding reason as a code with its figures
(``reasons``; the words and the status follow from the code). The input
format (YAML or JSON) and the output contract are in docs/formats.md.
"""

from commonweal.allocation.planner.model import (
    OBJECTIVES,
    Item,
    PlannedItem,
    PlanProblem,
    PlanResult,
    Year,
)
from commonweal.allocation.planner.output import plan_document, plan_table
from commonweal.allocation.planner.reading import parse_plan, read_plan
from commonweal.allocation.planner.solving import solve_plan

__all__ = [
    "OBJECTIVES",
    "Item",
    "PlanProblem",
    "PlanResult",
    "PlannedItem",
    "Year",
    "parse_plan",
    "plan_document",
    "plan_table",
    "read_plan",
    "solve_plan",
]
