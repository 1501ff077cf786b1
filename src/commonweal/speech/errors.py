"""The one error type the speech engine raises for a recording or model it cannot use."""

from __future__ import annotations


class SpeechError(Exception):
    """A file we refuse, with where and why; ``str()`` is the one line a person reads.

    Raised for every problem in untrusted input (not audio, empty, truncated, too large,
    too long, nothing but silence) and for a model folder that is missing or incomplete,
    so callers never see a traceback.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
