"""What a comment can be on, and what each kind of thing means for a thread.

Three kinds: a recommendation (its page in the registry), a whole priority list (a
counted round; its page is the rounds app's) and one item of a priority list (its
thread has a page of its own here). Everything that differs by kind is said once here.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from commonweal.recommendations.models import Recommendation
from commonweal.rounds.models import Round, RoundItem

# The name in URLs -> (the model, the comment's field that points at it).
KINDS: dict[str, tuple[type, str]] = {
    "recommendation": (Recommendation, "recommendation"),
    "round": (Round, "round"),
    "item": (RoundItem, "round_item"),
}
Target = Recommendation | Round | RoundItem


def target_kind(target: Target) -> str:
    for kind, (model, _field) in KINDS.items():
        if isinstance(target, model):
            return kind
    raise TypeError(f"comments cannot be on a {type(target).__name__}")


def target_field(target: Target) -> str:
    """The comment's field that points at ``target`` (``"round_item"`` for an item)."""
    return KINDS[target_kind(target)][1]


def target_access(kind: str, pk: int) -> Target:
    """The thing a URL names, or 404."""
    if kind not in KINDS:
        raise Http404
    model, _field = KINDS[kind]
    if model is RoundItem:
        return get_object_or_404(RoundItem.objects.select_related("round", "recommendation"), pk=pk)
    return get_object_or_404(model, pk=pk)


def target_url(target: Target) -> str:
    """The page that shows the thread on ``target``."""
    if isinstance(target, Recommendation):
        return target.get_absolute_url()
    if isinstance(target, Round):
        return reverse("rounds:priorities", kwargs={"pk": target.pk})
    return reverse("discussion:item", kwargs={"pk": target.pk})


def target_label(target: Target) -> str:
    """The thing in a few words, for lists, emails and the activity page."""
    if isinstance(target, Recommendation):
        return f"{target.reference} {target.shown_title}"
    if isinstance(target, Round):
        return _("Priority list “%(round)s”") % {"round": target.title}
    return _("%(reference)s on the priority list “%(round)s”") % {
        "reference": target.recommendation.reference,
        "round": target.round.title,
    }


def comments_closed_because(target: Target) -> str:
    """Why nobody may comment on ``target`` yet, or "" when comments are open.

    A priority list and its items are open for comments once the list is published,
    as the list's comments always were; a recommendation always is.
    """
    if isinstance(target, Recommendation):
        return ""
    voting_round = target if isinstance(target, Round) else target.round
    if not voting_round.is_counted:
        return _("Comments open when the priority list is published.")
    return ""
