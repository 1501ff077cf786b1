"""The ``commonweal`` program.

Engine commands (``parse``, ``prioritize``, ``plan``, ``transcribe``) run without Django so that
they work on plain files, with no database and no settings. Every other word is
handed to Django's management commands (``demo``, ``serve``, ``roster``,
``migrate``, ``check`` ...), so one program fronts the whole platform.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module

# word -> "module:function"; the function takes argv (without the word) and
# returns an exit status. Imported lazily so one engine's import cost is not
# paid by the other.
ENGINE_COMMANDS: dict[str, str] = {
    "parse": "commonweal.transcript.cli:parse_main",
    "prioritize": "commonweal.allocation.cli:prioritize_main",
    "plan": "commonweal.allocation.cli:plan_main",
    "transcribe": "commonweal.speech.cli:transcribe_main",
}


def _engine_command(word: str) -> Callable[[list[str]], int]:
    module_name, function_name = ENGINE_COMMANDS[word].split(":")
    return getattr(import_module(module_name), function_name)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ENGINE_COMMANDS:
        return _engine_command(argv[0])(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.settings")
    problem = settings_problem()
    if problem:
        print(f"commonweal: {problem}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(["commonweal", *argv])
    return 0


def settings_problem() -> str | None:
    """Load the settings; a misconfiguration comes back as its one-line message.

    The settings module names the environment variable in every error it raises,
    so the person starting the program reads that line and not a traceback.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018  (reading a setting loads the module)
    except ImproperlyConfigured as error:
        return str(error)
    return None


if __name__ == "__main__":
    sys.exit(main())
