from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonweal.community.services import roster_import
from commonweal.rosters import MAX_ROSTER_BYTES, RosterError


class Command(BaseCommand):
    help = "Import people, stakeholder groups and memberships from a roster (YAML or CSV)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        do_import = sub.add_parser(
            "import", help="import a roster file; running it twice changes nothing"
        )
        do_import.add_argument("file", type=Path)
        do_import.add_argument(
            "--format",
            dest="file_format",
            choices=["yaml", "csv"],
            help="default: from the file's suffix",
        )

    def handle(self, *args, action: str, file: Path, file_format: str | None, **options):
        try:
            if file.stat().st_size > MAX_ROSTER_BYTES:
                raise RosterError(
                    str(file), [f"1: the file is larger than {MAX_ROSTER_BYTES // 1024 // 1024} MB"]
                )
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}", returncode=2) from None
        except RosterError as error:
            self._fail(error)
        try:
            result = roster_import(data=data, source=str(file), kind=file_format)
        except RosterError as error:
            self._fail(error)
        self.stdout.write(
            f"{file}: {result.people_created} people created, "
            f"{result.groups_created} groups created, "
            f"{result.memberships_created} memberships created, "
            f"{result.memberships_updated} updated, {result.unchanged} unchanged"
        )

    def _fail(self, error: RosterError):
        for problem in error.problems:
            self.stderr.write(f"{error.source}:{problem}")
        raise SystemExit(2)
