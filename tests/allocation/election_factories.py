"""Small elections for tests: built by hand, or drawn by hypothesis."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from commonweal.allocation.election import Election, Project


def election(
    costs: dict[str, int],
    ballots: list[list[str]] | list[dict[str, int]],
    budget: int,
    *,
    weights: list[int | Fraction] | None = None,
) -> Election:
    """An election from project costs and ballots (lists: approval; dicts: cumulative)."""
    ids = list(costs)
    index = {p: i for i, p in enumerate(ids)}
    cumulative = bool(ballots) and isinstance(ballots[0], dict)
    return Election(
        meta={"description": "test", "budget": str(budget)},
        projects=[Project(p, Fraction(c)) for p, c in costs.items()],
        budget=Fraction(budget),
        vote_type="cumulative" if cumulative else "approval",
        voter_ids=[str(i) for i in range(len(ballots))],
        votes=[tuple(index[p] for p in b) for b in ballots],
        points=[tuple(b.values()) for b in ballots] if cumulative else None,
        weights=[Fraction(w) for w in weights] if weights is not None else None,
    )


# Ids that sort differently as strings and as numbers, so tie-breaking is tested.
PROJECT_IDS = ["1", "2", "10", "a", "B", "p3", "p20", "x"]


@st.composite
def small_elections(draw, vote_type: str = "approval", max_cost: int = 20) -> Election:
    """Random small elections of the kind where rules disagree if they can."""
    n_projects = draw(st.integers(1, 6))
    ids = draw(st.permutations(PROJECT_IDS))[:n_projects]
    # Repeated costs and repeated ballots make exact ties, the hard cases.
    costs = {p: draw(st.sampled_from([0, 1, 2, 3, 5, 6, 10, max_cost])) for p in ids}
    budget = draw(st.integers(0, 3 * max_cost))
    n_voters = draw(st.integers(0, 8))
    ballots: list = []
    for _ in range(n_voters):
        # pabutools cannot read an empty cumulative ballot, and real files have none.
        smallest = 0 if vote_type == "approval" else 1
        chosen = draw(
            st.lists(st.sampled_from(ids), unique=True, min_size=smallest, max_size=n_projects)
        )
        if vote_type == "approval":
            ballots.append(chosen)
        else:
            ballots.append({p: draw(st.integers(1, 3)) for p in chosen})
    result = election(costs, ballots, budget)
    if vote_type != "approval":
        result.vote_type = vote_type
        if not ballots:
            result.points = []
    return result
