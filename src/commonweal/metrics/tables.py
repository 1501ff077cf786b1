"""The dashboard's figures as tables: the same rows on the page, in each CSV download
and in `commonweal metrics --format table`.

A table is known by its key (the CSV's ``table=``, the JSON's member); its title and
column names are written in the language active when it is built (the request's, or
the command's ``--language``). Rows hold machine values, which the CSV writes as they
are ("1234.5", ISO dates); ``display_rows`` writes them the reader's way for the page
and the terminal ("1,234.5", "1 234,5", "$3,000,000", a date in the language's format).
The measures that apps above register (``core/measures.py``) add their tables after these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonweal.core import formatting
from commonweal.core.measures import measures
from commonweal.metrics.kpis import Dashboard
from commonweal.metrics.kpis.budget import BudgetYear
from commonweal.metrics.kpis.floor import GroupFloor, QuarterHours, Speaker
from commonweal.metrics.kpis.maturity import MaturityRow
from commonweal.metrics.kpis.participation import Breadth, Newcomers
from commonweal.metrics.kpis.recommendations import Durations, RecommendationFlow, YearDurations
from commonweal.metrics.kpis.topics import TopicQuery, TopicTime


@dataclass(frozen=True)
class Table:
    key: str  # the CSV's `table` parameter
    title: str
    header: list[str]
    rows: list[list[object]]
    money_columns: frozenset[int] = field(default_factory=frozenset)  # amounts, by position

    @property
    def display_rows(self) -> list[list[str]]:
        """The rows as the page and the terminal write them, in the reader's language."""
        return [
            [
                cell_display(cell, money=column in self.money_columns)
                for column, cell in enumerate(row)
            ]
            for row in self.rows
        ]


def _group_name(name: str) -> str:
    return name or _("Not linked to a group")


def _source_name(body: str) -> str:
    return body or _("All sources")


@dataclass(frozen=True)
class MeasureSection:
    """A registered measure's part of the dashboard page: its heading and its tables."""

    key: str
    title: str
    tables: list[Table]


def measure_sections(dashboard: Dashboard) -> list[MeasureSection]:
    """The tables of each measure the dashboard computed, built in the active language."""
    titles = {measure.key: measure.title for measure in measures()}
    return [
        MeasureSection(
            key,
            str(titles.get(key, "")),
            [Table(t.key, t.title, t.header, t.rows) for t in measured.tables()],
        )
        for key, measured in dashboard.measures.items()
    ]


def dashboard_tables(
    dashboard: Dashboard,
    dimensions: list[tuple[str, str]],
    sections: list[MeasureSection] | None = None,
) -> dict[str, Table]:
    """Every table of the dashboard, by key, the registered measures' last; ``dimensions``
    are the maturity model's (code, label) pairs in order, ``sections`` the measures'
    tables when the caller has built them already."""
    if sections is None:
        sections = measure_sections(dashboard)
    tables = [
        _floor_table(dashboard.floor_by_group),
        _quarters_table(dashboard.hours_by_quarter),
        _speakers_table(dashboard.top_speakers),
        _topics_table(dashboard.topics),
        _topic_query_table(dashboard.topic_query),
        _breadth_table(dashboard.participation_breadth),
        _newcomers_table(dashboard.newcomers),
        _recommendations_table(dashboard.recommendations),
        _durations_table(dashboard.durations),
        _durations_by_year_table(dashboard.durations_by_year),
        _budget_table(dashboard.budget),
        _maturity_table(dashboard.maturity, dimensions),
    ]
    by_key = {table.key: table for table in tables}
    for table in (table for section in sections for table in section.tables):
        if table.key in by_key:
            raise ValueError(f"two tables of the dashboard are called {table.key!r}")
        by_key[table.key] = table
    return by_key


def _floor_table(rows: list[GroupFloor]) -> Table:
    return Table(
        "floor",
        _("Meeting hours and floor share by group"),
        [
            _("Group"),
            _("Meetings"),
            _("Meeting hours"),
            _("Speaking hours"),
            _("Turns"),
            _("Floor share (%)"),
        ],
        [
            [
                _group_name(row.name),
                row.meetings,
                row.meeting_hours,
                row.speaking_hours,
                row.turns,
                row.share,
            ]
            for row in rows
        ],
    )


def _quarters_table(rows: list[QuarterHours]) -> Table:
    return Table(
        "quarters",
        _("Hours per quarter"),
        [_("Quarter"), _("Meetings"), _("Meeting hours"), _("Speaking hours")],
        [[row.quarter, row.meetings, row.meeting_hours, row.speaking_hours] for row in rows],
    )


def _speakers_table(rows: list[Speaker]) -> Table:
    return Table(
        "speakers",
        _("Who held the floor"),
        [
            _("Person"),
            _("Group"),
            _("Meetings"),
            _("Turns"),
            _("Speaking hours"),
            _("Floor share (%)"),
        ],
        [
            [row.name, row.group, row.meetings, row.turns, row.speaking_hours, row.share]
            for row in rows
        ],
    )


def _topics_table(rows: list[TopicTime]) -> Table:
    return Table(
        "topics",
        _("Hours per topic"),
        [_("Topic"), _("Meetings"), _("Hours")],
        [[row.title, row.meetings, row.hours] for row in rows],
    )


def _topic_query_table(topic_query: TopicQuery | None) -> Table:
    return Table(
        "topic_query",
        _("Hours on topics matching the query"),
        [_("Query"), _("Topics"), _("Meetings"), _("Hours")],
        [
            [query.query, query.topics, query.meetings, query.hours]
            for query in [topic_query]
            if query is not None
        ],
    )


def _breadth_table(rows: list[Breadth]) -> Table:
    return Table(
        "breadth",
        _("Participation breadth"),
        [
            _("Group"),
            _("Meetings"),
            _("Speakers per meeting (mean)"),
            _("Most speakers in a meeting"),
        ],
        [
            [_group_name(row.name), row.meetings, row.mean_speakers, row.most_speakers]
            for row in rows
        ],
    )


def _newcomers_table(rows: list[Newcomers]) -> Table:
    return Table(
        "newcomers",
        _("Newcomers by the quarter they first spoke"),
        [_("Quarter"), _("Newcomers")],
        [[row.quarter, row.newcomers] for row in rows],
    )


def _recommendations_table(rows: list[RecommendationFlow]) -> Table:
    return Table(
        "recommendations",
        _("Recommendations per source and quarter"),
        [_("Source"), _("Quarter"), _("Received"), _("Decided"), _("Implemented")],
        [[row.source, row.quarter, row.received, row.decided, row.implemented] for row in rows],
    )


def _durations_table(rows: list[Durations]) -> Table:
    return Table(
        "durations",
        _("Time to decision and to implementation (days)"),
        [
            _("Source"),
            _("Decided"),
            _("Median to decision"),
            _("90th percentile to decision"),
            _("Implemented"),
            _("Median to implementation"),
            _("90th percentile to implementation"),
        ],
        [
            [
                _source_name(row.source),
                row.decided,
                row.decision_median_days,
                row.decision_p90_days,
                row.implemented,
                row.implementation_median_days,
                row.implementation_p90_days,
            ]
            for row in rows
        ],
    )


def _durations_by_year_table(rows: list[YearDurations]) -> Table:
    measure = {"decision": _("to decision"), "implementation": _("to implementation")}
    return Table(
        "durations_by_year",
        _("Time to decision and to implementation by year (days)"),
        [
            _("Source"),
            _("Year"),
            _("Time"),
            _("Count"),
            _("Median"),
            _("90th percentile"),
            _("Change of the median"),
        ],
        [
            [
                _source_name(row.source),
                str(row.year),  # a year is a name: never "2,024"
                measure[row.measure],
                row.count,
                row.median_days,
                row.p90_days,
                row.change_days,
            ]
            for row in rows
        ],
    )


def _budget_table(rows: list[BudgetYear]) -> Table:
    return Table(
        "budget",
        _("Budget committed against each year's cap"),
        [
            _("Round"),
            _("Year"),
            _("Cap"),
            _("Committed"),
            _("One-time"),
            _("Recurring"),
            _("Share of the cap (%)"),
        ],
        [
            [row.round, row.year, row.cap, row.committed, row.one_time, row.recurring, row.share]
            for row in rows
        ],
        money_columns=frozenset({2, 3, 4, 5}),
    )


def _maturity_table(rows: list[MaturityRow], dimensions: list[tuple[str, str]]) -> Table:
    return Table(
        "maturity",
        _("Maturity: latest self-assessment of each group"),
        [
            _("Group"),
            _("Assessed on"),
            *[label for _code, label in dimensions],
            _("Mean level"),
        ],
        [
            [
                row.name,
                datetime.date.fromisoformat(row.assessed_on),
                *[row.levels.get(code) for code, _label in dimensions],
                row.mean,
            ]
            for row in rows
        ],
    )


def _decimals(value: float) -> int | None:
    """How many decimals the number was rounded to, as Python writes it ("60.0": 1)."""
    text = repr(value)
    if "e" in text or "." not in text:
        return None
    return len(text.partition(".")[2])


def cell_display(value: object, *, money: bool = False) -> str:
    """A cell as the page and the terminal write it: numbers with the reader's grouping and
    decimal mark, keeping their decimals ("60.0" stays "60.0" in English, "60,0" in French);
    amounts in the community's currency; dates in the language's format; "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if money:
        return formatting.money(value)
    if isinstance(value, float):
        return formatting.number(value, _decimals(value))
    if isinstance(value, int):
        return formatting.number(value)
    return str(value)
