"""Read and write Pabulib ``.pb`` files.

The format is described at https://pabulib.org/format (Stolicki, Szufa & Talmon,
"Pabulib: A Participatory Budgeting Library", 2020): three sections, ``META``,
``PROJECTS`` and ``VOTES``, each a header row and ``;``-separated rows. We read
every vote type Pabulib defines (approval, choose-1, cumulative, scoring,
ordinal), keep every column we do not interpret so that a file survives a round
trip, and check each ballot against the META limits. The one extension is an
optional ``weight`` column in ``VOTES`` (see docs/allocation.md).

Every problem is reported as an :class:`~commonweal.allocation.errors.InputError`
naming the file and the line.
"""

from commonweal.allocation.pabulib.reading import SECTIONS, parse_pabulib, read_pabulib
from commonweal.allocation.pabulib.writing import election_to_pabulib, write_pabulib

__all__ = ["SECTIONS", "election_to_pabulib", "parse_pabulib", "read_pabulib", "write_pabulib"]
