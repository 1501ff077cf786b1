"""Word (.docx) and PDF transcripts: extract the text, then parse it like a .txt.

A .docx is a zip archive; its members' declared sizes are checked before anything is
inflated, so a decompression bomb is refused in milliseconds instead of filling memory.
"""

from __future__ import annotations

import logging
import zipfile

from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.readers.bounds import MAX_BYTES, MAX_PDF_PAGES

MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # Word documents compress about 5-20 times; zeros compress 1000 times


def check_archive(path: str) -> None:
    """Refuse a zip that is not one, or whose contents would inflate beyond reason."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    # NotImplementedError: a member "needs" a zip version from the future (found by fuzzing).
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise TranscriptError(path, "not a .docx file (not a readable zip archive)") from None
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED_BYTES:
        raise TranscriptError(
            path,
            f"refused: the archive would inflate to {inflated / 1024 / 1024:.0f} MB "
            "(a decompression bomb?)",
        )
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            raise TranscriptError(
                path,
                f"refused: compressed {ratio} times (a decompression bomb?)",
                field=member.filename,
            )
    if "word/document.xml" not in {member.filename for member in members}:
        raise TranscriptError(path, "not a .docx file (no word/document.xml)")


def read_docx(path: str) -> str:
    check_archive(path)
    import docx  # python-docx; imported here so text transcripts never pay for it

    try:
        document = docx.Document(path)
    except Exception as error:  # python-docx raises many types for a broken file
        raise TranscriptError(path, f"not a readable .docx file ({type(error).__name__})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines = []
    # Body order matters: some exports lay labels and speech out as table rows between
    # ordinary paragraphs.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append("  ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _check_page_tree(reader, path: str) -> None:
    """Refuse more than MAX_PDF_PAGES pages, or a page tree that loops, by walking it
    before pypdf does: pypdf's own walk takes seconds per thousand pages."""
    stack = [reader.trailer["/Root"]["/Pages"]]
    seen: set[int] = set()
    count = 0
    while stack:
        node = stack.pop()
        if hasattr(node, "idnum"):  # a reference: follow it once
            if node.idnum in seen:
                raise TranscriptError(path, "not a readable PDF (its page tree loops)")
            seen.add(node.idnum)
        node = node.get_object()
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            count += 1
        else:
            stack.extend(kids.get_object())
        if count + len(stack) > MAX_PDF_PAGES:
            raise TranscriptError(path, f"more than {MAX_PDF_PAGES:,} pages; refused")


def read_pdf(path: str) -> str:
    import pypdf

    # pypdf logs recoverable problems; the command prints one line, not a warning stream.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = pypdf.PdfReader(path)
        _check_page_tree(reader, path)
        pages = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_BYTES:
                raise TranscriptError(
                    path, f"more than {MAX_BYTES // 2**20} MB of text", field=f"page {len(pages)}"
                )
    except TranscriptError:
        raise
    except Exception as error:  # pypdf raises many types for a malformed file
        raise TranscriptError(path, f"not a readable PDF ({type(error).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise TranscriptError(path, "the PDF has no text layer (scanned pages are not read)")
    return text
