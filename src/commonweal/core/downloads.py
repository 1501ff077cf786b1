"""Answering with a file: the one place that sets a download's name and type.

Every page that offers a file (a CSV table, a JSON record, a zip, a Pabulib file)
answers through these helpers, so each download is named, typed, marked
``nosniff`` and, for CSV, safe to open in a spreadsheet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from commonweal.spreadsheets import csv_text

CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
ZIP = "application/zip"


def file_download(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    """The response that makes a browser save ``content`` as ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_download(
    *, filename: str, header: Iterable[str], rows: Iterable[Iterable[object]]
) -> HttpResponse:
    """A CSV table whose cells a spreadsheet will not run as formulas."""
    return file_download(csv_text(header, rows), filename=filename, content_type=CSV)


def json_download(data: object, *, filename: str, indent: int = 1) -> HttpResponse:
    """A JSON document, written with its text as it is (no ``\\u`` escapes)."""
    return file_download(
        json.dumps(data, ensure_ascii=False, indent=indent), filename=filename, content_type=JSON
    )
