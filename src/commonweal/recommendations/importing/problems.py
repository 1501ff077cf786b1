"""How the importer reports what is wrong with a file: ``row N: column: message``."""

from __future__ import annotations

from typing import NoReturn

from django.utils.translation import gettext as _


class RecommendationImportError(Exception):
    """A file that cannot be imported; ``problems`` holds every "row N: field: message"."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


class Problem(str):
    """One problem's words, in the reader's language, knowing the row it is about."""

    row: int

    def __new__(cls, text: str, row: int) -> Problem:
        problem = super().__new__(cls, text)
        problem.row = row
        return problem


def problem_line(row: int, column: str, message: str) -> Problem:
    """One problem as reported: N is the row number the spreadsheet shows. The command
    line speaks English ("row 3: cost: …"); the import page the reader's language."""
    text = _("row %(row)d: %(column)s: %(message)s") % {
        "row": row,
        "column": column,
        "message": message,
    }
    return Problem(text, row)


def fail(source: str, message: str, row: int = 1, column: str = "file") -> NoReturn:
    """Refuse the whole file for one problem that stops the reading."""
    raise RecommendationImportError(source, [problem_line(row, column, message)])


def row_number(problem: Problem) -> int:
    return problem.row


def in_row_order(problems: list[Problem]) -> list[Problem]:
    """Problems in row order (stable within a row)."""
    return sorted(problems, key=row_number)
