"""Absolute addresses, for what is read away from the site: emails, feeds, calendars.

``SITE_URL`` (``COMMONWEAL_SITE_URL``) is the site's public address; a development
machine without one links to the development server.
"""

from __future__ import annotations

from django.conf import settings

DEVELOPMENT_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or DEVELOPMENT_URL).rstrip("/")


def absolute(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) on the site's address; an
    address that is absolute already is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + path
