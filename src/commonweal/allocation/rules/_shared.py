"""What the rules share: the tolerance within which two values are a tie."""

from __future__ import annotations

# Rules compute in floating point where pabutools uses exact fractions. Two
# quantities within this relative distance are treated as equal, so that a tie
# in exact arithmetic is a tie here too and is broken the same way (by project
# id). Distinct rationals with small denominators are many orders further apart.
TIE_TOLERANCE = 1e-9
