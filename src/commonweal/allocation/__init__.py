"""The prioritization engine: Pabulib files, voting rules, the multi-year planner.

Plain Python with numpy and HiGHS; nothing here imports Django, so the engine
works as a library and from the command line on plain files.
"""

from commonweal.allocation.election import Election, Project, VoteMatrix, vote_matrix
from commonweal.allocation.errors import InputError
from commonweal.allocation.outcome import Explanation, Outcome
from commonweal.allocation.pabulib import (
    election_to_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from commonweal.allocation.rules import RULES

__all__ = [
    "RULES",
    "Election",
    "Explanation",
    "InputError",
    "Outcome",
    "Project",
    "VoteMatrix",
    "election_to_pabulib",
    "parse_pabulib",
    "read_pabulib",
    "vote_matrix",
    "write_pabulib",
]
