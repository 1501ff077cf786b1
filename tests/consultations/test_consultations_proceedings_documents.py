"""A proceeding's documents: uploads checked to be what their name says, links shown as
links, files given out as downloads only where the proceeding may be seen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from commonweal.consultations.models import Document
from commonweal.consultations.services.proceedings import (
    ProceedingError,
    content_matches,
    document_add,
)
from tests.consultations.fixtures_proceedings import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_proceedings import PDF, docx_bytes, login, upload


def _add(proceeding, name: str, content: bytes):
    return document_add(proceeding=proceeding, title=name, upload=upload(name, content))


def test_a_pdf_and_a_docx_are_kept_and_given_out_as_downloads(client, open_proceeding, media):
    pdf = _add(open_proceeding, "policy draft.pdf", PDF)
    _add(open_proceeding, "annex.docx", docx_bytes())
    response = client.get(reverse("consultations:document", kwargs={"pk": pdf.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert " " not in response["Content-Disposition"].split("filename=")[1]
    assert b"".join(response.streaming_content) == PDF


def test_an_html_document_is_never_served_as_a_page(client, open_proceeding, media):
    html = _add(open_proceeding, "notes.html", b"<script>alert(1)</script>")
    response = client.get(reverse("consultations:document", kwargs={"pk": html.pk}))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.pdf", b"", "The file is empty."),
        ("fake.pdf", b"<html>", "not a PDF file"),
        ("fake.docx", b"%PDF-1.4", "not a DOCX file"),
        ("tool.exe", b"MZ", "one of these kinds of file"),
        ("binary.txt", b"abc\x00def", "not a TXT file"),
    ],
)
def test_a_bad_upload_is_refused_in_words_and_nothing_is_written(
    open_proceeding, media, name, content, says
):
    with pytest.raises(ProceedingError, match=says):
        _add(open_proceeding, name, content)
    assert not Document.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_the_upload_limit_comes_from_the_setting(open_proceeding, media, settings):
    settings.CONSULTATION_UPLOAD_MB = 1
    with pytest.raises(ProceedingError, match="1 MB at most"):
        _add(open_proceeding, "big.txt", b"a" * (1024 * 1024 + 1))


def test_a_link_shows_as_an_external_link(client, open_proceeding):
    document_add(proceeding=open_proceeding, title="Background", url="https://example.org/bg")
    page = client.get(open_proceeding.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/bg" rel="noopener"' in page


def test_a_draft_proceedings_file_is_not_found_by_the_public(
    client, make_proceeding, role_users, media
):
    draft = make_proceeding(published=False)
    stored = _add(draft, "secret.pdf", PDF)
    url = reverse("consultations:document", kwargs={"pk": stored.pk})
    assert client.get(url).status_code == 404
    assert login(client, role_users["participant"]).get(url).status_code == 404
    assert login(client, role_users["secretariat"]).get(url).status_code == 200


def test_the_form_shows_a_refused_upload_as_a_readable_error(
    client, role_users, open_proceeding, media
):
    login(client, role_users["secretariat"])
    response = client.post(
        reverse("consultations:document_add", kwargs={"pk": open_proceeding.pk}),
        {"title": "Empty", "language": "en", "file": upload("empty.docx", b"")},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


@given(st.binary(max_size=200))
def test_only_bytes_starting_as_a_pdf_pass_as_a_pdf(data):
    assert content_matches("pdf", [data]) == data.startswith(b"%PDF-")


@given(st.text(max_size=200).filter(lambda text: "\x00" not in text), st.integers(1, 7))
def test_any_utf8_text_passes_as_text_however_it_is_cut_into_chunks(text, size):
    data = text.encode()
    chunks = [data[start : start + size] for start in range(0, len(data), size)] or [b""]
    assert content_matches("md", chunks)


@given(st.binary(min_size=1, max_size=200))
def test_text_kinds_refuse_what_is_not_utf8(data):
    try:
        data.decode()
    except UnicodeDecodeError:
        assert not content_matches("csv", [data])
