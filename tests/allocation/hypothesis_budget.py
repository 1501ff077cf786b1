"""Hypothesis settings for the allocation tests, applied per test.

Derandomised so that CI runs the same examples every time, and without a
per-example deadline (pabutools is slow on some examples). Applied with
``@settings(BASE, max_examples=N)`` rather than as a loaded profile, so that the
other suites' hypothesis tests keep their own settings.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

BASE = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
