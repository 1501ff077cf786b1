"""What the community app shows on pages it does not own."""

from django.urls import reverse
from django.utils.translation import npgettext

from commonweal.community import selectors
from commonweal.community.models import Person, StakeholderGroup
from commonweal.core.panels import ACTIVITY_SECTIONS, HOME_FIGURES, Panel, panel_register

FIGURE_TEMPLATE = "core/panels/figure.html"


def _people_figure(request, subject):
    count = Person.objects.filter(is_erased=False).count()
    return {
        "count": count,
        "label": npgettext("a count on the home page", "person", "people", count),
        "url": reverse("community:people"),
    }


def _groups_figure(request, subject):
    count = StakeholderGroup.objects.count()
    return {
        "count": count,
        "label": npgettext(
            "a count on the home page", "stakeholder group", "stakeholder groups", count
        ),
        "url": reverse("community:groups"),
    }


def _my_groups(request, user):
    person = user.person
    if person is None:
        return None
    return {
        "memberships": person.current_memberships(),
        "requests": selectors.membership_requests_of(person=person),
    }


def panels_register() -> None:
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("community.my_groups", "community/panels/my_groups.html", _my_groups, order=5),
    )
    panel_register(
        slot=HOME_FIGURES,
        panel=Panel("community.people", FIGURE_TEMPLATE, _people_figure, order=10),
    )
    panel_register(
        slot=HOME_FIGURES,
        panel=Panel("community.groups", FIGURE_TEMPLATE, _groups_figure, order=20),
    )
