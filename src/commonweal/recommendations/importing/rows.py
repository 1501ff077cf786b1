"""Checking each row of a file: one small check per column, each naming what is wrong.

Lengths, the reference pattern, the kinds of source and the limits of numbers are
read from the models, so a file is held to exactly what the registry stores.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.community.models import StakeholderGroup
from commonweal.recommendations.importing.problems import problem_line
from commonweal.recommendations.importing.reading import (
    LANGUAGE,
    Records,
    cell_text,
    control_characters,
    language_code,
    translation_language,
)
from commonweal.recommendations.models import (
    REFERENCE_PATTERN,
    Objective,
    Recommendation,
    RecommendationTranslation,
    Source,
)


def _max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def _bounds(model: type[models.Model], name: str) -> tuple[int, int]:
    """The smallest and the largest value the field's validators accept."""
    validators = model._meta.get_field(name).validators
    low = max(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = min(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return low, high


# A text field of the model has no length of its own; this is the most a file gives it.
MAX_TEXT = 20_000
# The longest text each column may hold. A column stored as written holds what its
# model field holds; the others are read as lists, numbers, dates or flags, and their
# limit only keeps a pasted paragraph out.
CELL_LIMITS = {
    "reference": _max_length(Recommendation, "reference"),
    "title": _max_length(Recommendation, "title"),
    "text": MAX_TEXT,
    "language": _max_length(Recommendation, "language"),
    "source_kind": _max_length(Source, "kind"),
    "source_body": _max_length(Source, "body"),
    "source_document": _max_length(Source, "document"),
    "source_url": _max_length(Source, "url"),
    "source_group": _max_length(StakeholderGroup, "slug"),
    "objectives": 2000,
    "one_time_cost": 40,
    "recurring_cost": 40,
    "implementation_years": 10,
    "depends_on": 2000,
    "owner": _max_length(Recommendation, "owner"),
    "received_at": 40,
    "illustrative": 10,
}
TRANSLATION_LIMITS = {"title": _max_length(RecommendationTranslation, "title"), "text": MAX_TEXT}

REFERENCE = re.compile(REFERENCE_PATTERN)
SEPARATOR = re.compile(r"[;,]")
TRUE = {"yes", "y", "true", "1", "x", "是"}
FALSE = {"no", "n", "false", "0", "", "否"}
YEARS = _bounds(Recommendation, "implementation_years")
_COST_FIELD = Recommendation._meta.get_field("one_time_cost")
MAX_DIGITS_BEFORE_POINT = _COST_FIELD.max_digits - _COST_FIELD.decimal_places
CENT = Decimal(1).scaleb(-_COST_FIELD.decimal_places)
# A cost as people and spreadsheets write it: digits (any script's), a point and decimals,
# and at most a two-digit exponent (a narrow column saves 1.25E+11). Not NaN, Infinity or
# an exponent of millions, which Decimal would read but no one writes for money.
PLAIN_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,2})?")


@dataclass
class ImportRow:
    """What one row asks for, once checked; None where an optional cell is empty."""

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


class RowCells:
    """One row's cells by column name, and the list its problems go to."""

    def __init__(self, number: int, cells: dict[str, str], problems: list[str]):
        self.number = number
        self.cells = cells
        self.problems = problems

    def given(self, column: str) -> bool:
        return bool(self.cells.get(column))

    def problem(self, column: str, message: str) -> None:
        self.problems.append(problem_line(self.number, column, message))

    def text(self, column: str, *, required: bool = False, limit: int | None = None) -> str:
        """The cell's text; empty, with a problem noted, when it is missing or unusable."""
        value = self.cells.get(column, "")
        limit = limit or CELL_LIMITS[column]
        if not value:
            if required:
                self.problem(column, _("is empty"))
            return ""
        if len(value) > limit:
            message = ngettext(
                "is longer than %(limit)d character (%(length)d)",
                "is longer than %(limit)d characters (%(length)d)",
                limit,
            ) % {"limit": limit, "length": len(value)}
            self.problem(column, message)
            return ""
        if control_characters(value):
            self.problem(column, _("contains control characters"))
            return ""
        return value


@dataclass
class _Taxonomy:
    """The objectives and stakeholder groups a row may name, by code and slug."""

    objectives: dict[str, Objective]
    groups: dict[str, StakeholderGroup]

    @classmethod
    def load(cls) -> _Taxonomy:
        return cls(
            objectives={objective.code: objective for objective in Objective.objects.all()},
            groups={group.slug: group for group in StakeholderGroup.objects.all()},
        )


def check_rows(header: list[str], records: Records, problems: list[str]) -> list[ImportRow]:
    """Every row checked; a row with more cells than the header names is left out."""
    taxonomy = _Taxonomy.load()
    first_row_of: dict[str, int] = {}
    rows = []
    for number, record in records:
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            message = ngettext(
                "%(cells)d cell, but the header names %(columns)d",
                "%(cells)d cells, but the header names %(columns)d",
                len(record),
            ) % {"cells": len(record), "columns": len(header)}
            problems.append(problem_line(number, "file", message))
            continue
        cells = {
            name: cell_text(value) for name, value in zip(header, record, strict=False) if name
        }
        row = check_row(RowCells(number, cells, problems), taxonomy)
        _check_reference_once(row, first_row_of, problems)
        rows.append(row)
    return rows


def _check_reference_once(
    row: ImportRow, first_row_of: dict[str, int], problems: list[str]
) -> None:
    """A reference names one row of the file; a second row with it is refused."""
    if not row.reference:
        return
    if row.reference not in first_row_of:
        first_row_of[row.reference] = row.number
        return
    message = _("%(reference)s is also on row %(row)d") % {
        "reference": row.reference,
        "row": first_row_of[row.reference],
    }
    problems.append(problem_line(row.number, "reference", message))


def check_row(cells: RowCells, taxonomy: _Taxonomy) -> ImportRow:
    """The row's values, column by column, in the order its problems are reported."""
    reference = _check_reference(cells)
    title = cells.text("title", required=True)
    text = cells.text("text", required=True)
    language = _check_language(cells)
    source_kind = _check_source_kind(cells)
    source_body = cells.text("source_body", required=True)
    source_document = cells.text("source_document", required=True)
    source_url = _check_source_url(cells)
    source_group = _check_source_group(cells, taxonomy.groups)
    objectives = _check_objectives(cells, taxonomy.objectives)
    one_time_cost, recurring_cost = _check_costs(cells)
    implementation_years = _check_implementation_years(cells)
    depends_on = _check_depends_on(cells, reference)
    owner = cells.text("owner")
    received_at = _check_received_at(cells)
    illustrative = _check_illustrative(cells)
    translations = _check_translations(cells, language)
    return ImportRow(
        number=cells.number,
        reference=reference,
        title=title,
        text=text,
        language=language,
        source_kind=source_kind,
        source_body=source_body,
        source_document=source_document,
        source_url=source_url,
        source_group=source_group,
        objectives=objectives,
        one_time_cost=one_time_cost,
        recurring_cost=recurring_cost,
        implementation_years=implementation_years,
        depends_on=depends_on,
        owner=owner,
        received_at=received_at,
        illustrative=illustrative,
        translations=translations,
    )


def _check_reference(cells: RowCells) -> str:
    reference = cells.text("reference", required=True)
    if reference and not REFERENCE.match(reference):
        cells.problem("reference", _("may not contain spaces, commas or semicolons"))
        return ""
    return reference


def _check_language(cells: RowCells) -> str:
    language = language_code(cells.text("language").lower())
    if language and not LANGUAGE.match(language):
        cells.problem(
            "language",
            _("%(language)s is not a language code such as en or zh-hans")
            % {"language": repr(language)},
        )
    return language


def _check_source_kind(cells: RowCells) -> str:
    kind = cells.text("source_kind", required=True)
    if kind and kind not in Source.Kind.values:
        cells.problem(
            "source_kind",
            _("%(kind)s is not one of %(kinds)s")
            % {"kind": repr(kind), "kinds": ", ".join(Source.Kind.values)},
        )
    return kind


def _check_source_url(cells: RowCells) -> str:
    url = cells.text("source_url")
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        cells.problem("source_url", _("is not an http or https link"))
        return ""
    return url


def _check_source_group(
    cells: RowCells, groups: dict[str, StakeholderGroup]
) -> StakeholderGroup | None:
    slug = cells.text("source_group")
    if not slug:
        return None
    group = groups.get(slug)
    if group is None:
        cells.problem(
            "source_group", _("there is no stakeholder group %(group)s") % {"group": repr(slug)}
        )
    return group


def _check_objectives(cells: RowCells, objectives: dict[str, Objective]) -> list[Objective] | None:
    codes = _split(cells.text("objectives"))
    if codes is None:
        return None
    unknown = [code for code in codes if code not in objectives]
    if unknown:
        cells.problem(
            "objectives",
            _("unknown code %(codes)s (known: %(known)s)")
            % {
                "codes": ", ".join(repr(code) for code in unknown),
                # Translators: said when no objectives are defined yet.
                "known": ", ".join(objectives) or _("none"),
            },
        )
    return [objectives[code] for code in codes if code in objectives]


def _check_costs(cells: RowCells) -> tuple[Decimal | None, Decimal | None]:
    """Both costs or neither: a recommendation is assessed with the two together."""
    one_time_cost = _cost(cells, "one_time_cost")
    recurring_cost = _cost(cells, "recurring_cost")
    if cells.given("one_time_cost") != cells.given("recurring_cost"):
        missing = "recurring_cost" if cells.given("one_time_cost") else "one_time_cost"
        cells.problem(missing, _("give both costs or neither"))
    return one_time_cost, recurring_cost


def _cost(cells: RowCells, column: str) -> Decimal | None:
    """An amount the model's cost fields can hold, written without thousands separators."""
    value = cells.text(column)
    if not value:
        return None
    plain = value.replace(" ", "").replace("\u00a0", "").replace("_", "")
    if not PLAIN_DECIMAL.fullmatch(plain):
        cells.problem(
            column,
            _("%(value)s is not a number; write it like 125000.50, without separators")
            % {"value": repr(value)},
        )
        return None
    number = Decimal(plain)
    if number < 0:
        cells.problem(column, _("cannot be negative"))
    elif number >= Decimal(10) ** MAX_DIGITS_BEFORE_POINT:
        cells.problem(column, _("is too large"))
    elif number != number.quantize(CENT):
        cells.problem(column, _("has more than two decimals"))
    else:
        return number.quantize(CENT)
    return None


def _check_implementation_years(cells: RowCells) -> int | None:
    years = cells.text("implementation_years")
    if not years:
        return None
    low, high = YEARS
    if not years.isdigit() or not low <= int(years) <= high:
        cells.problem(
            "implementation_years",
            _("%(years)s is not a whole number from 1 to 20") % {"years": repr(years)},
        )
        return None
    return int(years)


def _check_depends_on(cells: RowCells, reference: str) -> list[str] | None:
    depends_on = _split(cells.text("depends_on"))
    if depends_on and reference in depends_on:
        cells.problem("depends_on", _("a recommendation cannot depend on itself"))
    return depends_on


def _check_received_at(cells: RowCells) -> datetime.datetime | None:
    received = cells.text("received_at")
    if not received:
        return None
    moment = _moment(received)
    if moment is None:
        cells.problem(
            "received_at",
            _("%(value)s is not a date such as 2019-03-12") % {"value": repr(received)},
        )
    elif moment > timezone.now():
        cells.problem("received_at", _("is in the future"))
    return moment


def _check_illustrative(cells: RowCells) -> bool | None:
    flag = cells.text("illustrative").lower()
    if flag in TRUE:
        return True
    if flag and flag not in FALSE:
        cells.problem("illustrative", _("%(value)s is not yes or no") % {"value": repr(flag)})
        return None
    return False if flag else None


def _check_translations(cells: RowCells, language: str) -> dict[str, tuple[str, str]]:
    """Each ``title_LANG`` with its ``text_LANG``, by language, none into the original's."""
    parts_by_language: dict[str, dict[str, str]] = {}
    for column in cells.cells:
        translated = translation_language(column)
        if translated is not None:
            part = column.split("_", 1)[0]
            parts_by_language.setdefault(translated, {})[part] = cells.text(
                column, limit=TRANSLATION_LIMITS[part]
            )
    translations = {}
    for translated, parts in sorted(parts_by_language.items()):
        title, text = parts.get("title", ""), parts.get("text", "")
        if not title and not text:
            continue
        if not title or not text:
            cells.problem(
                f"{'title' if not title else 'text'}_{translated}", _("give the title and the text")
            )
        elif translated == (language or "en"):
            cells.problem(f"title_{translated}", _("a translation into the original language"))
        else:
            translations[translated] = (title, text)
    return translations


def _split(value: str) -> list[str] | None:
    """A list written in one cell, separated by ; or ,; None when the cell is empty."""
    if not value:
        return None
    items = [item.strip() for item in SEPARATOR.split(value)]
    return list(dict.fromkeys(item for item in items if item))


def _moment(value: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        return None
    return moment
