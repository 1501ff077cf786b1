"""The numbers of a ``.pb`` file: reading costs, budgets, weights and points, and writing them."""

from __future__ import annotations

from fractions import Fraction

from commonweal.allocation.election import Number
from commonweal.allocation.errors import InputError


def parse_number(text: str, source: str, line: int, what: str) -> Fraction:
    """``text`` as an exact number (a decimal comma allowed); ``what`` names it in the error."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise InputError(source, f"{what} {text!r} is not a number", line=line) from None
    return value


def parse_points(text: str, source: str, line: int) -> Number:
    """One ballot's points for one project: an int whenever the value is whole."""
    cleaned = text.strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    value = parse_number(cleaned, source, line, "points")
    # Writers such as pabutools print points as floats ("3.0"): keep them ints.
    return int(value) if value.denominator == 1 else value


def format_number(value: Number | Fraction) -> str:
    """The shortest text that reads back as exactly ``value``: an integer, a float, a ratio."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    as_float = float(value)
    if Fraction(repr(as_float)) == value:
        return repr(as_float)
    return f"{value.numerator}/{value.denominator}"
