"""Addresses of the delivery part of consultations (mounted at /consultations/email/)."""

from django.urls import path

from commonweal.consultations import views_delivery

urlpatterns = [
    path("unsubscribe/<str:token>/", views_delivery.unsubscribe, name="unsubscribe"),
]
