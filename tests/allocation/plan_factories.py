"""Plans for tests and the benchmark: hand-built ones and large generated ones."""

from __future__ import annotations

import numpy as np

from commonweal.allocation.planner import Item, PlanProblem, Year

GROUPS = ("ALAC", "NCSG", "GNSO", "ccNSO", "GAC")


def generated_plan(
    n_items: int = 300, n_years: int = 5, seed: int = 0, objective: str = "max-support"
) -> PlanProblem:
    """Many recommendations over flat years: about a fifth depend on an earlier
    one, a few pairs are alternatives, and the caps fund roughly half."""
    rng = np.random.default_rng(seed)
    one_time = np.round(rng.lognormal(12.5, 0.9, n_items), -3)
    recurring = np.round(one_time * rng.uniform(0.05, 0.3, n_items), -3)
    duration = rng.integers(1, 4, n_items)
    items = []
    for i in range(n_items):
        requires = ()
        if i > 10 and rng.random() < 0.2:
            requires = (f"R{int(rng.integers(0, i)):03d}",)
        excludes = ()
        if i % 40 == 1:
            excludes = (f"R{i - 1:03d}",)
        supporters = {g: float(rng.integers(0, 50)) for g in GROUPS}
        items.append(
            Item(
                id=f"R{i:03d}",
                one_time=float(one_time[i]),
                duration=int(duration[i]),
                recurring=float(recurring[i]),
                earliest=int(rng.integers(0, 2)),
                requires=requires,
                excludes=excludes,
                support=sum(supporters.values()),
                group_support=supporters,
            )
        )
    yearly_need = float(one_time.sum() + recurring.sum() * n_years / 2) / n_years
    cap = round(yearly_need / 2, -3)
    return PlanProblem(
        years=[Year(f"FY{2026 + t}", cap) for t in range(n_years)],
        items=items,
        objective=objective,
        groups=dict.fromkeys(GROUPS, 1.0),
        time_limit=8.0,
    )
