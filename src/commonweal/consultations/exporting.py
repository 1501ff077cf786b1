"""The files a proceeding's page offers: an uploaded document, and its published
submissions as CSV for a spreadsheet and JSON for programs (``commonweal-submissions/1``).

Only published submissions are in them, the same that the proceeding's page shows;
a CSV cell that a spreadsheet would run as a formula is neutralised (core/downloads.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.text import get_valid_filename
from django.utils.translation import pgettext_lazy

from commonweal.consultations.models import Document, Proceeding, Submission
from commonweal.consultations.selectors import submissions_published
from commonweal.core.downloads import (
    csv_header,
    csv_streaming_download,
    json_download,
    streaming_download,
)

FORMAT = "commonweal-submissions/1"
COLUMNS = (
    "id",
    "proceeding",
    "author",
    "on_behalf_of",
    "language",
    "submitted_at",
    "published_at",
    "text",
    "report_response",
    "url",
)
# Translators: columns of a downloaded CSV file; the English is the column's code.
HEADINGS = {
    "id": pgettext_lazy("CSV column", "id"),
    "proceeding": pgettext_lazy("CSV column", "proceeding"),
    "author": pgettext_lazy("CSV column", "author"),
    "on_behalf_of": pgettext_lazy("CSV column", "on_behalf_of"),
    "language": pgettext_lazy("CSV column", "language"),
    "submitted_at": pgettext_lazy("CSV column", "submitted_at"),
    "published_at": pgettext_lazy("CSV column", "published_at"),
    "text": pgettext_lazy("CSV column", "text"),
    "report_response": pgettext_lazy("CSV column", "report_response"),
    "url": pgettext_lazy("CSV column", "url"),
}


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def submission_record(submission: Submission, *, site_url: str) -> dict:
    """One published submission, keyed by ``COLUMNS``; the report's answer only once the
    report is published."""
    reported = submission.proceeding.report_published_at is not None
    group = submission.on_behalf_of
    return {
        "id": submission.pk,
        "proceeding": submission.proceeding_id,
        "author": submission.author_name,
        "on_behalf_of": group.slug if group is not None else None,
        "language": submission.language,
        "submitted_at": _iso(submission.submitted_at),
        "published_at": _iso(submission.published_at),
        "text": submission.text,
        "report_response": submission.response if reported else "",
        "url": site_url + submission.get_absolute_url(),
    }


def submission_records(proceeding: Proceeding, *, site_url: str) -> Iterator[dict]:
    for submission in submissions_published(proceeding).select_related("proceeding"):
        yield submission_record(submission, site_url=site_url)


def _filename(proceeding: Proceeding, extension: str) -> str:
    return f"proceeding-{proceeding.pk}-submissions.{extension}"


def submissions_csv_download(proceeding: Proceeding, *, site_url: str):
    rows = (
        ["" if record[c] is None else record[c] for c in COLUMNS]
        for record in submission_records(proceeding, site_url=site_url)
    )
    return csv_streaming_download(
        filename=_filename(proceeding, "csv"), header=csv_header(COLUMNS, HEADINGS), rows=rows
    )


def proceeding_record(proceeding: Proceeding, *, site_url: str) -> dict:
    return {
        "id": proceeding.pk,
        "title": proceeding.title,
        "language": proceeding.language,
        "status": proceeding.status(),
        "opens_on": proceeding.opens_on.isoformat(),
        "closes_on": proceeding.closes_on.isoformat(),
        "first_closes_on": _iso(proceeding.first_closes_on),
        "groups": sorted(proceeding.groups.values_list("slug", flat=True)),
        "report_published_at": _iso(proceeding.report_published_at),
        "url": site_url + proceeding.get_absolute_url(),
    }


def submissions_json_download(proceeding: Proceeding, *, site_url: str):
    data = {
        "format": FORMAT,
        "proceeding": proceeding_record(proceeding, site_url=site_url),
        "submissions": list(submission_records(proceeding, site_url=site_url)),
    }
    return json_download(data, filename=_filename(proceeding, "json"))


# Uploaded documents are always saved, never shown in the browser: a text type where
# it is one, else bytes (an HTML document is never run on this site's address).
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


def document_download(document: Document):
    """An uploaded document as an attachment, under a name safe on every system."""
    name = get_valid_filename(document.file.name.rsplit("/", 1)[-1]) or "document"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    handle = document.file.open("rb")

    def chunks():
        with handle:  # closed when the response is done, or dropped
            yield from iter(lambda: handle.read(64 * 1024), b"")

    return streaming_download(
        chunks(),
        filename=name,
        content_type=DOCUMENT_TYPES.get(extension, "application/octet-stream"),
    )
