"""Addresses of the alerts part of consultations (mounted at /consultations/follows/)."""

from django.urls import path

from commonweal.consultations import views_alerts

urlpatterns = [
    path("", views_alerts.follows_page, name="follows"),
    path("follow/", views_alerts.follow, name="follow"),
    path("flag/", views_alerts.flag, name="flag"),
    path("alerts/", views_alerts.alerts, name="alerts"),
]
