"""How the importer reports what is wrong with a file: ``row N: column: message``."""

from __future__ import annotations

from typing import NoReturn


class RecommendationImportError(Exception):
    """A file that cannot be imported; ``problems`` holds every "row N: field: message"."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


def problem_line(row: int, column: str, message: str) -> str:
    """One problem as reported: N is the row number the spreadsheet shows."""
    return f"row {row}: {column}: {message}"


def fail(source: str, message: str, row: int = 1, column: str = "file") -> NoReturn:
    """Refuse the whole file for one problem that stops the reading."""
    raise RecommendationImportError(source, [problem_line(row, column, message)])


def row_number(problem: str) -> int:
    return int(problem.split(":", 1)[0].removeprefix("row "))


def in_row_order(problems: list[str]) -> list[str]:
    """Problems in row order (stable within a row)."""
    return sorted(problems, key=row_number)
