"""Amounts and counts written the way a reader of one language reads them (Babel's CLDR data).

The engine's sentences keep every figure a number until the last step; these
functions write one in a Babel locale ("en", "fr", "zh_Hans"): English groups
thousands with commas ("1,234,567", "1,234.57"), French with a narrow space and
a decimal comma ("1 234,57"). Digits are always Latin, and a four-digit number
is not grouped in Spanish ("1234", "12.345"), as the pages write them
(commonweal/core/formatting.py, which the engine may not import).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

import numpy as np
from babel import Locale
from babel.numbers import format_decimal, format_percent

DIGITS = "latn"
# CLDR's minimumGroupingDigits of 2, which Babel does not apply: "1234" but "12.345".
GROUP_FROM_FIVE_DIGITS = frozenset({"es", "pl"})


@lru_cache(maxsize=16)
def babel_locale(name: str) -> Locale:
    """The Babel locale named ``name`` ("en", "zh_Hans"), read once."""
    return Locale.parse(name)


def is_whole(value: float) -> bool:
    """Within half a cent of a whole number: written without decimals."""
    return abs(value - round(value)) < 0.005


def money(value: float | Fraction, locale: str = "en") -> str | None:
    """An amount as a person reads it: whole ("1,234,567") or to the cent ("1,234.57");
    ``None`` for infinity or NaN, which the caller words ("unbounded")."""
    value = float(value)
    if not np.isfinite(value):
        return None
    if is_whole(value):
        return whole(round(value), locale)
    return cents(value, locale)


def _decimal(number: Decimal, pattern: str, locale: str) -> str:
    language = babel_locale(locale)
    return format_decimal(
        number,
        format=pattern,
        locale=language,
        group_separator=language.language not in GROUP_FROM_FIVE_DIGITS or abs(number) >= 10000,
        numbering_system=DIGITS,
    )


def whole(value: int, locale: str = "en") -> str:
    """A whole number with the locale's grouping: "2,553"."""
    return _decimal(Decimal(int(value)), "#,##0", locale)


def cents(value: float, locale: str = "en") -> str:
    """A number to two decimals, rounded as Python's ``f"{value:.2f}"`` rounds it."""
    return _decimal(Decimal(f"{float(value):.2f}"), "#,##0.00", locale)


@lru_cache(maxsize=16)
def _percent_pattern(locale: str) -> str:
    """The locale's percent pattern with two decimals ("#,##0%" -> "#,##0.00%")."""
    pattern = babel_locale(locale).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0.00", 1)


def percent(fraction: float, locale: str = "en") -> str:
    """A fraction as a percentage to two decimals: 0.0012 -> "0.12%" ("0,12 %" in French)."""
    return format_percent(
        fraction,
        format=_percent_pattern(locale),
        locale=babel_locale(locale),
        numbering_system=DIGITS,
    )
