"""Panels: what an app adds to a page that another app owns.

A page lower down (the person page in ``community``) or one that gathers every
app (the home page) names its *slots*; an app above registers a ``Panel`` for a
slot in its ``AppConfig.ready()``. The page renders whatever is registered, in
order, without importing the apps that registered it. This is how an upper
floor reaches a lower floor's page without the lower floor importing it (see
docs/architecture.md), the same way personal data registers its handlers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# The slots pages offer. A page and the apps that fill it agree on these names.
HOME_FIGURES = "home.figures"  # a number with a link, in the row of cards
HOME_SECTIONS = "home.sections"  # a section under the cards
PERSON_SECTIONS = "person.sections"  # a section of a person's page; subject: the Person
# A section of a recommendation's page in the registry; subject: the Recommendation.
RECOMMENDATION_SECTIONS = "recommendation.sections"
# A section of a round's published priority list; subject: the Round (counted).
ROUND_SECTIONS = "round.sections"
# A section of the signed-in person's "my activity" page (accounts); subject: their
# account. Each app shows what the person did there and what became of it.
ACTIVITY_SECTIONS = "activity.sections"
# A section of a group's page (community); subject: the StakeholderGroup.
GROUP_SECTIONS = "group.sections"
# A note under who may vote, on a round's page; subject: the Round.
ROUND_ACCESS = "round.access"

SLOTS = frozenset(
    {
        HOME_FIGURES,
        HOME_SECTIONS,
        PERSON_SECTIONS,
        RECOMMENDATION_SECTIONS,
        ROUND_SECTIONS,
        ACTIVITY_SECTIONS,
        GROUP_SECTIONS,
        ROUND_ACCESS,
    }
)

# What a panel's context function returns: the template's context, or None when
# the panel has nothing to show on this page.
PanelContext = Callable[[HttpRequest, object], Mapping[str, object] | None]


@dataclass(frozen=True)
class Panel:
    """One registered panel: a template and the function that fills it.

    ``key`` names the panel (``"meetings.participations"``): registering the
    same key again replaces it, so a module imported twice adds nothing twice.
    Panels show in ascending ``order``, then by key.
    """

    key: str
    template: str
    context: PanelContext
    order: int = 100


_registry: dict[str, dict[str, Panel]] = {slot: {} for slot in SLOTS}


def panel_register(*, slot: str, panel: Panel) -> None:
    if slot not in SLOTS:
        raise ValueError(f"unknown panel slot {slot!r}; known: {sorted(SLOTS)}")
    _registry[slot][panel.key] = panel


def panels_for(slot: str) -> list[Panel]:
    """The panels registered for ``slot``, in the order they are shown."""
    return sorted(_registry[slot].values(), key=lambda panel: (panel.order, panel.key))


def panels_render(slot: str, request: HttpRequest, subject: object = None) -> list[str]:
    """Each panel of ``slot`` rendered for this request (those with nothing to show left out).

    ``subject`` is what the page is about (the Person on a person page); each
    panel's context function receives it with the request. The result is safe
    HTML: each template escaped what it printed.
    """
    rendered = []
    for panel in panels_for(slot):
        context = panel.context(request, subject)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request))
    return rendered


def panels_html(slot: str, request: HttpRequest, subject: object = None) -> SafeString:
    """The panels of ``slot`` as one piece of HTML, for a template that renders a slot
    itself (the ``{% panels %}`` tag) rather than receiving it from its view."""
    # Each part is a template's output, escaped by that template.
    return mark_safe("".join(panels_render(slot, request, subject)))  # noqa: S308
