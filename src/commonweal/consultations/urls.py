"""Consultations' addresses: each part of the app keeps its own list."""

from django.urls import include, path

from commonweal.consultations import (
    urls_alerts,
    urls_calendar,
    urls_delivery,
    urls_feeds,
    urls_proceedings,
)

app_name = "consultations"

urlpatterns = [
    path("", include(urls_proceedings)),
    path("calendar/", include(urls_calendar)),
    path("follows/", include(urls_alerts)),
    path("email/", include(urls_delivery)),
    path("feeds/", include(urls_feeds)),
]
