"""The one error type the engine raises for bad input files."""

from __future__ import annotations


class InputError(ValueError):
    """A file the engine was given is malformed.

    ``str(error)`` is one line naming the file and the line number (or the field,
    where a line means nothing, as in a parsed YAML document), so that the command
    line can print it as it is.
    """

    def __init__(
        self, source: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.source = source
        self.message = message
        self.line = line
        self.field = field
        where = source
        if line is not None:
            where += f":{line}"
        if field is not None:
            where += f": field {field!r}"
        super().__init__(f"{where}: {message}")
