"""Generated Pabulib elections whose approvals are drawn like the shared files'.

Ballot lengths are drawn from the lengths seen in the shared approval files, and
projects are picked with probabilities shaped like the shared files' vote
shares (a long tail: a few projects are on many ballots, most on few). Costs are
drawn from the shared files' costs; the budget is a third of the total cost,
close to the real ratio.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np

from commonweal.allocation import Election, Project, read_pabulib

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "pabulib"
_APPROVAL_FILES = ("Poland_Wieliczka_2023_Green_Budget.pb", "Poland_Swiecie_2023.pb")


def shape_of_shared_files() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ballot-length fractions (of the project count), vote shares and costs."""
    lengths, shares, costs = [], [], []
    for name in _APPROVAL_FILES:
        path = SHARED / name
        if not path.exists():
            continue
        election = read_pabulib(path)
        m = len(election.projects)
        lengths.extend(len(v) / m for v in election.votes)
        counts = np.bincount([p for v in election.votes for p in v], minlength=m).astype(float)
        shares.extend(sorted(counts / counts.max(), reverse=True))
        costs.extend(float(p.cost) for p in election.projects)
    if not lengths:  # no shared folder: a plausible long-tailed stand-in
        lengths = list(np.clip(np.random.default_rng(0).geometric(0.25, 1000) / 64, 0, 1))
        shares = list(1 / np.arange(1, 65) ** 0.7)
        costs = list(np.random.default_rng(1).lognormal(11, 1, 64))
    return np.array(lengths), np.array(shares), np.array(costs)


def generated_election(n_voters: int, n_projects: int = 200, seed: int = 0) -> Election:
    rng = np.random.default_rng(seed)
    lengths, shares, costs = shape_of_shared_files()
    popularity = rng.choice(shares, n_projects) + 1e-3
    project_costs = np.round(rng.choice(costs, n_projects), -2).clip(100, None)
    ballot_lengths = np.clip(
        np.rint(rng.choice(lengths, n_voters) * n_projects), 1, n_projects
    ).astype(int)
    votes: list[tuple[int, ...]] = []
    log_p = np.log(popularity)
    chunk = 5000
    for start in range(0, n_voters, chunk):
        size = min(chunk, n_voters - start)
        # Gumbel top-k: sampling without replacement, proportional to popularity.
        keys = log_p + rng.gumbel(size=(size, n_projects))
        order = np.argsort(-keys, axis=1)
        for row, length in zip(order, ballot_lengths[start : start + size], strict=True):
            votes.append(tuple(int(p) for p in np.sort(row[:length])))
    total = int(project_costs.sum())
    return Election(
        meta={"description": f"generated, {n_voters} voters", "country": "nowhere"},
        projects=[Project(str(i + 1), Fraction(int(c))) for i, c in enumerate(project_costs)],
        budget=Fraction(total // 3),
        vote_type="approval",
        voter_ids=[str(i + 1) for i in range(n_voters)],
        votes=votes,
    )
