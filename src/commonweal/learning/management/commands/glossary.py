"""``commonweal glossary import FILE`` and ``commonweal glossary export FILE --format csv|tbx``.

Import is all or nothing; every problem is printed as ``FILE:LINE: message`` and the
command exits with status 2. The formats are in docs/glossary.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonweal.learning.glossary.files import (
    FORMATS,
    format_of,
    glossary_file_export,
    glossary_file_import,
)
from commonweal.learning.glossary.spec import GlossaryFileError


class Command(BaseCommand):
    help = "Import or export the glossary as CSV or TBX (ISO 30042, TBX-Basic)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        do_import = sub.add_parser("import", help="import FILE (.csv or .tbx); all or nothing")
        do_import.add_argument("file", type=Path)
        do_export = sub.add_parser("export", help="write the whole glossary to FILE")
        do_export.add_argument("file", type=Path)
        do_export.add_argument("--format", choices=FORMATS, help="default: from FILE's suffix")

    def handle(self, *args, action: str, file: Path, **options):
        try:
            if action == "export":
                count = glossary_file_export(file, options.get("format") or format_of(file))
                self.stdout.write(f"{file}: {count} term(s) exported")
                return
            count = glossary_file_import(file)
        except GlossaryFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise SystemExit(2) from None
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}", returncode=2) from None
        self.stdout.write(f"{file}: {count} term(s) imported")
