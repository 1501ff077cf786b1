"""The site's addresses with a stand-in proceeding page in the consultations namespace, for
the calendar tests while ``consultations:proceeding`` is not mounted (``proceeding_pages``
in fixtures_load)."""

from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import format_html

from commonweal import urls as site_urls
from commonweal.consultations import urls_calendar


def _proceeding_stand_in(request, pk: int):
    from commonweal.consultations.models import Proceeding

    return HttpResponse(format_html("<h1>{}</h1>", Proceeding.objects.get(pk=pk).title))


# The consultations namespace with the calendar and the stand-in first (the first
# namespace of a name wins), then the site's own addresses.
urlpatterns = [
    path(
        "consultations/",
        include(
            (
                [
                    path("<int:pk>/", _proceeding_stand_in, name="proceeding"),
                    path("calendar/", include(urls_calendar)),
                ],
                "consultations",
            )
        ),
    ),
    *site_urls.urlpatterns,
]
