"""The consultation calendar: a month of comment periods, one row per group.

Each published proceeding open in the month is a bar in its group's colour from its
opening to its close (cut at the month's ends), in as many lanes as the group has
proceedings open at once; the row says how many the group has open that month (its
load), and the days on which three deadlines or more fall are shaded. A proceeding that
names no group concerns everyone and sits in the row "All groups". The table runs in the
reading direction, so in Arabic the first of the month is at the right. Public; drafts
are never shown. The proceedings are read by ``measures.published_spans``, the same
reading as the dashboards' consultation load.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.community.colours import contrast_ratio
from commonweal.community.models import StakeholderGroup
from commonweal.consultations.measures import Concerned, Span, published_spans, spans_by_row

# This many deadlines on one day make it crowded.
CROWDED = 3
# The colour of the row "All groups", and the two colours text on a bar may take.
EVERYONE_COLOUR = "#4a5568"
LIGHT_TEXT, DARK_TEXT = "#ffffff", "#1d2330"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def text_colour(background: str) -> str:
    """White on a bar when it reads at 4.5:1 (WCAG AA for text), else the page's ink."""
    return LIGHT_TEXT if contrast_ratio(background, LIGHT_TEXT) >= 4.5 else DARK_TEXT


def today_utc() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date()


def month_after(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=31)).replace(day=1)


def month_before(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


class CalendarForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=StakeholderGroup.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Every group"),
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )

    def clean_month(self) -> datetime.date | None:
        text = (self.cleaned_data.get("month") or "").strip()
        if not text:
            return None
        found = _MONTH.match(text)
        if found is None or not 1 <= int(found[2]) <= 12 or not 1000 <= int(found[1]) <= 9998:
            raise forms.ValidationError(
                _("Write the month as year and month, such as 2026-03."), code="month"
            )
        return datetime.date(int(found[1]), int(found[2]), 1)

    def chosen(self) -> tuple[datetime.date, StakeholderGroup | None]:
        """The month's first day and the group asked for; this month and every group for
        what could not be read (the form then carries the message)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("month") or today_utc().replace(day=1), data.get("group")


@dataclass(frozen=True)
class Day:
    date: datetime.date
    deadlines: int
    today: bool

    @property
    def crowded(self) -> bool:
        return self.deadlines >= CROWDED


@dataclass(frozen=True)
class Cell:
    """A stretch of one lane: a proceeding's bar, or days with none (``span`` None)."""

    days: int
    span: Span | None = None
    from_before: bool = False  # opened before the month
    to_after: bool = False  # closes after the month
    closes_here: bool = False


@dataclass(frozen=True)
class Row:
    concerned: Concerned
    colour: str
    on_colour: str
    load: int  # proceedings open at least one day of the month
    lanes: list[list[Cell]]

    @property
    def label(self) -> str:
        return self.concerned.label


def lanes_of(spans: list[Span]) -> list[list[Span]]:
    """The spans in as few lanes as keep each lane's periods apart (earliest first)."""
    lanes: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: (s.opens_on, s.closes_on, s.pk)):
        lane = next((lane for lane in lanes if lane[-1].closes_on < span.opens_on), None)
        if lane is None:
            lanes.append([span])
        else:
            lane.append(span)
    return lanes


def lane_cells(lane: list[Span], first: datetime.date, last: datetime.date) -> list[Cell]:
    """One lane as cells across the month: gaps and bars, day by day."""
    cells, at = [], first
    for span in lane:
        start, end = span.clipped(first, last)
        if start > at:
            cells.append(Cell((start - at).days))
        cells.append(
            Cell(
                (end - start).days + 1,
                span,
                from_before=span.opens_on < first,
                to_after=span.closes_on > last,
                closes_here=span.closes_on <= last,
            )
        )
        at = end + datetime.timedelta(days=1)
    if at <= last:
        cells.append(Cell((last - at).days + 1))
    return cells


def calendar_rows(spans, group, first, last) -> list[Row]:
    by_row = spans_by_row(spans)
    if group is not None:
        mine = Concerned(group.pk, group.slug, group.name, group.colour)
        by_row = {mine: by_row.get(mine, []), **{k: v for k, v in by_row.items() if k != mine}}
    rows = []
    for concerned, found in by_row.items():
        colour = concerned.colour or EVERYONE_COLOUR
        rows.append(
            Row(
                concerned,
                colour,
                text_colour(colour),
                len(found),
                [lane_cells(lane, first, last) for lane in lanes_of(found)],
            )
        )
    return rows


def month_days(spans: list[Span], first: datetime.date, last: datetime.date) -> list[Day]:
    deadlines = Counter(span.closes_on for span in spans)
    today = today_utc()
    return [
        Day(day, deadlines[day], day == today)
        for day in (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
    ]


def calendar(request):
    form = CalendarForm(request.GET or None, initial={"month": today_utc().strftime("%Y-%m")})
    first, group = form.chosen()
    last = month_after(first) - datetime.timedelta(days=1)
    spans = published_spans(first, last, group)
    days = month_days(spans, first, last)
    return render(
        request,
        "consultations/calendar/month.html",
        {
            "form": form,
            "group": group,
            "month": first,
            "previous_month": month_before(first),
            "next_month": month_after(first),
            "days": days,
            "crowded_days": [day for day in days if day.crowded],
            "crowded": CROWDED,
            "rows": calendar_rows(spans, group, first, last),
            "open_count": len(spans),
        },
    )
