"""The numbers of a ``.pb`` file: reading costs, budgets, weights and points, and writing them."""

from __future__ import annotations

import re
from fractions import Fraction

from commonweal.allocation.bounds import (
    MAX_EXPONENT,
    MAX_MAGNITUDE,
    MAX_NUMBER_LENGTH,
    shown,
)
from commonweal.allocation.election import Number
from commonweal.allocation.errors import InputError

# A decimal (with an optional exponent) or a ratio of whole numbers, in ASCII digits.
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?|[+-]?[0-9]+/[0-9]+"
)


def parse_number(text: str, source: str, line: int, what: str) -> Fraction:
    """``text`` as an exact number (a decimal comma allowed); ``what`` names it in the error.

    Bounded before it is converted (docs/formats.md): at most 40 characters, an
    exponent within ±20 and a size within 10^15, so that no text of a few
    characters becomes a fraction of millions of digits.
    """
    cleaned = text.strip().replace(",", ".")
    if len(cleaned) > MAX_NUMBER_LENGTH:
        raise InputError(
            source,
            f"{what} {shown(cleaned)!r} is longer than {MAX_NUMBER_LENGTH} characters",
            line=line,
        )
    match = _NUMBER.fullmatch(cleaned)
    if match is None:
        raise InputError(source, f"{what} {text!r} is not a number", line=line)
    exponent = match["exponent"]
    if exponent is not None and abs(int(exponent)) > MAX_EXPONENT:
        raise InputError(
            source, f"{what} {cleaned!r} has an exponent beyond ±{MAX_EXPONENT}", line=line
        )
    try:
        value = Fraction(cleaned)
    except ZeroDivisionError:
        raise InputError(source, f"{what} {text!r} is not a number", line=line) from None
    if abs(value) > MAX_MAGNITUDE:
        raise InputError(source, f"{what} {cleaned!r} is larger than 10^15", line=line)
    return value


def parse_points(text: str, source: str, line: int) -> Number:
    """One ballot's points for one project: an int whenever the value is whole."""
    cleaned = text.strip()
    try:
        whole = int(cleaned)
    except ValueError:
        pass
    else:
        if abs(whole) > MAX_MAGNITUDE:
            raise InputError(source, f"points {shown(cleaned)!r} are larger than 10^15", line=line)
        return whole
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
