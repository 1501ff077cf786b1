"""Addresses of the calendar part of consultations."""

urlpatterns: list = []
