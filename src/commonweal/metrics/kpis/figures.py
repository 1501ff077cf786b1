"""How the KPIs bucket, round and summarise their figures."""

from __future__ import annotations

import datetime
import math
import statistics

# Rows of a "top" list (speakers, topics).
TOP_ROWS = 20


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def hours(seconds: float | None) -> float:
    return round((seconds or 0) / 3600, 2)


def percent(part: float, whole: float) -> float:
    return round(part / whole * 100, 1) if whole else 0.0


def days(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 86400


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def percentile_90(values: list[float]) -> float | None:
    """Nearest rank: the smallest value that at least 90% of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)
