"""Addresses of the proceedings part of consultations."""

urlpatterns: list = []
