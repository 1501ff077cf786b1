"""Writing an election as a ``.pb`` file that reads back equal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from commonweal.allocation.election import POINT_TYPES, Election
from commonweal.allocation.pabulib.fields import format_number


def election_to_pabulib(election: Election) -> str:
    """Write ``election`` as the text of a ``.pb`` file that reads back equal."""
    out = io.StringIO()
    _write_meta(election, out)
    _write_projects(election, out)
    _write_votes(election, out)
    return out.getvalue()


def write_pabulib(election: Election, path: str | Path) -> None:
    """Write ``election`` to ``path`` as a ``.pb`` file."""
    Path(path).write_text(election_to_pabulib(election), encoding="utf-8")


def _row_writer(out: io.StringIO):
    """A writer of ``;``-separated rows ending in a bare newline, as Pabulib files have."""
    return csv.writer(out, delimiter=";", lineterminator="\n")


def _write_meta(election: Election, out: io.StringIO) -> None:
    """The META section: the election's own keys, then the budget, vote type and counts."""
    meta = dict(election.meta)
    meta["budget"] = format_number(election.budget)
    meta["vote_type"] = election.vote_type
    meta["num_projects"] = str(len(election.projects))
    meta["num_votes"] = str(len(election.voter_ids))
    out.write("META\n")
    writer = _row_writer(out)
    writer.writerow(["key", "value"])
    for key, value in meta.items():
        writer.writerow([key, value])


def _write_projects(election: Election, out: io.StringIO) -> None:
    """The PROJECTS section, with every extra column any project carries.

    ``category`` and ``target`` appear only when some project has one, and are
    empty for a project without: an empty field, never the text ``None``.
    """
    extra_keys: list[str] = []
    for project in election.projects:
        extra_keys.extend(k for k in project.extra if k not in extra_keys)
    listed = [
        (key, attribute)
        for key, attribute in (("category", "categories"), ("target", "targets"))
        if any(getattr(project, attribute) for project in election.projects)
    ]
    out.write("PROJECTS\n")
    writer = _row_writer(out)
    writer.writerow(["project_id", "cost", "name", *(key for key, _ in listed), *extra_keys])
    for project in election.projects:
        writer.writerow(
            [
                project.id,
                format_number(project.cost),
                project.name,
                *(",".join(getattr(project, attribute)) for _, attribute in listed),
                *(project.extra.get(k, "") for k in extra_keys),
            ]
        )


def _write_votes(election: Election, out: io.StringIO) -> None:
    """The VOTES section: one row per voter, with points and weight columns when present."""
    out.write("VOTES\n")
    writer = _row_writer(out)
    with_points = election.vote_type in POINT_TYPES
    header = ["voter_id", "vote"]
    if with_points:
        header.append("points")
    if election.weights is not None:
        header.append("weight")
    header.extend(election.voter_extra)
    writer.writerow(header)
    ids = election.project_ids
    for voter, voter_id in enumerate(election.voter_ids):
        row = [voter_id, ",".join(ids[p] for p in election.votes[voter])]
        if with_points:
            points = election.points[voter] if election.points is not None else ()
            row.append(",".join(format_number(x) for x in points))
        if election.weights is not None:
            row.append(format_number(election.weights[voter]))
        row.extend(column[voter] for column in election.voter_extra.values())
        writer.writerow(row)
