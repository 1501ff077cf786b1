"""A small front to the HiGHS mixed-integer solver (Huangfu & Hall, "Parallelizing
the dual revised simplex method", Math. Prog. Comp. 2018; highspy bindings).

The rules and the planner state their integer programs as arrays; this module
passes them to HiGHS and reads back the solution, the proven bound and the gap.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import highspy
import numpy as np


@dataclass(frozen=True)
class MilpResult:
    """A solved (or time-limited) integer program."""

    x: np.ndarray
    objective: float
    bound: float
    gap: float
    status: str
    seconds: float

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence HiGHS's banner, which it prints on the C stdout when constructed.

    Our command line prints JSON on stdout, so a stray line would break it.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def solve_milp(
    objective: np.ndarray,
    columns: list[tuple[np.ndarray, np.ndarray]],
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    *,
    upper: np.ndarray | None = None,
    integer: np.ndarray | None = None,
    maximize: bool = True,
    time_limit: float | None = None,
    relative_gap: float = 0.0,
) -> MilpResult:
    """Solve max (or min) objective @ x s.t. row_lower <= A x <= row_upper.

    ``columns[j]`` is (row indices, values) of column j of A. Variables are
    bounded below by 0 and above by ``upper`` (default 1); ``integer`` marks
    integer variables (default: all). ``relative_gap`` 0 asks for a proven optimum.
    """
    n_columns = len(objective)
    upper = np.ones(n_columns) if upper is None else upper
    integer = np.ones(n_columns, dtype=bool) if integer is None else integer
    highs = _solver(time_limit=time_limit, relative_gap=relative_gap)
    highs.passModel(_model(objective, columns, row_lower, row_upper, upper, integer, maximize))
    highs.run()
    return _read_result(highs, n_columns=n_columns, has_integers=bool(integer.any()))


def _solver(*, time_limit: float | None, relative_gap: float) -> highspy.Highs:
    """A silent, single-threaded HiGHS that stops at the time limit or within the gap."""
    with _quiet_stdout():
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", float(relative_gap))
    highs.setOptionValue("threads", 1)
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    return highs


def _model(
    objective: np.ndarray,
    columns: list[tuple[np.ndarray, np.ndarray]],
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    upper: np.ndarray,
    integer: np.ndarray,
    maximize: bool,
) -> highspy.HighsLp:
    """The program in HiGHS's column-wise form, variables bounded by 0 and ``upper``."""
    n_columns = len(objective)
    lp = highspy.HighsLp()
    lp.num_col_ = n_columns
    lp.num_row_ = len(row_lower)
    lp.col_cost_ = np.asarray(objective, dtype=np.float64)
    lp.col_lower_ = np.zeros(n_columns)
    lp.col_upper_ = np.asarray(upper, dtype=np.float64)
    lp.row_lower_ = np.asarray(row_lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(row_upper, dtype=np.float64)
    starts = np.zeros(n_columns + 1, dtype=np.int32)
    if n_columns:
        starts[1:] = np.cumsum([len(rows) for rows, _ in columns])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = (
        np.concatenate([rows for rows, _ in columns]).astype(np.int32)
        if n_columns
        else np.zeros(0, dtype=np.int32)
    )
    lp.a_matrix_.value_ = (
        np.concatenate([vals for _, vals in columns]).astype(np.float64)
        if n_columns
        else np.zeros(0)
    )
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
        for flag in integer
    ]
    lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
    return lp


def _read_result(highs: highspy.Highs, *, n_columns: int, has_integers: bool) -> MilpResult:
    """The solution HiGHS found, with its status in our words, the bound and the gap."""
    status = highs.getModelStatus()
    info = highs.getInfo()
    names = {
        highspy.HighsModelStatus.kOptimal: "optimal",
        highspy.HighsModelStatus.kTimeLimit: "time limit",
        highspy.HighsModelStatus.kInfeasible: "infeasible",
        highspy.HighsModelStatus.kModelEmpty: "optimal",
    }
    name = names.get(status, highs.modelStatusToString(status))
    x = np.asarray(highs.getSolution().col_value, dtype=np.float64)
    if x.size != n_columns:
        x = np.zeros(n_columns)
    objective_value = float(info.objective_function_value) if n_columns else 0.0
    bound = float(info.mip_dual_bound) if n_columns else 0.0
    gap = max(float(info.mip_gap), 0.0) if has_integers and n_columns else 0.0
    return MilpResult(x, objective_value, bound, gap, name, float(highs.getRunTime()))
