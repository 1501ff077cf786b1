"""Measures: figures an app above adds to the dashboards that ``metrics`` owns.

The dashboards, their CSV downloads and ``commonweal metrics`` live in ``metrics``, a
domain app; what a new app measures (the consultations' load) lives above it. The upper
app registers a ``Measure`` in its ``AppConfig.ready()``; ``metrics`` computes every
registered measure with the dashboard's filters and shows what it returns: its data in
the JSON document under the measure's key, its tables on the page, as CSV and in
``--format table``. With nothing registered the dashboards are as before. Same idea as
panels and gates (see docs/architecture.md, "Reaching up without importing up").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class MeasureTable:
    """One table of a measure: ``key`` is the CSV's ``table=`` (unique across the
    dashboard), ``title`` and ``header`` are written in the language active when the
    table is built, ``rows`` hold machine values (numbers, ``datetime.date``, text, None)."""

    key: str
    title: str
    header: list[str]
    rows: list[list[object]]


def _no_tables() -> list[MeasureTable]:
    return []


@dataclass(frozen=True)
class Measured:
    """What a measure found for one set of filters.

    ``data`` is JSON-able (dicts, lists, strings, numbers, None): it is the member of
    ``commonweal metrics --format json`` named by the measure's key, the same in every
    language. ``tables()`` builds the tables in the active language; it is called when a
    page or the terminal shows them, so the titles follow the reader.
    """

    data: object
    tables: Callable[[], list[MeasureTable]] = field(default=_no_tables)


# compute(date_from, date_to, group): both days included, None for an open end; group a
# community StakeholderGroup or None for the whole community.
Compute = Callable[[datetime.date | None, datetime.date | None, object], Measured]


@dataclass(frozen=True)
class Measure:
    """One registered measure. ``key`` names it in the JSON (lowercase, digits and ``_``);
    registering the same key again replaces it, so a ``ready()`` run twice adds nothing
    twice. ``title`` heads its section on the dashboard (a lazy translation); measures
    show in ascending ``order``, then by key."""

    key: str
    compute: Compute
    title: str = ""
    order: int = 100


_registry: dict[str, Measure] = {}


def measure_register(measure: Measure) -> None:
    if not _KEY.match(measure.key):
        raise ValueError(f"a measure's key is lowercase letters, digits and _: {measure.key!r}")
    _registry[measure.key] = measure


def measure_unregister(key: str) -> None:
    """Forget a measure (tests that register one of their own take it back this way)."""
    _registry.pop(key, None)


def measures() -> list[Measure]:
    """The registered measures, in the order the dashboards show them."""
    return sorted(_registry.values(), key=lambda measure: (measure.order, measure.key))
