"""The integer program: one binary per (item, start year), solved on HiGHS."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from commonweal.allocation.milp import MilpResult, solve_milp
from commonweal.allocation.planner.model import (
    _EARLY_BONUS,
    PlannedItem,
    PlanProblem,
    PlanResult,
    possible_starts,
)
from commonweal.allocation.planner.polish import polish
from commonweal.allocation.planner.reasons import reason_for
from commonweal.allocation.planner.room import Ledger, Payments

# item -> start year -> the column of "the item starts in that year"
_StartColumns = dict[int, dict[int, int]]


def solve_plan(problem: PlanProblem, *, time_limit: float | None = None) -> PlanResult:
    """Choose start years; see the module docstring for the two objectives."""
    program = _Program()
    caps = _cap_rows(program, problem)
    column_of, start_columns, balance_rows = _start_columns(program, problem, caps)
    _exclusion_rows(program, problem, start_columns)
    _dependency_rows(program, problem, start_columns)
    payment_of = _payment_columns(program, problem, caps, balance_rows)
    result = program.solve(
        n_binary=len(column_of),
        time_limit=problem.time_limit if time_limit is None else time_limit,
        relative_gap=problem.relative_gap,
    )
    start_of = _chosen_starts(result.x, column_of)
    payments = _group_payments(result.x, payment_of, start_of)
    return _result(problem, start_of, result.status, result.gap, result.seconds, payments)


@dataclass
class _Program:
    """The integer program as it is built: sparse columns, their objective, the row bounds."""

    columns: list[tuple[list[int], list[float]]] = field(default_factory=list)
    objective: list[float] = field(default_factory=list)
    rows_lower: list[float] = field(default_factory=list)
    rows_upper: list[float] = field(default_factory=list)

    def new_row(self, lower: float, upper: float) -> int:
        self.rows_lower.append(lower)
        self.rows_upper.append(upper)
        return len(self.rows_lower) - 1

    def new_column(self, rows: list[int], values: list[float], objective: float) -> int:
        self.columns.append((rows, values))
        self.objective.append(objective)
        return len(self.columns) - 1

    def add_entry(self, row: int, column: int, value: float) -> None:
        self.columns[column][0].append(row)
        self.columns[column][1].append(value)

    def solve(self, *, n_binary: int, time_limit: float, relative_gap: float) -> MilpResult:
        """Solve it, the first ``n_binary`` columns 0-1, the others non-negative reals."""
        n_columns = len(self.columns)
        integer = np.zeros(n_columns, dtype=bool)
        integer[:n_binary] = True
        upper = np.full(n_columns, np.inf)
        upper[:n_binary] = 1.0
        return solve_milp(
            np.array(self.objective),
            [(np.array(r, dtype=np.int64), np.array(v)) for r, v in self.columns],
            np.array(self.rows_lower),
            np.array(self.rows_upper),
            upper=upper,
            integer=integer,
            time_limit=time_limit,
            relative_gap=relative_gap,
        )


@dataclass(frozen=True)
class _CapRows:
    """The rows that cap spending: each year's budget, each item's single start, and
    under fair shares each group's share of each year (with the group names)."""

    year: list[int]
    once: list[int]
    group: dict[tuple[str, int], int]
    group_names: list[str]


def _cap_rows(program: _Program, problem: PlanProblem) -> _CapRows:
    """Add the rows that cap each year, each item and (fair shares) each group's share."""
    years = problem.years
    year_rows = [program.new_row(-np.inf, y.available) for y in years]
    once_rows = [program.new_row(-np.inf, 1.0) for _ in problem.items]
    group_names = list(problem.groups) if problem.objective == "fair-shares" else []
    weight_total = sum(problem.groups.values()) or 1.0
    group_rows = {
        (g, t): program.new_row(-np.inf, years[t].available * problem.groups[g] / weight_total)
        for g in group_names
        for t in range(len(years))
    }
    return _CapRows(year_rows, once_rows, group_rows, group_names)


def _start_columns(
    program: _Program, problem: PlanProblem, caps: _CapRows
) -> tuple[list[tuple[int, int]], _StartColumns, dict[tuple[int, int], int]]:
    """Add a binary column per (item, start year), charged to the years it spends in.

    Returns each column's (item, start year), the columns of each item by start
    year, and under fair shares the balance row of each (item, year) with
    spending: the item's cost that year equals what its groups pay for it.
    """
    n_years = len(problem.years)
    column_of: list[tuple[int, int]] = []
    start_columns: _StartColumns = {i: {} for i in range(len(problem.items))}
    balance_rows: dict[tuple[int, int], int] = {}
    scale = max((item.support for item in problem.items), default=1.0) or 1.0
    for i, item in enumerate(problem.items):
        for start in possible_starts(item, n_years):
            rows: list[int] = [caps.once[i]]
            values: list[float] = [1.0]
            for t in range(start, n_years):
                one_time, recurring = item.cost_in(start, t)
                cost = one_time + recurring
                if cost == 0:
                    continue
                rows.append(caps.year[t])
                values.append(cost)
                if caps.group_names:
                    if (i, t) not in balance_rows:
                        balance_rows[(i, t)] = program.new_row(0.0, 0.0)
                    rows.append(balance_rows[(i, t)])
                    values.append(cost)
            early_bonus = 1 + _EARLY_BONUS * (n_years - start)
            column = program.new_column(rows, values, item.support / scale * early_bonus)
            start_columns[i][start] = column
            column_of.append((i, start))
    return column_of, start_columns, balance_rows


def _exclusion_rows(program: _Program, problem: PlanProblem, start_columns: _StartColumns) -> None:
    """Alternatives: at most one of each excluding pair starts."""
    items = problem.items
    index = {item.id: i for i, item in enumerate(items)}
    for i, item in enumerate(items):
        for other in item.excludes:
            j = index[other]
            if j < i and item.id in items[j].excludes:
                continue  # stated both ways: one row is enough
            row = program.new_row(-np.inf, 1.0)
            for k in (i, j):
                for column in start_columns[k].values():
                    program.add_entry(row, column, 1.0)


def _dependency_rows(program: _Program, problem: PlanProblem, start_columns: _StartColumns) -> None:
    """Dependencies: B may start in t only if A started by t - duration(A)."""
    items = problem.items
    index = {item.id: i for i, item in enumerate(items)}
    for b, item in enumerate(items):
        for other in item.requires:
            a = index[other]
            for start, column in start_columns[b].items():
                row = program.new_row(-np.inf, 0.0)
                program.add_entry(row, column, 1.0)
                for a_start, a_column in start_columns[a].items():
                    if a_start + items[a].duration <= start:
                        program.add_entry(row, a_column, -1.0)


def _payment_columns(
    program: _Program,
    problem: PlanProblem,
    caps: _CapRows,
    balance_rows: dict[tuple[int, int], int],
) -> dict[int, tuple[int, str, int]]:
    """Fair shares: add what group g pays towards item i in year t, as (i, g, t) by column.

    A payment is a non-negative real, only for a group whose voters support the
    item; it enters the item's balance row and the group's share of the year.
    """
    payment_of: dict[int, tuple[int, str, int]] = {}
    for (i, t), row in balance_rows.items():
        for g in caps.group_names:
            if problem.items[i].group_support.get(g, 0.0) > 0:
                column = program.new_column([row, caps.group[(g, t)]], [-1.0, 1.0], 0.0)
                payment_of[column] = (i, g, t)
    return payment_of


def _chosen_starts(x: np.ndarray, column_of: list[tuple[int, int]]) -> dict[int, int]:
    """The start year of each item the solution funds."""
    start_of: dict[int, int] = {}
    for column, value in enumerate(x[: len(column_of)]):
        if value > 0.5:
            i, start = column_of[column]
            start_of[i] = start
    return start_of


def _group_payments(
    x: np.ndarray, payment_of: dict[int, tuple[int, str, int]], start_of: dict[int, int]
) -> dict[int, Payments]:
    """What each group pays for each funded item, by year."""
    payments: dict[int, Payments] = {}
    for column, (i, g, t) in payment_of.items():
        if i in start_of:
            payments.setdefault(i, {})[(g, t)] = float(x[column])
    return payments


def _result(
    problem: PlanProblem,
    start_of: dict[int, int],
    status: str,
    gap: float,
    seconds: float,
    payments: dict[int, Payments],
) -> PlanResult:
    """The solver's plan, polished, with every item's reason."""
    ledger = Ledger(problem, start_of, payments)
    polish(ledger)
    planned = [
        PlannedItem(item, ledger.start_of.get(i), reason_for(problem, i, ledger))
        for i, item in enumerate(problem.items)
    ]
    total_support = sum(problem.items[i].support for i in ledger.start_of)
    group_spending = {g: list(spent) for g, spent in ledger.group_spending.items()}
    return PlanResult(
        problem,
        planned,
        _spending(problem, ledger.start_of),
        total_support,
        status,
        gap,
        seconds,
        group_spending,
    )


def _spending(problem: PlanProblem, start_of: dict[int, int]) -> list[tuple[float, float]]:
    """Each year's (one-time, recurring) spending, summed afresh from the starts."""
    totals = []
    for t in range(len(problem.years)):
        one_time = recurring = 0.0
        for i, start in start_of.items():
            item_one_time, item_recurring = problem.items[i].cost_in(start, t)
            one_time += item_one_time
            recurring += item_recurring
        totals.append((one_time, recurring))
    return totals
