"""Addresses of the alerts part of consultations."""

urlpatterns: list = []
