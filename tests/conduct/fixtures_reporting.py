"""Helpers for the reporter's pages: filing through the form, reading the receipt off the
page it is shown on once, and opening the case with it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

WHAT = "He mocked my accent in the Tuesday session, twice, and others laughed."
RECEIPT = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){4}\b")
HIDDEN_RECEIPT = re.compile(r'<input type="hidden" name="receipt" value="[^"]*">')


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def report_fields(**fields) -> dict:
    values = {
        "kind": "harassment",
        "what": WHAT,
        "when": "Tuesday afternoon",
        "place": "elsewhere",
        "elsewhere": "the corridor by room 3",
        "who": "a delegate in a green scarf",
        "identity": "anonymous",
    }
    values.update(fields)
    return values


def report_post(client, **fields):
    """File a report through the form; the response and the receipt it shows."""
    response = client.post(reverse("conduct:report"), report_fields(**fields))
    found = RECEIPT.search(response.content.decode())
    return response, found.group(0) if found else None


def case_post(client, receipt: str, name: str = "conduct:followup", *, args=(), **fields):
    return client.post(reverse(name, args=args), {"receipt": receipt, **fields})


def visible(response) -> str:
    """The page without the hidden fields that carry the receipt on."""
    return HIDDEN_RECEIPT.sub("", response.content.decode())


def media_bytes(root) -> bytes:
    return b"".join(path.read_bytes() for path in root.rglob("*") if path.is_file())
