"""Addresses of the feeds part of consultations."""

urlpatterns: list = []
