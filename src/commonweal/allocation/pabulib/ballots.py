"""Projects a ballot lists twice: finding the ballots that do, and merging them."""

from __future__ import annotations

import numpy as np

from commonweal.allocation.election import Number


def rows_with_repeats(flat: np.ndarray, ptr: np.ndarray, n_projects: int) -> np.ndarray:
    """Rows (voters) that list some project twice, found without a Python loop."""
    if flat.size < 2:
        return np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(ptr.size - 1, dtype=np.int32), np.diff(ptr))
    key = flat.astype(np.int16) if n_projects < 2**15 else flat
    # A stable sort by project keeps each project's rows in order, so a repeat
    # is two neighbours with the same project and the same row.
    order = np.argsort(key, kind="stable")
    projects, voters = key[order], rows[order]
    same = (projects[1:] == projects[:-1]) & (voters[1:] == voters[:-1])
    return np.unique(voters[1:][same]).astype(np.int64)


def merge_repeats(
    vote: tuple[int, ...], points: tuple[Number, ...]
) -> tuple[tuple[int, ...], tuple[Number, ...]]:
    """Merge a project listed twice in one ballot, as pabutools does.

    Real files have them (Czestochowa 2020: "579,579,579,579;1,1,1,1"). pabutools
    stores a ballot as a dict, so the project keeps its first position and the
    last points written; we do the same so that outcomes stay comparable.
    """
    merged: dict[int, Number] = {}
    for i, project in enumerate(vote):
        merged[project] = points[i] if points else 1
    return tuple(merged), tuple(merged.values()) if points else ()
