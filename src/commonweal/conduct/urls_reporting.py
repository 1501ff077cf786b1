"""Addresses of the reporting side of conduct."""

urlpatterns: list = []
