"""A command's result on standard output, the same way for every engine's command."""

from __future__ import annotations

import os
import sys


def emit(text: str, *, utf8: bool = False) -> None:
    """Write ``text`` to standard output; a reader that stops early (``commonweal parse …
    | head``) is not an error. ``utf8``: a data format (JSON, CSV, subtitles), written as
    UTF-8 whatever the terminal's locale."""
    if utf8 and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
