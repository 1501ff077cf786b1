"""``commonweal courses import DIR`` and ``commonweal courses export DIR``: courses kept as
folders of Markdown and YAML, so a community can keep them under version control.

Import is all or nothing; every problem is printed as ``FILE:LINE: message`` and the
command exits with status 2. The format is in docs/learning.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonweal.learning import selectors
from commonweal.learning.folder import CourseFolderError, read_courses
from commonweal.learning.folder_write import write_courses
from commonweal.learning.services.importing import courses_import


class Command(BaseCommand):
    help = "Import or export the learning center's courses as folders of Markdown and YAML."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        do_import = sub.add_parser(
            "import", help="import DIR (a course folder, or a folder of them); all or nothing"
        )
        do_import.add_argument("folder", type=Path)
        do_export = sub.add_parser("export", help="write each course into DIR/<course>/")
        do_export.add_argument("folder", type=Path)
        do_export.add_argument("--course", action="append", help="only this course (repeatable)")

    def handle(self, *args, action: str, folder: Path, **options):
        if action == "export":
            self._export(folder, options.get("course") or [])
            return
        try:
            courses = courses_import(courses=read_courses(folder))
        except CourseFolderError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise SystemExit(2) from None
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}", returncode=2) from None
        self.stdout.write(f"{folder}: {len(courses)} course(s) imported")

    def _export(self, folder: Path, only: list[str]) -> None:
        chosen = selectors.courses()
        if only:
            chosen = chosen.filter(slug__in=only)
        specs = [selectors.course_spec(course) for course in chosen]
        try:
            write_courses(specs, folder)
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}", returncode=2) from None
        self.stdout.write(f"{folder}: {len(specs)} course(s) exported")
