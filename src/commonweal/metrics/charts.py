"""Geometry of the dashboard's SVG charts, computed on the server (decision 0010): the
templates only place the shapes, and each chart has a data table beside it.

In a right-to-left language the charts are mirrored where direction carries meaning
(docs/decisions/bidi-isolation.md): time runs from right to left, so the first quarter
stands at the right and the axis's scale label at the top right; the radar's dimensions
follow each other anticlockwise. The SVG inherits the page's direction, so a label's
``text-anchor="start"`` already means "its right edge" in Arabic: mirroring the x
coordinates is all the geometry has to do. Unless told, a chart takes the direction of
the language the page is being written in."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import get_language_bidi

COLUMN_WIDTH = 640
COLUMN_HEIGHT = 180
COLUMN_MARGIN = 24
RADAR_SIZE = 320
RADAR_RADIUS = 110
LABEL_INSET = 2  # the scale label's distance from the chart's edge


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    show_label: bool
    label_x: float  # where the label starts: the column's left edge, its right in rtl


@dataclass(frozen=True)
class Columns:
    width: int
    height: int
    baseline: float
    peak: float
    columns: list[Column]
    axis_from: float  # the baseline's ends: the scale label's margin is left out
    axis_to: float
    peak_x: float  # where the scale label ("12 h") starts
    rtl: bool


def _reading_rtl(rtl: bool | None) -> bool:
    return get_language_bidi() if rtl is None else rtl


def columns(points: list[tuple[str, float]], *, rtl: bool | None = None) -> Columns:
    """Vertical bars for a time series (one per quarter), tallest at the top margin; at
    most about twelve labels are written under the axis so they do not overlap. In a
    right-to-left page the first point stands at the right."""
    rtl = _reading_rtl(rtl)
    inner = COLUMN_HEIGHT - 2 * COLUMN_MARGIN
    peak = max((value for _, value in points), default=0) or 1
    # A few quarters should not turn into slabs: a column is at most 48 units wide.
    step = min((COLUMN_WIDTH - 2 * COLUMN_MARGIN) / max(len(points), 1), 60)
    every = max(math.ceil(len(points) / 12), 1)
    shapes = []
    for index, (label, value) in enumerate(points):
        height = value / peak * inner
        start = COLUMN_MARGIN + index * step + step * 0.1  # measured from the reading start
        width = step * 0.8
        x = COLUMN_WIDTH - start - width if rtl else start
        shapes.append(
            Column(
                x=round(x, 1),
                y=round(COLUMN_MARGIN + inner - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=label,
                value=value,
                show_label=index % every == 0,
                label_x=round(x + width if rtl else x, 1),
            )
        )
    return Columns(
        width=COLUMN_WIDTH,
        height=COLUMN_HEIGHT,
        baseline=COLUMN_MARGIN + inner,
        peak=peak,
        columns=shapes,
        axis_from=0 if rtl else COLUMN_MARGIN,
        axis_to=COLUMN_WIDTH - COLUMN_MARGIN if rtl else COLUMN_WIDTH,
        peak_x=COLUMN_WIDTH - LABEL_INSET if rtl else LABEL_INSET,
        rtl=rtl,
    )


@dataclass(frozen=True)
class Axis:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label: str


@dataclass(frozen=True)
class Outline:
    points: str
    label: str
    latest: bool


@dataclass(frozen=True)
class Radar:
    size: int
    centre: float
    axes: list[Axis]
    rings: list[str]  # one polygon per level
    outlines: list[Outline]  # oldest first, so the latest is drawn on top


def _point(
    centre: float, radius: float, index: int, count: int, rtl: bool = False
) -> tuple[float, float]:
    """The point of dimension ``index`` at ``radius``: the first at the top, the next
    clockwise (anticlockwise when reading right to left)."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    across = radius * math.cos(angle)
    return round(centre + (-across if rtl else across), 1), round(
        centre + radius * math.sin(angle), 1
    )


def _anchor(label_x: float, centre: float, rtl: bool) -> str:
    """A label right of the centre runs rightwards: its start is at the point in a
    left-to-right page, its end in a right-to-left one (``text-anchor`` follows the
    direction the SVG inherits). Mirrored points make that the same word both ways."""
    if abs(label_x - centre) < 5:
        return "middle"
    rightwards = label_x > centre
    return "start" if rightwards != rtl else "end"


def radar(
    dimensions: list[tuple[str, str]],
    assessments: list[tuple[str, dict[str, int]]],
    levels: int,
    *,
    rtl: bool | None = None,
) -> Radar | None:
    """A radar of ``(code, label)`` dimensions for ``(label, {code: level})`` assessments,
    newest last; a dimension without a score sits at the centre."""
    count = len(dimensions)
    if count < 3 or levels < 1:
        return None
    rtl = _reading_rtl(rtl)
    centre = RADAR_SIZE / 2
    axes = []
    for index, (_code, label) in enumerate(dimensions):
        x, y = _point(centre, RADAR_RADIUS, index, count, rtl)
        label_x, label_y = _point(centre, RADAR_RADIUS + 18, index, count, rtl)
        axes.append(Axis(x, y, label_x, label_y + 4, _anchor(label_x, centre, rtl), label))
    rings = [
        " ".join(
            "{},{}".format(*_point(centre, RADAR_RADIUS * level / levels, index, count, rtl))
            for index in range(count)
        )
        for level in range(1, levels + 1)
    ]
    outlines = [
        Outline(
            " ".join(
                "{},{}".format(
                    *_point(centre, RADAR_RADIUS * scores.get(code, 0) / levels, index, count, rtl)
                )
                for index, (code, _label) in enumerate(dimensions)
            ),
            label,
            position == len(assessments) - 1,
        )
        for position, (label, scores) in enumerate(assessments)
    ]
    return Radar(RADAR_SIZE, centre, axes, rings, outlines)
