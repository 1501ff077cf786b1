"""What the registry shows on pages it does not own: its count on the home page."""

from django.urls import reverse
from django.utils.translation import npgettext

from commonweal.core.panels import HOME_FIGURES, Panel, panel_register
from commonweal.recommendations.models import Recommendation


def _recommendations_figure(request, subject):
    count = Recommendation.objects.count()
    return {
        "count": count,
        "label": npgettext("a count on the home page", "recommendation", "recommendations", count),
        "url": reverse("recommendations:list"),
    }


def panels_register() -> None:
    panel_register(
        slot=HOME_FIGURES,
        panel=Panel(
            "recommendations.count", "core/panels/figure.html", _recommendations_figure, order=40
        ),
    )
