"""Addresses of the delivery part of consultations."""

urlpatterns: list = []
