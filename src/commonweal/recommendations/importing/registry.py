"""Checking the file's rows against the registry: what they would change, what they need.

A recommendation already past assessment is the community's record, so a row may
repeat it but not change it; and every dependency must name a recommendation that
exists, without a circle.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from django.utils.translation import gettext as _

from commonweal.recommendations.importing.problems import problem_line, row_number
from commonweal.recommendations.importing.rows import ImportRow
from commonweal.recommendations.models import Recommendation

# A recommendation in one of these can still be changed by a file; later ones are the
# community's record (voted on, decided), and a row that would change them is refused.
OPEN_STATUSES = (Recommendation.Status.RECEIVED, Recommendation.Status.ASSESSED)
# A file can hold millions of circles (5,000 rows, each depending on hundreds of others):
# the first ones found are reported, enough to fix the file, in bounded time.
MAX_CIRCLES = 20


def _snapshot(recommendation: Recommendation) -> dict:
    """What a row can say about a stored recommendation, to tell a change from a repeat."""
    return {
        "title": recommendation.title,
        "text": recommendation.text,
        "language": recommendation.language,
        "source": (
            recommendation.source.kind,
            recommendation.source.body,
            recommendation.source.document,
        ),
        "objectives": {objective.code for objective in recommendation.objectives.all()},
        "costs": (recommendation.one_time_cost, recommendation.recurring_cost),
        "implementation_years": recommendation.implementation_years,
        "depends_on": {item.reference for item in recommendation.dependencies.all()},
        "owner": recommendation.owner,
        "illustrative": recommendation.illustrative,
        "translations": {
            item.language: (item.title, item.text) for item in recommendation.translations.all()
        },
    }


def _wanted(row: ImportRow, current: dict) -> dict:
    """The snapshot the row asks for: its cells where given, what is stored elsewhere."""
    return {
        "title": row.title,
        "text": row.text,
        "language": row.language or current["language"],
        "source": (row.source_kind, row.source_body, row.source_document),
        "objectives": (
            {objective.code for objective in row.objectives}
            if row.objectives is not None
            else current["objectives"]
        ),
        "costs": (row.one_time_cost, row.recurring_cost) if row.costed else current["costs"],
        "implementation_years": row.implementation_years or current["implementation_years"],
        "depends_on": set(row.depends_on) if row.depends_on is not None else current["depends_on"],
        "owner": row.owner or current["owner"],
        "illustrative": (
            row.illustrative if row.illustrative is not None else current["illustrative"]
        ),
        "translations": {**current["translations"], **row.translations},
    }


def check_existing(rows: list[ImportRow], problems: list[str]) -> None:
    """Find the stored recommendation of each row and refuse a change to a closed one."""
    existing = Recommendation.objects.select_related("source").prefetch_related(
        "objectives", "dependencies", "translations"
    )
    found = existing.in_bulk([row.reference for row in rows], field_name="reference")
    # A row already refused says nothing reliable about what it would change.
    refused = {row_number(problem) for problem in problems}
    for row in rows:
        row.existing = found.get(row.reference)
        if row.existing is None or row.number in refused:
            continue
        current = _snapshot(row.existing)
        wanted = _wanted(row, current)
        differences = [name for name in current if current[name] != wanted[name]]
        row.changed = bool(differences)
        if differences and row.existing.status not in OPEN_STATUSES:
            message = _(
                "%(reference)s is already “%(status)s” and can no longer be changed by a file "
                "(this row changes %(columns)s)"
            ) % {
                "reference": row.reference,
                "status": row.existing.get_status_display(),
                "columns": ", ".join(differences),
            }
            problems.append(problem_line(row.number, "reference", message))


def check_dependencies(rows: list[ImportRow], problems: list[str]) -> None:
    """Every dependency names a known recommendation, and no chain of them comes back."""
    in_file = {row.reference: row for row in rows}
    graph = _stored_dependencies()
    stored = set(Recommendation.objects.values_list("reference", flat=True))
    for row in rows:
        if row.depends_on is None:
            continue
        unknown = [ref for ref in row.depends_on if ref not in in_file and ref not in stored]
        if unknown:
            message = _("no recommendation %(references)s in this file or the registry") % {
                "references": ", ".join(unknown)
            }
            problems.append(problem_line(row.number, "depends_on", message))
        graph[row.reference] = set(row.depends_on) - {row.reference}  # itself: refused with the row
    _check_circles(graph, rows, in_file, problems)


def _stored_dependencies() -> dict[str, set[str]]:
    """The registry's dependencies, as the references each reference depends on."""
    edges = Recommendation.dependencies.through.objects.values_list(
        "from_recommendation__reference", "to_recommendation__reference"
    )
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    return graph


def _check_circles(
    graph: dict[str, set[str]],
    rows: list[ImportRow],
    in_file: dict[str, ImportRow],
    problems: list[str],
) -> None:
    """Each circle once, on the first of its rows in the file."""
    reported: set[frozenset[str]] = set()
    found = _cycles(graph, start_from=[row.reference for row in rows])
    for cycle in itertools.islice(found, MAX_CIRCLES):
        key = frozenset(cycle)
        if key in reported:
            continue
        reported.add(key)
        numbers = [in_file[ref].number for ref in cycle if ref in in_file]
        if not numbers:
            continue
        message = _("a circle of dependencies: %(cycle)s") % {
            "cycle": " → ".join([*cycle, cycle[0]])
        }
        problems.append(problem_line(min(numbers), "depends_on", message))


def _cycles(graph: dict[str, set[str]], start_from: list[str]) -> Iterator[list[str]]:
    """One cycle per back edge found by an iterative depth-first search, as it is found."""
    finished: set[str] = set()
    for root in start_from:
        if root in finished:
            continue
        path: list[str] = [root]
        on_path = {root: 0}  # each reference on the current path, at its place in it
        stack = [iter(sorted(graph.get(root, ())))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                del on_path[path[-1]]
                finished.add(path.pop())
            elif child in on_path:
                yield path[on_path[child] :]
            elif child not in finished:
                on_path[child] = len(path)
                path.append(child)
                stack.append(iter(sorted(graph.get(child, ()))))
