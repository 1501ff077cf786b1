"""``commonweal parse FILE [--roster ROSTER] [--format json|table|csv] [--convokit DIR]``."""

from __future__ import annotations

import argparse
import sys

from commonweal.terminal import emit
from commonweal.transcript import TranscriptError, parse_file
from commonweal.transcript.writers import to_csv, to_json, to_table, write_convokit


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and status 2, as for bad files
        self.exit(2, f"commonweal parse: {message}\n")


def _arguments() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="commonweal parse",
        description="Parse one meeting transcript: who spoke, how much, on what.",
    )
    parser.add_argument("file", help=".txt .md .docx .pdf .vtt .srt .json utterances.jsonl")
    parser.add_argument("--roster", help="YAML or CSV with name, group, role")
    parser.add_argument("--format", choices=("json", "table", "csv"), default="table")
    parser.add_argument("--convokit", metavar="DIR", help="also write a ConvoKit corpus here")
    return parser


def parse_main(argv: list[str]) -> int:
    options = _arguments().parse_args(argv)
    try:
        result = parse_file(options.file, options.roster)
        if options.convokit:
            write_convokit(result, options.convokit)
    except TranscriptError as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or options.file}: {error.strerror}", file=sys.stderr)
        return 2
    writer = {"json": to_json, "table": to_table, "csv": to_csv}[options.format]
    output = writer(result) + ("\n" if options.format == "json" else "")
    emit(output, utf8=options.format != "table")
    return 0
