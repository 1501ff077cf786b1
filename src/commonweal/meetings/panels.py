"""What the meetings app adds to pages it does not own: the home page's meeting
count and recent meetings, and where a person spoke on the person page."""

from django.urls import reverse
from django.utils.translation import npgettext

from commonweal.core.panels import (
    HOME_FIGURES,
    HOME_SECTIONS,
    PERSON_SECTIONS,
    Panel,
    panel_register,
)
from commonweal.meetings.models import Meeting
from commonweal.meetings.selectors import meeting_list, person_participations

RECENT_MEETINGS = 5


def _meetings_figure(request, subject):
    count = Meeting.objects.count()
    return {
        "count": count,
        "label": npgettext("a count on the home page", "meeting", "meetings", count),
        "url": reverse("meetings:list"),
    }


def _recent_meetings(request, subject):
    recent = list(meeting_list()[:RECENT_MEETINGS])
    return {"recent_meetings": recent} if recent else None


def _participations(request, person):
    participations = list(person_participations(person))
    return {"person": person, "participations": participations} if participations else None


def panels_register() -> None:
    panel_register(
        slot=HOME_FIGURES,
        panel=Panel("meetings.count", "core/panels/figure.html", _meetings_figure, order=30),
    )
    panel_register(
        slot=HOME_SECTIONS,
        panel=Panel("meetings.recent", "meetings/home_recent.html", _recent_meetings, order=20),
    )
    panel_register(
        slot=PERSON_SECTIONS,
        panel=Panel(
            "meetings.participations", "meetings/person_participations.html", _participations
        ),
    )
