"""Amounts and counts written the way a person reads them, for explanations."""

from __future__ import annotations

from fractions import Fraction

import numpy as np


def money(value: float | Fraction) -> str:
    """Format an amount the way a person reads it: 1,234,567 or 1,234.57."""
    value = float(value)
    if not np.isfinite(value):
        return "unbounded"
    if abs(value - round(value)) < 0.005:
        return f"{round(value):,}"
    return f"{value:,.2f}"


def voters(count: float) -> str:
    """'1 voter', '2,553 voters', '2.5 voters' (weights need not be whole)."""
    if abs(count - round(count)) < 1e-9:
        whole = round(count)
        return f"{whole:,} voter" + ("" if whole == 1 else "s")
    return f"{count:,.2f} voters"
