"""The dashboard's figures as tables: the same rows on the page, in each CSV download
and in `commonweal metrics --format table`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from commonweal.metrics.kpis import Dashboard


@dataclass(frozen=True)
class Table:
    key: str  # the CSV's `table` parameter
    title: str
    header: list[str]
    rows: list[list[object]]


TABLE_KEYS = (
    "floor",
    "quarters",
    "speakers",
    "topics",
    "topic_query",
    "breadth",
    "newcomers",
    "recommendations",
    "durations",
    "durations_by_year",
    "budget",
    "maturity",
)


def _group_name(name: str) -> str:
    return name or _("Not linked to a group")


def _source_name(body: str) -> str:
    return body or _("All sources")


def dashboard_tables(data: Dashboard, dimensions: list[tuple[str, str]]) -> dict[str, Table]:
    """Every table of the dashboard, by key; ``dimensions`` are the maturity model's
    (code, label) pairs in order."""
    measure = {"decision": _("to decision"), "implementation": _("to implementation")}
    tables = [
        Table(
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
                    _group_name(r.name),
                    r.meetings,
                    r.meeting_hours,
                    r.speaking_hours,
                    r.turns,
                    r.share,
                ]
                for r in data.floor_by_group
            ],
        ),
        Table(
            "quarters",
            _("Hours per quarter"),
            [_("Quarter"), _("Meetings"), _("Meeting hours"), _("Speaking hours")],
            [
                [r.quarter, r.meetings, r.meeting_hours, r.speaking_hours]
                for r in data.hours_by_quarter
            ],
        ),
        Table(
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
                [r.name, r.group, r.meetings, r.turns, r.speaking_hours, r.share]
                for r in data.top_speakers
            ],
        ),
        Table(
            "topics",
            _("Hours per topic"),
            [_("Topic"), _("Meetings"), _("Hours")],
            [[r.title, r.meetings, r.hours] for r in data.topics],
        ),
        Table(
            "topic_query",
            _("Hours on topics matching the query"),
            [_("Query"), _("Topics"), _("Meetings"), _("Hours")],
            [[q.query, q.topics, q.meetings, q.hours] for q in [data.topic_query] if q is not None],
        ),
        Table(
            "breadth",
            _("Participation breadth"),
            [
                _("Group"),
                _("Meetings"),
                _("Speakers per meeting (mean)"),
                _("Most speakers in a meeting"),
            ],
            [
                [_group_name(r.name), r.meetings, r.mean_speakers, r.most_speakers]
                for r in data.participation_breadth
            ],
        ),
        Table(
            "newcomers",
            _("Newcomers by the quarter they first spoke"),
            [_("Quarter"), _("Newcomers")],
            [[r.quarter, r.newcomers] for r in data.newcomers],
        ),
        Table(
            "recommendations",
            _("Recommendations per source and quarter"),
            [_("Source"), _("Quarter"), _("Received"), _("Decided"), _("Implemented")],
            [
                [r.source, r.quarter, r.received, r.decided, r.implemented]
                for r in data.recommendations
            ],
        ),
        Table(
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
                    _source_name(r.source),
                    r.decided,
                    r.decision_median_days,
                    r.decision_p90_days,
                    r.implemented,
                    r.implementation_median_days,
                    r.implementation_p90_days,
                ]
                for r in data.durations
            ],
        ),
        Table(
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
                    _source_name(r.source),
                    r.year,
                    measure[r.measure],
                    r.count,
                    r.median_days,
                    r.p90_days,
                    r.change_days,
                ]
                for r in data.durations_by_year
            ],
        ),
        Table(
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
                [r.round, r.year, r.cap, r.committed, r.one_time, r.recurring, r.share]
                for r in data.budget
            ],
        ),
        Table(
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
                    r.name,
                    r.assessed_on,
                    *[r.levels.get(code) for code, _label in dimensions],
                    r.mean,
                ]
                for r in data.maturity
            ],
        ),
    ]
    return {table.key: table for table in tables}


def cell_text(value: object) -> str:
    """A cell as the page, the CSV and the terminal all write it."""
    if value is None:
        return "—"
    return str(value)
