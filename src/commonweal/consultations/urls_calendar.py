"""Addresses of the calendar part of consultations."""

from django.urls import path

from commonweal.consultations import views_calendar

urlpatterns = [
    # ?group=<slug>&month=YYYY-MM
    path("", views_calendar.calendar, name="calendar"),
]
