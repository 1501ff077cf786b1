"""An election: the projects on the table, the budget, and the voters' ballots.

The dataclasses here are the engine's plain-data view of a participatory-budgeting
round, close to the Pabulib model (Faliszewski et al., "Participatory Budgeting:
Data, Tools, and Analysis", IJCAI 2023): an *instance* (projects with costs and a
budget limit) and a *profile* (one ballot per voter). Ballots are kept column by
column (one list per field) rather than one object per voter, because real
elections have 100,000 voters and an object each costs more than the rules do.

:class:`VoteMatrix` is the compact form the rules work on: identical ballots are
merged into one weighted row, and the approvals are stored as compressed sparse
arrays, so memory is linear in the number of approvals.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain

import numpy as np

APPROVAL_TYPES = ("approval", "choose-1")
POINT_TYPES = ("cumulative", "scoring")
VOTE_TYPES = (*APPROVAL_TYPES, *POINT_TYPES, "ordinal")

Number = int | Fraction


@dataclass(frozen=True)
class Project:
    """One project: its id (unique in the election), cost and descriptive fields."""

    id: str
    cost: Fraction
    name: str = ""
    categories: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=True, hash=False)


class Ballots(Sequence[tuple[int, ...]]):
    """Voters' project lists stored flat: voter i's are ``flat[ptr[i]:ptr[i + 1]]``.

    The reader builds this instead of 100,000 tuples; it reads like a list of
    tuples (indexing, iteration, equality with a list), and ``vote_matrix``
    uses its arrays as they are.
    """

    __slots__ = ("flat", "ptr")

    def __init__(self, flat: np.ndarray, ptr: np.ndarray) -> None:
        self.flat = flat
        self.ptr = ptr

    def __len__(self) -> int:
        return len(self.ptr) - 1

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return tuple(self.flat[self.ptr[index] : self.ptr[index + 1]].tolist())

    def __iter__(self) -> Iterator[tuple[int, ...]]:
        flat, ptr = self.flat.tolist(), self.ptr.tolist()
        for start, end in zip(ptr, ptr[1:], strict=False):
            yield tuple(flat[start:end])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(
            a == tuple(b) for a, b in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Ballots({list(self)!r})"

    def lengths(self) -> np.ndarray:
        return np.diff(self.ptr)


@dataclass
class Election:
    """A participatory-budgeting election.

    ``votes[i]`` holds the indices (into ``projects``) of the projects voter ``i``
    voted for, in ballot order (the ranking, for ordinal ballots). ``points[i]`` is
    the matching list of points for cumulative and scoring ballots, else ``None``.
    ``weights[i]`` is voter ``i``'s weight, its share of the budget under the
    Method of Equal Shares (``None``: every voter weighs 1).
    """

    meta: dict[str, str]
    projects: list[Project]
    budget: Fraction
    vote_type: str
    voter_ids: list[str]
    votes: Sequence[tuple[int, ...]]
    points: list[tuple[Number, ...]] | None = None
    weights: list[Fraction] | None = None
    voter_extra: dict[str, list[str]] = field(default_factory=dict)
    source: str = "<election>"

    @property
    def project_ids(self) -> list[str]:
        return [p.id for p in self.projects]

    def weight_of(self, voter: int) -> Fraction:
        return Fraction(1) if self.weights is None else self.weights[voter]


@dataclass(frozen=True)
class VoteMatrix:
    """Ballots merged by identity and stored as two CSR-like layouts.

    Rows ("groups") are distinct (ballot, weight) pairs; ``mult[g]`` is the number
    of voters in group ``g`` times their weight. ``points`` holds each approval's
    points (1 for approval and ordinal ballots). The project-major layout
    (``p_ptr``, ``p_group``, ``p_points``) lists each project's supporters; the
    group-major layout (``g_ptr``, ``g_project``) lists each group's projects.
    """

    n_voters: int
    n_projects: int
    mult: np.ndarray
    p_ptr: np.ndarray
    p_group: np.ndarray
    p_points: np.ndarray
    g_ptr: np.ndarray
    g_project: np.ndarray
    voter_group: np.ndarray  # the group of each voter

    @property
    def total_weight(self) -> float:
        return float(self.mult.sum())

    def supporters(self, project: int) -> slice:
        return slice(int(self.p_ptr[project]), int(self.p_ptr[project + 1]))

    def vote_counts(self) -> np.ndarray:
        """Weighted number of voters who voted for each project."""
        entry_project = np.repeat(np.arange(self.n_projects), np.diff(self.p_ptr))
        return np.bincount(
            entry_project, weights=self.mult[self.p_group], minlength=self.n_projects
        )

    def point_totals(self) -> np.ndarray:
        """Weighted sum of the points each project received."""
        entry_project = np.repeat(np.arange(self.n_projects), np.diff(self.p_ptr))
        return np.bincount(
            entry_project,
            weights=self.mult[self.p_group] * self.p_points,
            minlength=self.n_projects,
        )


def _ballot_keys(
    entry_project: np.ndarray, entry_points: np.ndarray, lengths: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """A 128-bit key per ballot, equal for equal (set of projects, points, weight).

    Each (project, points) pair gets a random 64-bit code (twice, independently)
    and a ballot's key is the wrapping sum of its pairs' codes, so the order in
    which a ballot lists its projects does not matter. Two different ballots
    share a key with probability about 2**-128: we merge by key without
    comparing ballots, which keeps this linear and vectorised.
    """
    rng = np.random.default_rng(20210621)
    n_projects = int(entry_project.max()) + 1 if entry_project.size else 1
    keys = np.empty((lengths.size, 2), dtype=np.uint64)
    points_bits = entry_points.view(np.uint64)
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    with np.errstate(over="ignore"):
        for column in range(2):
            codes = rng.integers(1, 2**63, size=n_projects, dtype=np.uint64)
            mix = rng.integers(1, 2**63, dtype=np.uint64) | np.uint64(1)
            entry_code = codes[entry_project] * ((points_bits * mix) | np.uint64(1))
            running = np.concatenate(([np.uint64(0)], np.cumsum(entry_code, dtype=np.uint64)))
            keys[:, column] = running[bounds[1:]] - running[bounds[:-1]]
            keys[:, column] ^= weights.view(np.uint64) * mix
    return keys


def vote_matrix(election: Election, *, use_points: bool | None = None) -> VoteMatrix:
    """Build the compact :class:`VoteMatrix` of ``election``.

    Points are used for cumulative and scoring ballots unless ``use_points`` says
    otherwise; approval and ordinal ballots count each listed project once.
    Identical ballots of equal weight (in any order) become one weighted group.
    """
    if use_points is None:
        use_points = election.vote_type in POINT_TYPES and election.points is not None
    lengths, entry_project, entry_points = _ballot_entries(election, use_points)
    n_voters = lengths.size
    weights = (
        np.ones(n_voters)
        if election.weights is None
        else np.fromiter(map(float, election.weights), dtype=np.float64, count=n_voters)
    )
    keys = _ballot_keys(entry_project, entry_points, lengths, weights)
    first, voter_group = _group_equal_keys(keys)
    mult = np.bincount(voter_group, weights=weights, minlength=first.size)
    g_ptr, g_project, g_points, entry_group = _group_approvals(
        first, lengths, entry_project, entry_points
    )
    n_projects = len(election.projects)
    # Groups are already in order, so a stable sort by project gives the
    # project-major layout; on 16-bit keys numpy's stable sort is a radix sort.
    sort_key = g_project.astype(np.int16) if n_projects < 2**15 else g_project
    order = np.argsort(sort_key, kind="stable")
    p_ptr = np.zeros(n_projects + 1, dtype=np.int64)
    np.cumsum(np.bincount(g_project, minlength=n_projects), out=p_ptr[1:])
    return VoteMatrix(
        n_voters=n_voters,
        n_projects=n_projects,
        mult=mult,
        p_ptr=p_ptr,
        p_group=entry_group[order],
        p_points=g_points[order],
        g_ptr=g_ptr,
        g_project=g_project,
        voter_group=voter_group,
    )


def _ballot_entries(
    election: Election, use_points: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ballot flattened: each voter's ballot length, then each entry's project and points.

    Entries are the (voter, project) pairs in ballot order; without points each
    entry counts 1.
    """
    n_voters = len(election.votes)
    if isinstance(election.votes, Ballots):
        lengths = election.votes.lengths()
        nnz = int(lengths.sum())
        entry_project = election.votes.flat
    else:
        lengths = np.fromiter(map(len, election.votes), dtype=np.int64, count=n_voters)
        nnz = int(lengths.sum())
        entry_project = np.fromiter(chain.from_iterable(election.votes), dtype=np.int64, count=nnz)
    if use_points and election.points is not None:
        entry_points = np.fromiter(
            map(float, chain.from_iterable(election.points)), dtype=np.float64, count=nnz
        )
    else:
        entry_points = np.ones(nnz, dtype=np.float64)
    return lengths, entry_project, entry_points


def _group_equal_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Voters with equal ballot keys as one group: each group's first voter, each voter's group.

    Groups are numbered in the order of their keys (np.unique(axis=0) does the
    same, several times slower).
    """
    n_voters = keys.shape[0]
    by_key = np.lexsort((keys[:, 1], keys[:, 0]))
    sorted_keys = keys[by_key]
    new_key = np.ones(n_voters, dtype=bool)
    new_key[1:] = np.any(sorted_keys[1:] != sorted_keys[:-1], axis=1)
    first = by_key[new_key]
    voter_group = np.empty(n_voters, dtype=np.int64)
    voter_group[by_key] = np.cumsum(new_key) - 1
    return first, voter_group


def _group_approvals(
    first: np.ndarray, lengths: np.ndarray, entry_project: np.ndarray, entry_points: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The group-major layout: ``g_ptr``, and each group entry's project, points and group.

    A group's approvals are those of its first voter; entries with zero points
    are dropped, so that "supporters" means support.
    """
    n_groups = first.size
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[first]
    g_lengths = lengths[first]
    g_ptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(g_lengths, out=g_ptr[1:])
    positions = np.repeat(starts - g_ptr[:-1], g_lengths) + np.arange(int(g_ptr[-1]))
    g_project = entry_project[positions]
    g_points = entry_points[positions]
    entry_group = np.repeat(np.arange(n_groups, dtype=np.int64), g_lengths)
    keep = g_points > 0
    if not keep.all():
        g_project, g_points, entry_group = g_project[keep], g_points[keep], entry_group[keep]
        np.cumsum(np.bincount(entry_group, minlength=n_groups), out=g_ptr[1:])
    return g_ptr, g_project, g_points, entry_group
