"""``commonweal prioritize`` and ``commonweal plan``.

Both read a plain file, print JSON (or a table) on stdout and return an exit
status: 0 on success, 2 for bad input — with one line on stderr that names the
file and the line or field, and no traceback. ``--language`` words the reasons
and the table in one of the platform's languages, from its compiled catalogue;
the JSON's keys and codes stay the same.
"""

from __future__ import annotations

import argparse
import json
import sys

from commonweal.allocation.errors import InputError
from commonweal.allocation.explain import outcome_document, outcome_table
from commonweal.allocation.language import LANGUAGES, Language, UnknownLanguage, language_named
from commonweal.allocation.pabulib import read_pabulib
from commonweal.allocation.rules import RULES, RuleNotApplicable
from commonweal.terminal import emit

BAD_INPUT = 2


def _emit(text: str) -> None:
    emit(text + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, with our exit status."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(BAD_INPUT, f"{self.prog}: error: {message}\n")


def _language(text: str) -> Language:
    """``--language``: a language the platform speaks, its catalogue read (no Django)."""
    try:
        return language_named(text)
    except UnknownLanguage as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    except OSError as error:
        raise argparse.ArgumentTypeError(
            f"the catalogue of {text!r} cannot be read ({error.strerror})"
        ) from None


def _add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        type=_language,
        default="en",
        metavar="|".join(LANGUAGES),
        help="the language of the reasons and the table (default en; zh is zh-hans)",
    )


def prioritize_main(argv: list[str]) -> int:
    """Run one participatory-budgeting rule on a Pabulib file."""
    parser = _Parser(
        prog="commonweal prioritize",
        description="Select projects from a Pabulib .pb file with a voting rule.",
    )
    parser.add_argument("file", help="the election, a Pabulib .pb file")
    parser.add_argument("--rule", choices=sorted(RULES), default="mes")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    _add_language(parser)
    args = parser.parse_args(argv)
    try:
        election = read_pabulib(args.file)
        outcome = RULES[args.rule](election, None)
    except (InputError, RuleNotApplicable) as error:
        # Both messages start with the file name and say the line or field.
        print(f"commonweal prioritize: {error}", file=sys.stderr)
        return BAD_INPUT
    if args.format == "json":
        _emit(json.dumps(outcome_document(outcome, args.language), ensure_ascii=False, indent=2))
    else:
        _emit(outcome_table(outcome, args.language))
    return 0


def plan_main(argv: list[str]) -> int:
    """Plan a multi-year portfolio from a YAML or JSON plan file."""
    from commonweal.allocation.planner import plan_document, plan_table, read_plan, solve_plan

    parser = _Parser(
        prog="commonweal plan",
        description="Choose which items start in which fiscal year, within each year's cap.",
    )
    parser.add_argument("file", help="the plan, a YAML or JSON file")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    parser.add_argument(
        "--time-limit", type=float, default=None, help="seconds for the solver (overrides file)"
    )
    _add_language(parser)
    args = parser.parse_args(argv)
    try:
        problem = read_plan(args.file)
        result = solve_plan(problem, time_limit=args.time_limit)
    except InputError as error:
        print(f"commonweal plan: {error}", file=sys.stderr)
        return BAD_INPUT
    if args.format == "json":
        # Strict JSON: the reader refuses NaN and infinity, so none can reach the output.
        document = plan_document(result, args.language)
        _emit(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        _emit(plan_table(result, args.language))
    return 0
