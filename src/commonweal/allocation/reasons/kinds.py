"""The five places a reason can leave an item, and what each is called where it is shown.

Every reason code belongs to exactly one kind, and each surface (a rule's
outcome, a plan, a counted round) names its status from the kind alone, so a
status and its reason cannot disagree.
"""

from __future__ import annotations

SELECTED = "selected"  # a rule chose it
NOT_SELECTED = "not-selected"  # a rule did not choose it, or nobody voted for it
FUNDED = "funded"  # in the plan from its earliest year
FUNDED_LATER = "funded-later"  # in the plan, starting later than its earliest year
LEFT_OUT = "left-out"  # chosen, but the plan has no place for it

KINDS = (SELECTED, NOT_SELECTED, FUNDED, FUNDED_LATER, LEFT_OUT)

# ``commonweal plan``'s item status; a plan has no "not selected", so an item nobody
# voted for is left out of it.
PLAN_STATUS = {
    FUNDED: "funded",
    FUNDED_LATER: "deferred",
    LEFT_OUT: "left out",
    NOT_SELECTED: "left out",
}

# A counted round's item status: funded (in some year), deferred (chosen by the vote,
# not in the plan) or not selected.
ROUND_STATUS = {
    FUNDED: "funded",
    FUNDED_LATER: "funded",
    LEFT_OUT: "deferred",
    NOT_SELECTED: "not-selected",
}
