"""The glossary as CSV: one row per meaning, the columns in docs/glossary.md.

A term with two meanings over time has two rows; the term's own columns (owner,
related, links, forms) are written on its first row and may be left empty on the
others. Reading checks everything and reports ``FILE:LINE: message``; writing goes
through ``spreadsheets.csv_text``, so no cell runs as a formula when the file is opened
in a spreadsheet (reading takes that apostrophe off again, so a file round-trips).
"""

from __future__ import annotations

import csv
import io

from commonweal.learning.glossary.spec import (
    LANGUAGES,
    MAX_FILE_BYTES,
    MAX_TEXT,
    GlossaryFileError,
    MeaningSpec,
    TermSpec,
    parse_date,
)
from commonweal.spreadsheets import FORMULA_PREFIXES, csv_text

TERM_COLUMNS = ("term", "owner", "related", "links")
MEANING_COLUMNS = ("valid_from", "valid_to")
COLUMNS = (
    *TERM_COLUMNS,
    *MEANING_COLUMNS,
    *(f"forms_{code}" for code in LANGUAGES),
    *(f"expansion_{code}" for code in LANGUAGES),
    *(f"definition_{code}" for code in LANGUAGES),
)
LIST_SEPARATOR = ";"


def _cell(row: dict, column: str) -> str:
    value = (row.get(column) or "").strip()
    if value[:2] in {"'" + prefix for prefix in FORMULA_PREFIXES}:
        return value[1:]  # the apostrophe export put before a formula-like cell
    return value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _links(value: str) -> list[dict[str, str]]:
    """``URL title; URL title``: each link's address, then its title (optional)."""
    links = []
    for part in _split(value):
        url, _space, title = part.partition(" ")
        links.append({"url": url, "title": title.strip()})
    return links


def _term_fields(row: dict) -> dict:
    return {
        "owner": _cell(row, "owner"),
        "related": _split(_cell(row, "related")),
        "links": _links(_cell(row, "links")),
        "local_forms": {
            code: _split(_cell(row, f"forms_{code}"))
            for code in LANGUAGES
            if _cell(row, f"forms_{code}")
        },
    }


def _meaning(row: dict, line: int) -> MeaningSpec:
    return MeaningSpec(
        expansions={
            c: _cell(row, f"expansion_{c}") for c in LANGUAGES if _cell(row, f"expansion_{c}")
        },
        definitions={
            c: _cell(row, f"definition_{c}") for c in LANGUAGES if _cell(row, f"definition_{c}")
        },
        valid_from=parse_date(_cell(row, "valid_from")),
        valid_to=parse_date(_cell(row, "valid_to")),
        line=line,
    )


def _read_rows(text: str, source: str) -> tuple[dict[str, TermSpec], list[str]]:
    terms: dict[str, TermSpec] = {}
    problems = []
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in ("term",) if column not in (reader.fieldnames or ())]
    unknown = [column for column in reader.fieldnames or () if column not in COLUMNS]
    if missing or unknown:
        return {}, [f"{source}:1: unknown or missing columns: {', '.join(missing + unknown)}"]
    for row in reader:
        line = reader.line_num
        if None in row or any(len(value or "") > MAX_TEXT for value in row.values()):
            problems.append(
                f"{source}:{line}: too many cells, or a cell over {MAX_TEXT} characters"
            )
            continue
        written = _cell(row, "term")
        try:
            meaning = _meaning(row, line)
        except ValueError:
            problems.append(f"{source}:{line}: a date must be written YYYY-MM-DD")
            continue
        fields = _term_fields(row)
        if written not in terms:
            terms[written] = TermSpec(written=written, line=line, **fields)
        elif any(fields[key] and fields[key] != getattr(terms[written], key) for key in fields):
            problems.append(
                f"{source}:{line}: {written}: owner, related, links and forms differ from "
                f"line {terms[written].line}"
            )
        terms[written].meanings.append(meaning)
    return terms, problems


def glossary_read_csv(data: bytes, source: str) -> list[TermSpec]:
    """The terms of a CSV file (UTF-8, with or without its byte-order mark)."""
    if len(data) > MAX_FILE_BYTES:
        raise GlossaryFileError([f"{source}:0: the file is over {MAX_FILE_BYTES:,} bytes"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryFileError([f"{source}:0: the file is not UTF-8 ({error.reason})"]) from None
    try:
        terms, problems = _read_rows(text, source)
    except csv.Error as error:
        raise GlossaryFileError([f"{source}:0: {error}"]) from None
    if problems:
        raise GlossaryFileError(problems)
    return list(terms.values())


def _row(term: TermSpec, meaning: MeaningSpec, first: bool) -> list[str]:
    own = {
        "term": term.written,
        "owner": term.owner if first else "",
        "related": f"{LIST_SEPARATOR} ".join(term.related) if first else "",
        "links": f"{LIST_SEPARATOR} ".join(
            f"{link['url']} {link['title']}".strip() for link in term.links
        )
        if first
        else "",
        "valid_from": meaning.valid_from.isoformat() if meaning.valid_from else "",
        "valid_to": meaning.valid_to.isoformat() if meaning.valid_to else "",
    }
    for code in LANGUAGES:
        own[f"forms_{code}"] = (
            f"{LIST_SEPARATOR} ".join(term.local_forms.get(code, [])) if first else ""
        )
        own[f"expansion_{code}"] = meaning.expansions.get(code, "")
        own[f"definition_{code}"] = meaning.definitions.get(code, "")
    return [own[column] for column in COLUMNS]


def glossary_write_csv(terms: list[TermSpec]) -> str:
    rows = []
    for term in terms:
        for index, meaning in enumerate(term.meanings):
            rows.append(_row(term, meaning, first=index == 0))
    return csv_text(COLUMNS, rows)
