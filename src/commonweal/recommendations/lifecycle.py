"""The registry's lifecycle rules: which status may follow which, and the checks that
refuse a step before anything is written. The services call them before they write;
the pages call them before they ask for a confirmation, so that nobody confirms a
step that would then be refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.recommendations.models import STAGE_TIMESTAMPS, Recommendation

Status = Recommendation.Status
Decision = Recommendation.Decision

# Which status may follow which. A deferred decision sends the recommendation back
# to a later round; a rejection is final; only an approved one is implemented.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.ASSESSED,),
    Status.ASSESSED: (Status.PRIORITIZATION, Status.DECIDED),
    Status.PRIORITIZATION: (Status.DECIDED, Status.ASSESSED),
    Status.DECIDED: (Status.PRIORITIZATION, Status.IMPLEMENTATION),
    Status.IMPLEMENTATION: (Status.IMPLEMENTED,),
    Status.IMPLEMENTED: (),
}


class LifecycleError(ValueError):
    """A move the lifecycle does not allow; the message is for the person who tried."""


def check_move(
    *,
    recommendation: Recommendation,
    to: str,
    at: datetime.datetime | None = None,
    decision: str = "",
    by_round: bool = False,
) -> None:
    """Raise :class:`LifecycleError` if ``recommendation_move`` would refuse this move;
    change nothing (a page asks for confirmation only of a move that would be made)."""
    current = recommendation.status
    if to not in TRANSITIONS.get(current, ()):
        raise LifecycleError(
            _("A recommendation that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(current).label, "to": Status(to).label}
        )
    if to == Status.PRIORITIZATION and not by_round:
        raise LifecycleError(
            _("A recommendation enters prioritization when a round puts it on its ballot.")
        )
    if to == Status.DECIDED and not decision:
        raise LifecycleError(_("Record the decision with its rationale and public interest."))
    if current == Status.PRIORITIZATION and not by_round:
        pending = recommendation.rounds.filter(result__isnull=True).first()
        if pending is not None:
            raise LifecycleError(
                _("It is on the ballot of “%(round)s”, which has not been counted yet.")
                % {"round": pending.title}
            )
    if to == Status.ASSESSED and not recommendation.costed:
        raise LifecycleError(_("Give the one-time and the recurring cost before assessing it."))
    if to == Status.IMPLEMENTATION and recommendation.decision != Decision.APPROVED:
        raise LifecycleError(_("Only an approved recommendation can be implemented."))
    if (
        current == Status.DECIDED
        and to == Status.PRIORITIZATION
        and recommendation.decision != Decision.DEFERRED
    ):
        raise LifecycleError(_("Only a deferred recommendation goes back to prioritization."))
    previous = getattr(recommendation, STAGE_TIMESTAMPS[current])
    if previous is not None and (at or timezone.now()) < previous:
        raise LifecycleError(_("A step cannot be dated before the step it follows."))


def check_assess(
    *,
    recommendation: Recommendation,
    one_time_cost: Decimal,
    recurring_cost: Decimal,
    implementation_years: int,
) -> None:
    """Raise :class:`LifecycleError` if these costs cannot be recorded; change nothing."""
    if one_time_cost < 0 or recurring_cost < 0:
        raise LifecycleError(_("Costs cannot be negative."))
    if implementation_years < 1:
        raise LifecycleError(_("The implementation period is at least one year."))
    if recommendation.status not in (Status.RECEIVED, Status.ASSESSED):
        raise LifecycleError(_("Costs are fixed once a recommendation is in prioritization."))


def check_decision(
    *,
    recommendation: Recommendation,
    decision: str,
    rationale: str,
    serves: str,
    consultation: str,
    alternatives: str,
) -> None:
    """Raise :class:`LifecycleError` if this decision cannot be recorded; change nothing."""
    if decision not in Decision.values:
        raise LifecycleError(_("Choose approved, deferred or rejected."))
    missing = [
        label
        for label, value in (
            (_("rationale"), rationale),
            (_("whom it serves"), serves),
            (_("how the community was consulted"), consultation),
            (_("alternatives weighed"), alternatives),
        )
        if not value.strip()
    ]
    if missing:
        raise LifecycleError(
            _("A decision is published with its reasons; missing: %(fields)s.")
            % {"fields": ", ".join(str(m) for m in missing)}
        )
    check_move(recommendation=recommendation, to=Status.DECIDED, decision=decision)
