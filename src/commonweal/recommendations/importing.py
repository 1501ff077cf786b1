"""Importing recommendations from a spreadsheet saved as CSV.

The whole file is checked before anything is written, and every problem is
reported as ``FILE: row N: field: message``, where N is the row number the
spreadsheet shows (the header is row 1). A file with any problem writes nothing
(docs/formats.md, "Recommendations CSV and JSON", says which columns are read
and what each accepts).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.community.models import StakeholderGroup
from commonweal.recommendations.exporting import EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS
from commonweal.recommendations.models import Objective, Recommendation, Source
from commonweal.recommendations.services import (
    LifecycleError,
    recommendation_assess,
    recommendation_create,
    source_ensure,
    translation_set,
)
from commonweal.spreadsheets import FORMULA_PREFIXES

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_TEXT = 20_000
REQUIRED_COLUMNS = ("reference", "title", "text", "source_kind", "source_body", "source_document")
# A recommendation in one of these can still be changed by a file; later ones are the
# community's record (voted on, decided), and a row that would change them is refused.
OPEN_STATUSES = (Recommendation.Status.RECEIVED, Recommendation.Status.ASSESSED)

REFERENCE = re.compile(r"^[^\s,;]{1,40}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
TRANSLATION_COLUMN = re.compile(r"^(title|text)_(.+)$")
SEPARATOR = re.compile(r"[;,]")
# Short codes people write, as the site's languages (what Recommendation.translation() finds).
LANGUAGE_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-tw": "zh-hant"}
TRUE = {"yes", "y", "true", "1", "x", "是"}
FALSE = {"no", "n", "false", "0", "", "否"}
MAX_DIGITS_BEFORE_POINT = 12
# Bytes that text in UTF-8 or GB18030 does not contain, other than tab, CR and LF.
_CONTROL_BYTES = [
    bytes([code]) for code in (*range(1, 9), 11, 12, *range(14, 32), 127)
]  # the model's DecimalField(max_digits=14, decimal_places=2)


class RecommendationImportError(Exception):
    """A file that cannot be imported; ``problems`` holds every "row N: field: message"."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assessed: int = 0
    references: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Row:
    number: int
    reference: str = ""
    title: str = ""
    text: str = ""
    language: str = ""
    source_kind: str = ""
    source_body: str = ""
    source_document: str = ""
    source_url: str = ""
    source_group: StakeholderGroup | None = None
    objectives: list[Objective] | None = None
    one_time_cost: Decimal | None = None
    recurring_cost: Decimal | None = None
    implementation_years: int | None = None
    depends_on: list[str] | None = None
    owner: str = ""
    received_at: datetime.datetime | None = None
    illustrative: bool | None = None
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)
    existing: Recommendation | None = None
    changed: bool = True

    @property
    def costed(self) -> bool:
        return self.one_time_cost is not None and self.recurring_cost is not None


def recommendations_import(*, data: bytes, source_name: str, by=None) -> ImportResult:
    """Add or update the file's recommendations, all of them or none.

    A row whose reference exists updates that recommendation while it is still
    received or assessed; a later one must match the row exactly (then it counts
    as unchanged), or the row is an error. Empty optional cells leave what is
    stored. Rows with both costs are assessed through ``recommendation_assess``.
    """
    text = _decode(data, source_name)
    header, records = _records(text, source_name)
    problems: list[str] = []
    rows = _check_rows(header, records, problems)
    _check_existing(rows, problems)
    _check_dependencies(rows, problems)
    if problems:
        raise RecommendationImportError(source_name, _sorted(problems))
    return _write(rows, source_name, by)


def _fail(source: str, message: str, row: int = 1, column: str = "file"):
    raise RecommendationImportError(source, [f"row {row}: {column}: {message}"])


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        _fail(
            source,
            _("the file is larger than %(size)d MB") % {"size": MAX_IMPORT_BYTES // 1024 // 1024},
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
        if (
            data.count(b"\x00")
            or sum(data.count(byte) for byte in _CONTROL_BYTES) > len(data) // 100
        ):
            _fail(source, _("binary data, not a CSV spreadsheet"))
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        _fail(
            source,
            _("not text in UTF-8, UTF-16 or GB18030; save the spreadsheet as CSV UTF-8"),
        )
    text = text.lstrip("\ufeff")
    if not text.strip():
        _fail(source, _("the file is empty"))
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    if "\x00" in text or controls > len(text) // 100:
        _fail(source, _("binary data, not a CSV spreadsheet"))
    return text


def _delimiter(text: str) -> str:
    """Comma, semicolon (spreadsheets in many locales) or tab: whichever the header uses most."""
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ","))
    return best if counts[best] else ","


def _records(text: str, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    number = 0
    records: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, [])
        number = 1
        for number, record in enumerate(reader, start=2):  # noqa: B007  (kept for the error)
            if not any(cell.strip() for cell in record):
                continue
            if len(records) >= MAX_IMPORT_ROWS:
                message = ngettext(
                    "more than %(count)d row; split the file",
                    "more than %(count)d rows; split the file",
                    MAX_IMPORT_ROWS,
                ) % {"count": MAX_IMPORT_ROWS}
                _fail(source, message, number)
            records.append((number, record))
    except csv.Error as error:
        _fail(source, _("not readable as CSV (%(error)s)") % {"error": error}, number + 1)
    columns = [_column_name(cell) for cell in header]
    _check_header(columns, source)
    if not records:
        _fail(source, _("the file has a header but no rows"), 2, "file")
    return columns, records


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().split())


def _translation_language(column: str) -> str | None:
    match = TRANSLATION_COLUMN.match(column)
    if not match:
        return None
    language = match.group(2).replace("_", "-")
    language = LANGUAGE_ALIASES.get(language, language)
    return language if LANGUAGE.match(language) else None


def _check_header(columns: list[str], source: str) -> None:
    known = set(IMPORT_COLUMNS) | set(EXPORT_ONLY_COLUMNS)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    unknown = [
        name
        for name in columns
        if name and name not in known and _translation_language(name) is None
    ]
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    parts = []
    if missing:
        parts.append(_("missing columns %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        parts.append(_("unknown columns %(columns)s") % {"columns": ", ".join(unknown[:10])})
    if repeated:
        parts.append(_("repeated columns %(columns)s") % {"columns": ", ".join(repeated)})
    if parts:
        _fail(
            source,
            _("%(problems)s (the columns are listed in docs/formats.md)")
            % {"problems": "; ".join(parts)},
            column="header",
        )


def _cell(value: str) -> str:
    """The cell's text, with the apostrophe our export puts before a formula taken off."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        value = value[1:]
    return value


def _check_rows(
    header: list[str], records: list[tuple[int, list[str]]], problems: list[str]
) -> list[_Row]:
    objectives = {objective.code: objective for objective in Objective.objects.all()}
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    first_row_of: dict[str, int] = {}
    rows = []
    for number, record in records:
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            message = ngettext(
                "%(cells)d cell, but the header names %(columns)d",
                "%(cells)d cells, but the header names %(columns)d",
                len(record),
            ) % {"cells": len(record), "columns": len(header)}
            problems.append(f"row {number}: file: {message}")
            continue
        cells = {name: _cell(value) for name, value in zip(header, record, strict=False) if name}
        row = _check_row(number, cells, objectives, groups, problems)
        if row.reference:
            if row.reference in first_row_of:
                message = _("%(reference)s is also on row %(row)d") % {
                    "reference": row.reference,
                    "row": first_row_of[row.reference],
                }
                problems.append(f"row {number}: reference: {message}")
            else:
                first_row_of[row.reference] = number
        rows.append(row)
    return rows


def _check_row(number, cells, objectives, groups, problems) -> _Row:  # noqa: C901
    row = _Row(number)

    def problem(column: str, message: str) -> None:
        problems.append(f"row {number}: {column}: {message}")

    def text(column: str, limit: int, *, required: bool = False) -> str:
        value = cells.get(column, "")
        if not value:
            if required:
                problem(column, _("is empty"))
            return ""
        if len(value) > limit:
            message = ngettext(
                "is longer than %(limit)d character (%(length)d)",
                "is longer than %(limit)d characters (%(length)d)",
                limit,
            ) % {"limit": limit, "length": len(value)}
            problem(column, message)
            return ""
        if any(unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in value):
            problem(column, _("contains control characters"))
            return ""
        return value

    row.reference = text("reference", 40, required=True)
    if row.reference and not REFERENCE.match(row.reference):
        problem("reference", _("may not contain spaces, commas or semicolons"))
        row.reference = ""
    row.title = text("title", 300, required=True)
    row.text = text("text", MAX_TEXT, required=True)
    language = text("language", 35).lower()
    language = LANGUAGE_ALIASES.get(language, language)
    if language and not LANGUAGE.match(language):
        problem(
            "language",
            _("%(language)s is not a language code such as en or zh-hans")
            % {"language": repr(language)},
        )
    row.language = language

    kind = text("source_kind", 20, required=True)
    if kind and kind not in Source.Kind.values:
        problem(
            "source_kind",
            _("%(kind)s is not one of %(kinds)s")
            % {"kind": repr(kind), "kinds": ", ".join(Source.Kind.values)},
        )
    row.source_kind = kind
    row.source_body = text("source_body", 200, required=True)
    row.source_document = text("source_document", 300, required=True)
    url = text("source_url", 200)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problem("source_url", _("is not an http or https link"))
            url = ""
    row.source_url = url
    group = text("source_group", 60)
    if group:
        row.source_group = groups.get(group)
        if row.source_group is None:
            problem(
                "source_group",
                _("there is no stakeholder group %(group)s") % {"group": repr(group)},
            )

    codes = _split(text("objectives", 2000))
    if codes is not None:
        unknown = [code for code in codes if code not in objectives]
        if unknown:
            problem(
                "objectives",
                _("unknown code %(codes)s (known: %(known)s)")
                % {
                    "codes": ", ".join(repr(code) for code in unknown),
                    # Translators: said when no objectives are defined yet.
                    "known": ", ".join(objectives) or _("none"),
                },
            )
        row.objectives = [objectives[code] for code in codes if code in objectives]

    row.one_time_cost = _cost(text("one_time_cost", 40), "one_time_cost", problem)
    row.recurring_cost = _cost(text("recurring_cost", 40), "recurring_cost", problem)
    given = {
        "one_time_cost": cells.get("one_time_cost"),
        "recurring_cost": cells.get("recurring_cost"),
    }
    if bool(given["one_time_cost"]) != bool(given["recurring_cost"]):
        missing = "recurring_cost" if given["one_time_cost"] else "one_time_cost"
        problem(missing, _("give both costs or neither"))
    years = text("implementation_years", 10)
    if years:
        if not years.isdigit() or not 1 <= int(years) <= 20:
            problem(
                "implementation_years",
                _("%(years)s is not a whole number from 1 to 20") % {"years": repr(years)},
            )
        else:
            row.implementation_years = int(years)

    row.depends_on = _split(text("depends_on", 2000))
    if row.depends_on and row.reference in row.depends_on:
        problem("depends_on", _("a recommendation cannot depend on itself"))
    row.owner = text("owner", 200)
    received = text("received_at", 40)
    if received:
        row.received_at = _moment(received)
        if row.received_at is None:
            problem(
                "received_at",
                _("%(value)s is not a date such as 2019-03-12") % {"value": repr(received)},
            )
        elif row.received_at > timezone.now():
            problem("received_at", _("is in the future"))
    flag = text("illustrative", 10).lower()
    if flag in TRUE:
        row.illustrative = True
    elif flag and flag not in FALSE:
        problem("illustrative", _("%(value)s is not yes or no") % {"value": repr(flag)})
    elif flag:
        row.illustrative = False

    pairs: dict[str, dict[str, str]] = {}
    for column in cells:
        language = _translation_language(column)
        if language is not None:
            part = column.split("_", 1)[0]
            pairs.setdefault(language, {})[part] = text(
                column, 300 if part == "title" else MAX_TEXT
            )
    for language, parts in sorted(pairs.items()):
        title, body = parts.get("title", ""), parts.get("text", "")
        if not title and not body:
            continue
        if not title or not body:
            problem(
                f"{'title' if not title else 'text'}_{language}",
                _("give the title and the text"),
            )
        elif language == (row.language or "en"):
            problem(f"title_{language}", _("a translation into the original language"))
        else:
            row.translations[language] = (title, body)
    return row


def _split(value: str) -> list[str] | None:
    """A list written in one cell, separated by ; or ,; None when the cell is empty."""
    if not value:
        return None
    items = [item.strip() for item in SEPARATOR.split(value)]
    return list(dict.fromkeys(item for item in items if item))


def _cost(value: str, column: str, problem) -> Decimal | None:
    if not value:
        return None
    plain = value.replace(" ", "").replace("\u00a0", "").replace("_", "")
    try:
        number = Decimal(plain)
    except InvalidOperation:
        problem(
            column,
            _("%(value)s is not a number; write it like 125000.50, without separators")
            % {"value": repr(value)},
        )
        return None
    if not number.is_finite():
        problem(column, _("%(value)s is not a number") % {"value": repr(value)})
        return None
    if number < 0:
        problem(column, _("cannot be negative"))
        return None
    if number >= Decimal(10) ** MAX_DIGITS_BEFORE_POINT:
        problem(column, _("is too large"))
        return None
    if number != number.quantize(Decimal("0.01")):
        problem(column, _("has more than two decimals"))
        return None
    return number.quantize(Decimal("0.01"))


def _moment(value: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        return None
    return moment


def _snapshot(recommendation: Recommendation) -> dict:
    """What a row can say about a stored recommendation, to tell a change from a repeat."""
    return {
        "title": recommendation.title,
        "text": recommendation.text,
        "language": recommendation.language,
        "source": (
            recommendation.source.kind,
            recommendation.source.body,
            recommendation.source.document,
        ),
        "objectives": {objective.code for objective in recommendation.objectives.all()},
        "costs": (recommendation.one_time_cost, recommendation.recurring_cost),
        "implementation_years": recommendation.implementation_years,
        "depends_on": {item.reference for item in recommendation.dependencies.all()},
        "owner": recommendation.owner,
        "illustrative": recommendation.illustrative,
        "translations": {
            item.language: (item.title, item.text) for item in recommendation.translations.all()
        },
    }


def _wanted(row: _Row, current: dict) -> dict:
    """The snapshot the row asks for: its cells where given, what is stored elsewhere."""
    return {
        "title": row.title,
        "text": row.text,
        "language": row.language or current["language"],
        "source": (row.source_kind, row.source_body, row.source_document),
        "objectives": (
            {objective.code for objective in row.objectives}
            if row.objectives is not None
            else current["objectives"]
        ),
        "costs": (row.one_time_cost, row.recurring_cost) if row.costed else current["costs"],
        "implementation_years": row.implementation_years or current["implementation_years"],
        "depends_on": set(row.depends_on) if row.depends_on is not None else current["depends_on"],
        "owner": row.owner or current["owner"],
        "illustrative": (
            row.illustrative if row.illustrative is not None else current["illustrative"]
        ),
        "translations": {**current["translations"], **row.translations},
    }


def _check_existing(rows: list[_Row], problems: list[str]) -> None:
    existing = Recommendation.objects.select_related("source").prefetch_related(
        "objectives", "dependencies", "translations"
    )
    found = existing.in_bulk([row.reference for row in rows], field_name="reference")
    # A row already refused says nothing reliable about what it would change.
    refused = {_row_number(problem) for problem in problems}
    for row in rows:
        row.existing = found.get(row.reference)
        if row.existing is None or row.number in refused:
            continue
        current = _snapshot(row.existing)
        wanted = _wanted(row, current)
        differences = [name for name in current if current[name] != wanted[name]]
        row.changed = bool(differences)
        if differences and row.existing.status not in OPEN_STATUSES:
            message = _(
                "%(reference)s is already “%(status)s” and can no longer be changed by a file "
                "(this row changes %(columns)s)"
            ) % {
                "reference": row.reference,
                "status": row.existing.get_status_display(),
                "columns": ", ".join(differences),
            }
            problems.append(f"row {row.number}: reference: {message}")


def _check_dependencies(rows: list[_Row], problems: list[str]) -> None:
    """Every dependency names a known recommendation, and no chain of them comes back."""
    in_file = {row.reference: row for row in rows}
    stored_edges = Recommendation.dependencies.through.objects.values_list(
        "from_recommendation__reference", "to_recommendation__reference"
    )
    graph: dict[str, set[str]] = {}
    for source, target in stored_edges:
        graph.setdefault(source, set()).add(target)
    stored = set(Recommendation.objects.values_list("reference", flat=True))
    for row in rows:
        if row.depends_on is None:
            continue
        unknown = [ref for ref in row.depends_on if ref not in in_file and ref not in stored]
        if unknown:
            message = _("no recommendation %(references)s in this file or the registry") % {
                "references": ", ".join(unknown)
            }
            problems.append(f"row {row.number}: depends_on: {message}")
        graph[row.reference] = set(row.depends_on) - {row.reference}  # reported above
    reported: set[frozenset[str]] = set()
    for cycle in _cycles(graph, start_from=[row.reference for row in rows]):
        key = frozenset(cycle)
        if key in reported:
            continue
        reported.add(key)
        numbers = [in_file[ref].number for ref in cycle if ref in in_file]
        if not numbers:
            continue
        first = min(numbers)
        message = _("a circle of dependencies: %(cycle)s") % {
            "cycle": " → ".join([*cycle, cycle[0]])
        }
        problems.append(f"row {first}: depends_on: {message}")


def _cycles(graph: dict[str, set[str]], start_from: list[str]) -> list[list[str]]:
    """One cycle per back edge found by an iterative depth-first search."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    cycles = []
    for root in start_from:
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        stack = [iter(sorted(graph.get(root, ())))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            seen = state.get(child)
            if seen == 1:
                cycles.append(path[path.index(child) :])
            elif seen is None:
                state[child] = 1
                path.append(child)
                stack.append(iter(sorted(graph.get(child, ()))))
    return cycles


def _row_number(problem: str) -> int:
    return int(problem.split(":", 1)[0].removeprefix("row "))


def _sorted(problems: list[str]) -> list[str]:
    """Problems in row order (stable within a row)."""
    return sorted(problems, key=_row_number)


def _write(rows: list[_Row], source_name: str, by) -> ImportResult:
    result = ImportResult()
    number = 1
    try:
        with transaction.atomic():
            saved: dict[str, Recommendation] = {}
            for row in rows:
                number = row.number
                saved[row.reference] = _write_row(row, by, result)
            for row in rows:
                number = row.number
                if row.changed and row.depends_on is not None:
                    saved[row.reference].dependencies.set(
                        [
                            saved.get(ref) or Recommendation.objects.get(reference=ref)
                            for ref in row.depends_on
                        ]
                    )
            for row in rows:
                number = row.number
                if row.changed and row.costed:
                    recommendation = saved[row.reference]
                    was_received = recommendation.status == Recommendation.Status.RECEIVED
                    recommendation_assess(
                        recommendation=recommendation,
                        one_time_cost=row.one_time_cost,
                        recurring_cost=row.recurring_cost,
                        implementation_years=row.implementation_years
                        or recommendation.implementation_years,
                        by=by,
                    )
                    result.assessed += was_received
    except (LifecycleError, DatabaseError) as error:
        raise RecommendationImportError(source_name, [f"row {number}: file: {error}"]) from None
    result.references = [row.reference for row in rows]
    return result


def _write_row(row: _Row, by, result: ImportResult) -> Recommendation:
    source = source_ensure(
        kind=row.source_kind,
        body=row.source_body,
        document=row.source_document,
        url=row.source_url,
        group=row.source_group,
    )
    recommendation = row.existing
    if recommendation is None:
        recommendation = recommendation_create(
            reference=row.reference,
            source=source,
            title=row.title,
            text=row.text,
            language=row.language or "en",
            objectives=row.objectives or [],
            owner=row.owner,
            illustrative=bool(row.illustrative),
            received_at=row.received_at,
            by=by,
        )
        result.created += 1
    elif not row.changed:
        result.unchanged += 1
        return recommendation
    else:
        recommendation.title = row.title
        recommendation.text = row.text
        recommendation.language = row.language or recommendation.language
        recommendation.source = source
        recommendation.owner = row.owner or recommendation.owner
        if row.illustrative is not None:
            recommendation.illustrative = row.illustrative
        if row.objectives is not None:
            recommendation.objectives.set(row.objectives)
        result.updated += 1
    if row.implementation_years and not row.costed:
        recommendation.implementation_years = row.implementation_years
    recommendation.save()
    for language, (title, text) in row.translations.items():
        translation_set(recommendation=recommendation, language=language, title=title, text=text)
    return recommendation
