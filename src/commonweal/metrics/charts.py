"""Geometry of the dashboard's SVG charts, computed on the server (decision 0010): the
templates only place the shapes, and each chart has a data table beside it."""

from __future__ import annotations

import math
from dataclasses import dataclass

COLUMN_WIDTH = 640
COLUMN_HEIGHT = 180
COLUMN_MARGIN = 24
RADAR_SIZE = 320
RADAR_RADIUS = 110


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    show_label: bool


@dataclass(frozen=True)
class Columns:
    width: int
    height: int
    baseline: float
    peak: float
    columns: list[Column]


def columns(points: list[tuple[str, float]]) -> Columns:
    """Vertical bars for a time series (one per quarter), tallest at the top margin; at
    most about twelve labels are written under the axis so they do not overlap."""
    inner = COLUMN_HEIGHT - 2 * COLUMN_MARGIN
    peak = max((value for _, value in points), default=0) or 1
    # A few quarters should not turn into slabs: a column is at most 48 units wide.
    step = min((COLUMN_WIDTH - 2 * COLUMN_MARGIN) / max(len(points), 1), 60)
    every = max(math.ceil(len(points) / 12), 1)
    shapes = []
    for index, (label, value) in enumerate(points):
        height = value / peak * inner
        shapes.append(
            Column(
                x=round(COLUMN_MARGIN + index * step + step * 0.1, 1),
                y=round(COLUMN_MARGIN + inner - height, 1),
                width=round(step * 0.8, 1),
                height=round(height, 1),
                label=label,
                value=value,
                show_label=index % every == 0,
            )
        )
    return Columns(COLUMN_WIDTH, COLUMN_HEIGHT, COLUMN_MARGIN + inner, peak, shapes)


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


def _point(centre: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return round(centre + radius * math.cos(angle), 1), round(centre + radius * math.sin(angle), 1)


def radar(
    dimensions: list[tuple[str, str]], assessments: list[tuple[str, dict[str, int]]], levels: int
) -> Radar | None:
    """A radar of ``(code, label)`` dimensions for ``(label, {code: level})`` assessments,
    newest last; a dimension without a score sits at the centre."""
    count = len(dimensions)
    if count < 3 or levels < 1:
        return None
    centre = RADAR_SIZE / 2
    axes = []
    for index, (_code, label) in enumerate(dimensions):
        x, y = _point(centre, RADAR_RADIUS, index, count)
        label_x, label_y = _point(centre, RADAR_RADIUS + 18, index, count)
        anchor = "middle" if abs(label_x - centre) < 5 else ("start" if label_x > centre else "end")
        axes.append(Axis(x, y, label_x, label_y + 4, anchor, label))
    rings = [
        " ".join(
            "{},{}".format(*_point(centre, RADAR_RADIUS * level / levels, index, count))
            for index in range(count)
        )
        for level in range(1, levels + 1)
    ]
    outlines = [
        Outline(
            " ".join(
                "{},{}".format(
                    *_point(centre, RADAR_RADIUS * scores.get(code, 0) / levels, index, count)
                )
                for index, (code, _label) in enumerate(dimensions)
            ),
            label,
            position == len(assessments) - 1,
        )
        for position, (label, scores) in enumerate(assessments)
    ]
    return Radar(RADAR_SIZE, centre, axes, rings, outlines)
