"""The integer program: one binary per (item, start year), solved on HiGHS."""

from __future__ import annotations

import numpy as np

from commonweal.allocation.milp import solve_milp
from commonweal.allocation.planner.model import (
    _EARLY_BONUS,
    Item,
    PlannedItem,
    PlanProblem,
    PlanResult,
    possible_starts,
)
from commonweal.allocation.planner.reasons import reason_for


def solve_plan(problem: PlanProblem, *, time_limit: float | None = None) -> PlanResult:
    """Choose start years; see the module docstring for the two objectives."""
    years, items = problem.years, problem.items
    n_years = len(years)
    index = {item.id: i for i, item in enumerate(items)}
    columns: list[tuple[list[int], list[float]]] = []
    column_of: list[tuple[int, int]] = []  # (item, start year)
    objective: list[float] = []
    rows_lower: list[float] = []
    rows_upper: list[float] = []

    def new_row(lower: float, upper: float) -> int:
        rows_lower.append(lower)
        rows_upper.append(upper)
        return len(rows_lower) - 1

    year_rows = [new_row(-np.inf, y.available) for y in years]
    once_rows = [new_row(-np.inf, 1.0) for _ in items]
    group_names = list(problem.groups) if problem.objective == "fair-shares" else []
    weight_total = sum(problem.groups.values()) or 1.0
    group_rows = {
        (g, t): new_row(-np.inf, years[t].available * problem.groups[g] / weight_total)
        for g in group_names
        for t in range(n_years)
    }
    balance_rows: dict[tuple[int, int], int] = {}

    def balance_row(i: int, t: int) -> int:
        # Fair shares: item i's cost in year t equals what its groups pay for it.
        if (i, t) not in balance_rows:
            balance_rows[(i, t)] = new_row(0.0, 0.0)
        return balance_rows[(i, t)]

    variables: dict[int, dict[int, int]] = {i: {} for i in range(len(items))}
    scale = max((item.support for item in items), default=1.0) or 1.0
    for i, item in enumerate(items):
        for start in possible_starts(item, n_years):
            rows: list[int] = [once_rows[i]]
            values: list[float] = [1.0]
            for t in range(start, n_years):
                one_time, recurring = item.cost_in(start, t)
                cost = one_time + recurring
                if cost == 0:
                    continue
                rows.append(year_rows[t])
                values.append(cost)
                if group_names:
                    rows.append(balance_row(i, t))
                    values.append(cost)
            variables[i][start] = len(columns)
            columns.append((rows, values))
            column_of.append((i, start))
            objective.append(item.support / scale * (1 + _EARLY_BONUS * (n_years - start)))
    # Alternatives: at most one of each excluding pair.
    for i, item in enumerate(items):
        for other in item.excludes:
            j = index[other]
            if j < i and item.id in items[j].excludes:
                continue  # stated both ways: one row is enough
            row = new_row(-np.inf, 1.0)
            for k in (i, j):
                for col in variables[k].values():
                    columns[col][0].append(row)
                    columns[col][1].append(1.0)
    # Dependencies: B may start in t only if A started by t - duration(A).
    for b, item in enumerate(items):
        for other in item.requires:
            a = index[other]
            for start, col in variables[b].items():
                row = new_row(-np.inf, 0.0)
                columns[col][0].append(row)
                columns[col][1].append(1.0)
                for a_start, a_col in variables[a].items():
                    if a_start + items[a].duration <= start:
                        columns[a_col][0].append(row)
                        columns[a_col][1].append(-1.0)
    # Fair shares: group g pays p[i, g, t] >= 0 towards item i in year t, only
    # if its voters support i; a group's payments in a year stay within its share.
    n_binary = len(columns)
    payment_of: dict[int, tuple[int, str, int]] = {}
    for (i, t), row in balance_rows.items():
        for g in group_names:
            if items[i].group_support.get(g, 0.0) > 0:
                payment_of[len(columns)] = (i, g, t)
                columns.append(([row, group_rows[(g, t)]], [-1.0, 1.0]))
                objective.append(0.0)
    n_columns = len(columns)
    integer = np.zeros(n_columns, dtype=bool)
    integer[:n_binary] = True
    upper = np.full(n_columns, np.inf)
    upper[:n_binary] = 1.0
    result = solve_milp(
        np.array(objective),
        [(np.array(r, dtype=np.int64), np.array(v)) for r, v in columns],
        np.array(rows_lower),
        np.array(rows_upper),
        upper=upper,
        integer=integer,
        time_limit=problem.time_limit if time_limit is None else time_limit,
        relative_gap=problem.relative_gap,
    )
    start_of: dict[int, int] = {}
    for col, value in enumerate(result.x[:n_binary]):
        if value > 0.5:
            i, start = column_of[col]
            start_of[i] = start
    group_spending = {g: [0.0] * n_years for g in group_names}
    payments: dict[int, dict[tuple[str, int], float]] = {}
    for col, (i, g, t) in payment_of.items():
        if i in start_of:
            group_spending[g][t] += float(result.x[col])
            payments.setdefault(i, {})[(g, t)] = float(result.x[col])
    return _result(
        problem, start_of, result.status, result.gap, result.seconds, group_spending, payments
    )


def _spending(problem: PlanProblem, start_of: dict[int, int]) -> list[tuple[float, float]]:
    totals = []
    for t in range(len(problem.years)):
        one_time = recurring = 0.0
        for i, start in start_of.items():
            o, r = problem.items[i].cost_in(start, t)
            one_time += o
            recurring += r
        totals.append((one_time, recurring))
    return totals


def _result(
    problem: PlanProblem,
    start_of: dict[int, int],
    status: str,
    gap: float,
    seconds: float,
    group_spending: dict[str, list[float]],
    payments: dict[int, dict[tuple[str, int], float]],
) -> PlanResult:
    spending = _spending(problem, start_of)
    planned = [
        PlannedItem(
            item,
            start_of.get(i),
            _status(item, start_of.get(i)),
            reason_for(problem, i, start_of, spending, group_spending, payments),
        )
        for i, item in enumerate(problem.items)
    ]
    total_support = sum(problem.items[i].support for i in start_of)
    return PlanResult(
        problem, planned, spending, total_support, status, gap, seconds, group_spending
    )


def _status(item: Item, start: int | None) -> str:
    if start is None:
        return "left out"
    return "funded" if start == item.earliest else "deferred"
