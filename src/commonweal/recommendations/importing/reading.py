"""From the file's bytes to its header and rows of text: encoding, delimiter, columns.

Anything that stops the reading refuses the whole file with one problem.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections import Counter

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.recommendations.exporting import (
    EXPORT_ONLY_COLUMNS,
    HEADINGS,
    IMPORT_COLUMNS,
    TRANSLATED_PARTS,
)
from commonweal.recommendations.importing.problems import fail
from commonweal.spreadsheets import FORMULA_PREFIXES

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# The export's columns with a title and a text in a few hundred languages stay far below;
# a wider row is not a registry spreadsheet (and a header checked column by column
# against thousands of others would take minutes).
MAX_COLUMNS = 1000
REQUIRED_COLUMNS = ("reference", "title", "text", "source_kind", "source_body", "source_document")

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Short codes people write, as the site's languages (what Recommendation.translation() finds).
LANGUAGE_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-tw": "zh-hant"}
TRANSLATION_COLUMN = re.compile(r"^(title|text)_(.+)$")
# Bytes that text in UTF-8 or GB18030 does not contain, other than tab, CR and LF.
_CONTROL_BYTES = [bytes([code]) for code in (*range(1, 9), 11, 12, *range(14, 32), 127)]
# Unicode's control characters (category Cc, a fixed set), other than tab, LF and CR:
# one regular expression counts them in a 5 MB file in milliseconds.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Records = list[tuple[int, list[str]]]


def decode(data: bytes, source: str) -> str:
    """The file as text, or an error when it is too large, empty or not text at all."""
    if len(data) > MAX_IMPORT_BYTES:
        fail(
            source,
            _("the file is larger than %(size)d MB") % {"size": MAX_IMPORT_BYTES // 1024 // 1024},
        )
    text = _first_decoding(data, source).lstrip("\ufeff")
    if not text.strip():
        fail(source, _("the file is empty"))
    if "\x00" in text or control_characters(text) > len(text) // 100:
        fail(source, _("binary data, not a CSV spreadsheet"))
    return text


def control_characters(text: str) -> int:
    """How many characters of ``text`` are control characters other than tab, CR and LF."""
    return len(_CONTROL_CHARACTERS.findall(text))


def _first_decoding(data: bytes, source: str) -> str:
    for encoding in _encodings(data, source):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    fail(source, _("not text in UTF-8, UTF-16 or GB18030; save the spreadsheet as CSV UTF-8"))


def _encodings(data: bytes, source: str) -> tuple[str, ...]:
    """The encodings to try, in order; binary data is refused before any is tried."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    control_bytes = sum(data.count(byte) for byte in _CONTROL_BYTES)
    if data.count(b"\x00") or control_bytes > len(data) // 100:
        fail(source, _("binary data, not a CSV spreadsheet"))
    return ("utf-8-sig", "gb18030")


def _delimiter(text: str) -> str:
    """Comma, semicolon (spreadsheets in many locales) or tab: whichever the header uses most."""
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ","))
    return best if counts[best] else ","


def read_records(text: str, source: str) -> tuple[list[str], Records]:
    """The header's column names and every non-empty row with its spreadsheet number."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    header, records = _read(reader, source)
    columns = [column_code(cell) for cell in header]
    _check_header(columns, source)
    if not records:
        fail(source, _("the file has a header but no rows"), 2, "file")
    return columns, records


def _read(reader, source: str) -> tuple[list[str], Records]:
    number = 0
    records: Records = []
    try:
        header = next(reader, [])
        number = 1
        if len(header) > MAX_COLUMNS:
            fail(source, _too_wide(), column="header")
        for number, record in enumerate(reader, start=2):  # noqa: B007  (kept for the error)
            if len(record) > MAX_COLUMNS:
                fail(source, _too_wide(), number)
            if not "".join(record).strip():
                continue
            if len(records) >= MAX_IMPORT_ROWS:
                message = ngettext(
                    "more than %(count)d row; split the file",
                    "more than %(count)d rows; split the file",
                    MAX_IMPORT_ROWS,
                ) % {"count": MAX_IMPORT_ROWS}
                fail(source, message, number)
            records.append((number, record))
    except csv.Error as error:
        fail(source, _("not readable as CSV (%(error)s)") % {"error": error}, number + 1)
    return header, records


def _too_wide() -> str:
    return ngettext(
        "more than %(count)d column; this is not a registry spreadsheet",
        "more than %(count)d columns; this is not a registry spreadsheet",
        MAX_COLUMNS,
    ) % {"count": MAX_COLUMNS}


def column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().split())


def column_code(cell: str) -> str:
    """The code of a header cell, whichever of the site's languages names it: a file
    downloaded from the page in French ("titre", "titre_zh-hans") imports as it was
    exported. A code itself always wins over another language's heading."""
    name = column_name(cell)
    codes = _codes_by_heading()
    if name in codes:
        return codes[name]
    part, separator, language = name.rpartition("_")
    if separator and codes.get(part) in TRANSLATED_PARTS:
        return f"{codes[part]}_{language}"
    return name


@functools.cache
def _codes_by_heading() -> dict[str, str]:
    codes = {code: code for code in HEADINGS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, heading in HEADINGS.items():
                codes.setdefault(column_name(str(heading)), code)
    return codes


def language_code(written: str) -> str:
    """A language as written in a file, as the site names it (``zh`` is ``zh-hans``)."""
    return LANGUAGE_ALIASES.get(written, written)


def translation_language(column: str) -> str | None:
    """The language of a ``title_LANG`` or ``text_LANG`` column; None for any other."""
    match = TRANSLATION_COLUMN.match(column)
    if not match:
        return None
    language = language_code(match.group(2).replace("_", "-"))
    return language if LANGUAGE.match(language) else None


def _check_header(columns: list[str], source: str) -> None:
    known = set(IMPORT_COLUMNS) | set(EXPORT_ONLY_COLUMNS)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    unknown = [
        name
        for name in columns
        if name and name not in known and translation_language(name) is None
    ]
    repeated = sorted(name for name, count in Counter(columns).items() if name and count > 1)
    parts = []
    if missing:
        parts.append(_("missing columns %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        parts.append(_("unknown columns %(columns)s") % {"columns": ", ".join(unknown[:10])})
    if repeated:
        parts.append(_("repeated columns %(columns)s") % {"columns": ", ".join(repeated)})
    if parts:
        fail(
            source,
            _("%(problems)s (the columns are listed in docs/formats.md)")
            % {"problems": "; ".join(parts)},
            column="header",
        )


def cell_text(value: str) -> str:
    """The cell's text, with the apostrophe our export puts before a formula taken off."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        value = value[1:]
    return value
