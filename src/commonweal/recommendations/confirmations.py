"""What the registry's pages ask before a step that cannot be undone or that publishes
something, in words that name its effect. Each ``ask_*`` first refuses, with the
lifecycle's own message, a step that would be refused, so that nobody confirms a
step that is then not taken."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.formatting import money
from commonweal.recommendations import services
from commonweal.recommendations.models import Milestone, Recommendation

Status = Recommendation.Status


@dataclass(frozen=True)
class Question:
    """What a step does, asked before it is taken, on a page whose form posts the step
    again with ``confirm=yes`` (so it works without JavaScript)."""

    title: str
    effects: tuple[str, ...]
    confirm_label: str
    # A step that changes the status may be given a reason, kept in the lifecycle.
    reason: bool = True


def ask_assess(recommendation: Recommendation, data: dict) -> Question | None:
    """Assessing a received recommendation moves it on; revising the costs does not."""
    if recommendation.status != Status.RECEIVED:
        return None
    services.check_assess(recommendation=recommendation, **data)
    ref = recommendation.reference
    return Question(
        title=_("Assess %(ref)s?") % {"ref": ref},
        effects=(
            _(
                "Its costs are recorded: %(one)s once and %(recurring)s a year, "
                "%(years)d years to implement."
            )
            % {
                "one": money(data["one_time_cost"]),
                "recurring": money(data["recurring_cost"]),
                "years": data["implementation_years"],
            },
            _(
                "It becomes “assessed”, ready for a prioritization round's ballot, and cannot "
                "go back to “received”. The costs can still be revised until it is on a ballot."
            ),
        ),
        confirm_label=_("Record the costs and assess"),
    )


DECISION_EFFECTS = {
    Recommendation.Decision.APPROVED: gettext_lazy(
        "An approved recommendation can then go to implementation."
    ),
    Recommendation.Decision.DEFERRED: gettext_lazy(
        "A deferred recommendation can go on a later round's ballot."
    ),
    Recommendation.Decision.REJECTED: gettext_lazy(
        "A rejection is final: the recommendation goes no further."
    ),
}


def ask_decide(recommendation: Recommendation, data: dict) -> Question:
    services.check_decision(recommendation=recommendation, **data)
    decision = Recommendation.Decision(data["decision"])
    return Question(
        title=_("Record the decision on %(ref)s: %(decision)s?")
        % {"ref": recommendation.reference, "decision": decision.label},
        effects=(
            _(
                "The decision is published at once with its rationale and public-interest "
                "statement, and the recommendation becomes “decided”."
            ),
            str(DECISION_EFFECTS[decision]),
            _("A recorded decision cannot be changed."),
        ),
        confirm_label=_("Record and publish the decision"),
    )


def ask_move(recommendation: Recommendation, data: dict) -> Question:
    services.check_move(recommendation=recommendation, to=data["to"])
    ref = recommendation.reference
    if data["to"] == Status.IMPLEMENTATION:
        return Question(
            title=_("Start implementing %(ref)s?") % {"ref": ref},
            effects=(
                _(
                    "It becomes “implementation”: from now on its progress and milestones "
                    "are reported publicly."
                ),
                _("It cannot go back to “decided”."),
            ),
            confirm_label=_("Start implementation"),
        )
    if data["to"] == Status.IMPLEMENTED:
        return Question(
            title=_("Mark %(ref)s implemented?") % {"ref": ref},
            effects=(
                _(
                    "It becomes “implemented” with its progress at 100%, and its time to "
                    "implementation is fixed."
                ),
                _("This is the last step of its lifecycle: it cannot be undone."),
            ),
            confirm_label=_("Mark implemented"),
        )
    status = Status(data["to"]).label
    return Question(
        title=_("Move %(ref)s to “%(status)s”?") % {"ref": ref, "status": status},
        effects=(_("The move is recorded in its lifecycle, with the reason you give."),),
        confirm_label=_("Move it"),
    )


def ask_milestone_complete(recommendation: Recommendation, data: dict) -> Question:
    milestone = get_object_or_404(Milestone, pk=data["milestone"], recommendation=recommendation)
    return Question(
        title=_("Mark the milestone “%(title)s” completed?") % {"title": milestone.title},
        effects=(_("It is shown as completed today on the public page. This cannot be undone."),),
        confirm_label=_("Mark completed"),
        reason=False,
    )
