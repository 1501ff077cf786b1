"""Answering with a file: the one place that sets a download's name and type.

Every page that offers a file (a CSV table, a JSON record, a zip, a Pabulib file)
answers through these helpers, so each download is named, typed, marked
``nosniff`` and, for CSV, safe to open in a spreadsheet.

A file that grows with a meeting's or a registry's size is *streamed*: the
``*_stream`` helpers turn rows, records or files into chunks of bytes as they are
read, and ``streaming_download`` sends them, so the server holds one chunk at a
time, never the whole file.

A CSV offered on a page names its columns in the reader's language (``csv_header``,
called while the request's language is active, before a streamed body is read);
its cells keep machine values: numbers with a "." and no grouping, ISO dates, codes.
The command line, run in English, writes the columns' codes, and JSON, ConvoKit and
Pabulib files keep their documented keys in every language.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from commonweal.spreadsheets import csv_text, neutralise

CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
ZIP = "application/zip"


# Bytes gathered before a streamed download sends them on: big enough that a row is not a
# network write, small enough that memory stays flat.
STREAM_CHUNK = 64 * 1024


def _as_attachment(response, filename: str):
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_download(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    """The response that makes a browser save ``content`` as ``filename``."""
    return _as_attachment(HttpResponse(content, content_type=content_type), filename)


def streaming_download(
    chunks: Iterable[str | bytes], *, filename: str, content_type: str
) -> StreamingHttpResponse:
    """``file_download`` for a file sent as it is made: text chunks are sent as UTF-8."""
    encoded = (chunk.encode() if isinstance(chunk, str) else chunk for chunk in chunks)
    return _as_attachment(
        StreamingHttpResponse(_gathered(encoded), content_type=content_type), filename
    )


def _gathered(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The same bytes in pieces of about ``STREAM_CHUNK``."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= STREAM_CHUNK:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def text_stream(text: str, *, size: int = STREAM_CHUNK) -> Iterator[str]:
    """A text already in memory in slices, so that its encoded copy is never whole."""
    for start in range(0, len(text), size):
        yield text[start : start + size]


def csv_header(columns: Iterable[str], headings: Mapping[str, object]) -> list[str]:
    """The header row of a CSV: each column's heading in the active language, where
    ``headings`` maps its code to a lazily translated name (a column it does not name keeps
    its code). English names are the codes themselves, so an English file reads as before."""
    return [str(headings.get(column, column)) for column in columns]


def csv_stream(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """``spreadsheets.csv_text`` line by line: the same text, cells neutralised."""
    line = io.StringIO()
    writer = csv.writer(line)
    for cells in _with_header(header, rows):
        writer.writerow(cells)
        yield line.getvalue()
        line.seek(0)
        line.truncate()


def _with_header(header, rows) -> Iterator[list[object]]:
    yield list(header)
    for row in rows:
        yield [neutralise(value) for value in row]


def json_stream(
    members: Iterable[tuple[str, object]], *, streamed: Iterable[str] = (), indent: int = 1
) -> Iterator[str]:
    """A JSON object written member by member, the same text as ``json.dumps(dict(members),
    ensure_ascii=False, indent=indent)``. The members named in ``streamed`` are lists given
    as iterables, written item by item; each value is read only when its turn comes."""
    streamed = set(streamed)
    empty = True
    for key, value in members:
        yield ("{" if empty else ",") + "\n" + " " * indent + _dumps(key, 0, indent) + ": "
        if key in streamed:
            yield from _list_stream(value, 1, indent)
        else:
            yield _dumps(value, 1, indent)
        empty = False
    yield "{}" if empty else "\n}"


def _list_stream(items: Iterable[object], level: int, indent: int) -> Iterator[str]:
    empty = True
    for item in items:
        yield ("[" if empty else ",") + "\n" + " " * (indent * (level + 1))
        yield _dumps(item, level + 1, indent)
        empty = False
    yield "[]" if empty else "\n" + " " * (indent * level) + "]"


def _dumps(value: object, level: int, indent: int) -> str:
    """``value`` as it reads nested ``level`` deep in an indented document: JSON strings
    escape their line breaks, so every line break in the text is the layout's."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text.replace("\n", "\n" + " " * (indent * level)) if level else text


def zip_stream(files: Iterable[tuple[str, Iterable[str | bytes]]]) -> Iterator[bytes]:
    """A deflated zip of ``(name, chunks)`` files, given out as it is written. Written to a
    stream that cannot seek, so each file's sizes follow its data (a zip data descriptor)
    and nothing is held but the chunk in hand."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in files:
            with archive.open(name, "w") as member:
                for chunk in chunks:
                    member.write(chunk.encode() if isinstance(chunk, str) else chunk)
                    yield from sink.take()
            yield from sink.take()
    yield from sink.take()


class _Sink(io.RawIOBase):
    """A write-only stream whose bytes are taken away as they come (no ``seek``/``tell``)."""

    def __init__(self) -> None:
        super().__init__()
        self._pending = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pending += data
        return len(data)

    def take(self) -> Iterator[bytes]:
        """What was written since the last take, if anything."""
        if self._pending:
            yield bytes(self._pending)
            self._pending.clear()


def csv_download(
    *, filename: str, header: Iterable[str], rows: Iterable[Iterable[object]]
) -> HttpResponse:
    """A CSV table whose cells a spreadsheet will not run as formulas."""
    return file_download(csv_text(header, rows), filename=filename, content_type=CSV)


def csv_streaming_download(
    *, filename: str, header: Iterable[str], rows: Iterable[Iterable[object]]
) -> StreamingHttpResponse:
    """``csv_download`` sent row by row."""
    return streaming_download(csv_stream(header, rows), filename=filename, content_type=CSV)


def json_download(data: object, *, filename: str, indent: int = 1) -> HttpResponse:
    """A JSON document, written with its text as it is (no ``\\u`` escapes)."""
    return file_download(
        json.dumps(data, ensure_ascii=False, indent=indent), filename=filename, content_type=JSON
    )
