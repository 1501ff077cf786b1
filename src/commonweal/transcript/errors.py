"""The one error type the engine raises for input it cannot read."""

from __future__ import annotations


class TranscriptError(Exception):
    """A file we refuse, with where and why; ``str()`` is the one line a person reads.

    Readers raise it for every problem in untrusted input (wrong encoding, binary data,
    malformed cues, oversized or bomb archives) so callers never see a traceback.
    """

    def __init__(
        self, path: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.field is not None:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class TooManyTurns(Exception):
    """Raised by the turn table as soon as a meeting passes ``turntable.MAX_TURNS``, so a
    hostile file is refused while it is read, not after; the reader turns it into a
    TranscriptError naming the file."""
