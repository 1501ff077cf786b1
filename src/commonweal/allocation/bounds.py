"""The limits every allocation reader keeps, so that a hostile file is refused at once.

A file passes through a reader in time and memory proportional to its size, so
the sizes are bounded first; then every number is one a person would write for
money, votes or support (no NaN, no infinity, no exponent that turns a few
characters into a million digits), and every count (projects, voters, items,
years, nesting) stays far above any real election or plan and far below what
would take the reader minutes. docs/formats.md ("Limits of the allocation
readers") lists them; change both together.
"""

from __future__ import annotations

import math
from pathlib import Path

from commonweal.allocation.errors import InputError

# Numbers: money, points, weights, support. 10^15 is a thousand times the
# largest participatory budget there is, in any currency.
MAX_MAGNITUDE = 10**15
# The characters of one number as written (sign, digits, point, exponent).
MAX_NUMBER_LENGTH = 40
# Pabulib numbers are read exactly (as fractions): 1e-50000000 would be a
# fraction of fifty million digits, so the exponent is bounded.
MAX_EXPONENT = 20

PABULIB_MAX_BYTES = 16 * 2**20
PABULIB_MAX_PROJECTS = 10_000
PABULIB_MAX_VOTERS = 1_000_000

PLAN_MAX_BYTES = 2**20
PLAN_MAX_ITEMS = 2_000
PLAN_MAX_YEARS = 100
PLAN_MAX_GROUPS = 1_000
PLAN_MAX_DURATION = 1_000
# Lists and mappings inside one another; a plan needs five.
PLAN_MAX_DEPTH = 32
# Values (scalars, lists, mappings) in a YAML plan, counted before they are built.
PLAN_MAX_VALUES = 100_000


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the file at ``path``, refused when it holds more than ``limit``.

    Reads at most ``limit + 1`` bytes, so a device that never ends (``/dev/zero``)
    or a file that grows is refused as well as a large one.
    """
    source = str(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(source, f"cannot read the file: {error.strerror}") from None
    if len(data) > limit:
        raise InputError(source, f"the file is larger than {size_in_words(limit)}, the most read")
    return data


def size_in_words(limit: int) -> str:
    """``16 MB``, ``1 MB``: a byte limit as the documentation says it."""
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit} bytes"


def check_magnitude(value: float | int) -> str | None:
    """Why ``value`` is no number a reader keeps (infinite, NaN, too large); None when it is."""
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return "must be at most 10^15 in size"
    return None


def shown(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters for an error message, which stays one short line."""
    return text if len(text) <= width else text[: width - 1] + "…"
