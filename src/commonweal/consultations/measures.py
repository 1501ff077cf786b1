"""The consultation load, as a measure of the dashboards (``core/measures.py``).

How many comment proceedings each group has open month by month, how their deadlines
crowd, how long they stay open and how many of them each group answered. ``metrics`` sits
below this app and cannot import it, so the measure is registered (``measures_register``
in ``ready()``) and the dashboards, their CSV files and ``commonweal metrics`` show it.
Definitions: docs/metrics.md, "Consultation load". The calendar page
(``views_calendar.py``) reads the same proceedings through ``published_spans``.

Only published proceedings count. A proceeding concerns the groups it names; one that names
none concerns everyone and is counted once, in the row "All groups" (group ``None``).
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.consultations.models import Proceeding, Submission
from commonweal.core.measures import Measure, Measured, MeasureTable, measure_register

KEY = "consultation_load"
# Two deadlines of a group this many days apart or fewer close together.
CLOSE_TOGETHER_DAYS = 7


@dataclass(frozen=True)
class Concerned:
    """A row of the measure: a group (its primary key, slug, name and colour), or everyone
    (``pk`` None) for the proceedings that name no group."""

    pk: int | None
    slug: str | None
    name: str | None
    colour: str = ""

    @property
    def label(self) -> str:
        return self.name or _("All groups")


EVERYONE = Concerned(None, None, None)


@dataclass(frozen=True)
class Span:
    """A published proceeding's open period and whom it concerns (``EVERYONE`` when it
    names no group; with a group filter, only that group of those it names)."""

    pk: int
    title: str
    opens_on: datetime.date
    closes_on: datetime.date
    days_open: int
    concerns: tuple[Concerned, ...]

    def clipped(self, date_from, date_to) -> tuple[datetime.date, datetime.date]:
        """The days of the period inside [date_from, date_to] (an open end is no limit)."""
        start = max(self.opens_on, date_from) if date_from else self.opens_on
        end = min(self.closes_on, date_to) if date_to else self.closes_on
        return start, end


def _published(date_from, date_to, group):
    proceedings = Proceeding.objects.filter(published_at__isnull=False)
    if date_from is not None:
        proceedings = proceedings.filter(closes_on__gte=date_from)
    if date_to is not None:
        proceedings = proceedings.filter(opens_on__lte=date_to)
    if group is not None:
        proceedings = proceedings.filter(Q(groups=group) | Q(groups__isnull=True)).distinct()
    return proceedings


def published_spans(
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    group=None,
) -> list[Span]:
    """Published proceedings open at least one day in [date_from, date_to], those that
    concern ``group`` (or everyone) when one is given; earliest first. Two queries."""
    proceedings = _published(date_from, date_to, group)
    links = Proceeding.groups.through.objects.filter(
        proceeding__in=proceedings.values("pk")
    ).values_list(
        "proceeding_id",
        "stakeholdergroup_id",
        "stakeholdergroup__slug",
        "stakeholdergroup__name",
        "stakeholdergroup__colour",
    )
    concerns: dict[int, list[Concerned]] = defaultdict(list)
    for proceeding_id, *named in links:
        if group is None or named[0] == group.pk:
            concerns[proceeding_id].append(Concerned(*named))
    spans = []
    for proceeding in proceedings.only("pk", "title", "opens_on", "closes_on").order_by(
        "opens_on", "closes_on", "pk"
    ):
        who = concerns.get(proceeding.pk) or [EVERYONE]
        spans.append(
            Span(
                proceeding.pk,
                proceeding.title,
                proceeding.opens_on,
                proceeding.closes_on,
                proceeding.days_open,
                tuple(sorted(who, key=_row_order)),
            )
        )
    return spans


def _row_order(concerned: Concerned) -> tuple:
    """Groups by name, then "All groups"."""
    return (concerned.pk is None, (concerned.name or "").casefold(), concerned.pk or 0)


def spans_by_row(spans: list[Span]) -> dict[Concerned, list[Span]]:
    rows: dict[Concerned, list[Span]] = defaultdict(list)
    for span in spans:
        for concerned in span.concerns:
            rows[concerned].append(span)
    return {row: rows[row] for row in sorted(rows, key=_row_order)}


def months_between(start: datetime.date, end: datetime.date) -> list[str]:
    """Every calendar month from start's to end's, as "YYYY-MM"."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def most_open_at_once(periods: list[tuple[datetime.date, datetime.date]]):
    """The most periods open on one day (both ends included) and the first such day."""
    changes: Counter[datetime.date] = Counter()
    for start, end in periods:
        changes[start] += 1
        changes[end + datetime.timedelta(days=1)] -= 1
    most, first_day, open_now = 0, None, 0
    for day in sorted(changes):
        open_now += changes[day]
        if open_now > most:
            most, first_day = open_now, day
    return most, first_day


def closing_together(deadlines: list[datetime.date]) -> int:
    """How many of the deadlines fall within CLOSE_TOGETHER_DAYS of another one."""
    ordered = sorted(deadlines)
    near = CLOSE_TOGETHER_DAYS
    return sum(
        1
        for i, day in enumerate(ordered)
        if (i > 0 and (day - ordered[i - 1]).days <= near)
        or (i + 1 < len(ordered) and (ordered[i + 1] - day).days <= near)
    )


@dataclass(frozen=True)
class MonthLoad:
    group: str | None
    name: str | None
    month: str
    open: int


@dataclass(frozen=True)
class Deadlines:
    group: str | None
    name: str | None
    proceedings: int
    close_together: int
    most_open: int
    most_open_on: str | None


@dataclass(frozen=True)
class DaysOpen:
    group: str | None
    name: str | None
    proceedings: int
    median_days: float
    shortest_days: int
    longest_days: int


@dataclass(frozen=True)
class Answered:
    group: str | None
    name: str | None
    closed: int
    answered: int
    share: float | None


@dataclass(frozen=True)
class Load:
    open_by_month: list[MonthLoad]
    deadlines: list[Deadlines]
    days_open: list[DaysOpen]
    answered: list[Answered]


def _month_rows(row: Concerned, spans: list[Span], date_from, date_to) -> list[MonthLoad]:
    counts: Counter[str] = Counter()
    for span in spans:
        counts.update(months_between(*span.clipped(date_from, date_to)))
    if not counts:
        return []
    months = months_between(
        datetime.date.fromisoformat(min(counts) + "-01"),
        datetime.date.fromisoformat(max(counts) + "-01"),
    )
    return [MonthLoad(row.slug, row.name, month, counts[month]) for month in months]


def _deadline_row(row: Concerned, spans: list[Span], date_from, date_to) -> Deadlines:
    most, first_day = most_open_at_once([span.clipped(date_from, date_to) for span in spans])
    return Deadlines(
        row.slug,
        row.name,
        len(spans),
        closing_together([span.closes_on for span in spans]),
        most,
        first_day.isoformat() if first_day else None,
    )


def _days_open_row(row: Concerned, spans: list[Span]) -> DaysOpen:
    lengths = [span.days_open for span in spans]
    return DaysOpen(
        row.slug,
        row.name,
        len(lengths),
        round(float(statistics.median(lengths)), 1),
        min(lengths),
        max(lengths),
    )


def _answered_row(row: Concerned, closed: list[Span], answers, group) -> Answered:
    """``answers``: (proceeding, group) pairs with a published submission on the group's
    behalf. "All groups" counts an answer by any group, or by the dashboard's group."""
    if row.pk is not None:
        done = [span for span in closed if (span.pk, row.pk) in answers]
    else:
        by_whom = {pk for pk, group_pk in answers if group is None or group_pk == group.pk}
        done = [span for span in closed if span.pk in by_whom]
    share = round(100 * len(done) / len(closed), 1) if closed else None
    return Answered(row.slug, row.name, len(closed), len(done), share)


def _answers(spans: list[Span]) -> set[tuple[int, int]]:
    return set(
        Submission.objects.filter(
            proceeding__in=[span.pk for span in spans],
            state=Submission.State.PUBLISHED,
            on_behalf_of__isnull=False,
        )
        .values_list("proceeding_id", "on_behalf_of_id")
        .distinct()
    )


def consultation_load(date_from, date_to, group, *, today: datetime.date | None = None) -> Load:
    """The four measures over published proceedings open in [date_from, date_to]."""
    today = today or timezone.now().astimezone(datetime.UTC).date()
    spans = published_spans(date_from, date_to, group)
    rows = spans_by_row(spans)

    def closed_in_period(span: Span) -> bool:
        # Closed: its last day is over (comments run to the end of closes_on, UTC). Every
        # span closes on or after date_from already.
        return span.closes_on < today and (date_to is None or span.closes_on <= date_to)

    answers = _answers([span for span in spans if closed_in_period(span)])
    return Load(
        open_by_month=[
            month
            for row, row_spans in rows.items()
            for month in _month_rows(row, row_spans, date_from, date_to)
        ],
        deadlines=[_deadline_row(row, found, date_from, date_to) for row, found in rows.items()],
        days_open=[_days_open_row(row, found) for row, found in rows.items()],
        answered=[
            _answered_row(row, [span for span in found if closed_in_period(span)], answers, group)
            for row, found in rows.items()
        ],
    )


def _label(group_name: str | None) -> str:
    return group_name or _("All groups")


def load_tables(load: Load) -> list[MeasureTable]:
    """The measure's four tables, titled in the active language."""
    return [
        MeasureTable(
            "consultation_months",
            _("Open comment proceedings per group and month"),
            [_("Group"), _("Month"), _("Open proceedings")],
            [[_label(row.name), row.month, row.open] for row in load.open_by_month],
        ),
        MeasureTable(
            "consultation_deadlines",
            _("Deadlines close together"),
            [
                _("Group"),
                _("Proceedings"),
                _("Closing within 7 days of another"),
                _("Most open at once"),
                _("First on"),
            ],
            [
                [
                    _label(row.name),
                    row.proceedings,
                    row.close_together,
                    row.most_open,
                    datetime.date.fromisoformat(row.most_open_on) if row.most_open_on else None,
                ]
                for row in load.deadlines
            ],
        ),
        MeasureTable(
            "consultation_days_open",
            _("Days open for comment"),
            [_("Group"), _("Proceedings"), _("Median days"), _("Shortest"), _("Longest")],
            [
                [_label(r.name), r.proceedings, r.median_days, r.shortest_days, r.longest_days]
                for r in load.days_open
            ],
        ),
        MeasureTable(
            "consultation_answered",
            _("Proceedings each group answered"),
            [_("Group"), _("Closed"), _("Answered"), _("Share answered (%)")],
            [[_label(r.name), r.closed, r.answered, r.share] for r in load.answered],
        ),
    ]


def consultation_load_measured(date_from, date_to, group) -> Measured:
    load = consultation_load(date_from, date_to, group)
    return Measured(data=asdict(load), tables=lambda: load_tables(load))


def measures_register() -> None:
    """Called from ConsultationsConfig.ready()."""
    measure_register(
        Measure(
            key=KEY,
            compute=consultation_load_measured,
            title=gettext_lazy("Consultation load"),
            order=50,
        )
    )
