"""Addresses of the cases side of conduct."""

urlpatterns: list = []
