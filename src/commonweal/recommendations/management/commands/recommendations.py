from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonweal.recommendations.exporting import recommendations_csv, recommendations_json
from commonweal.recommendations.importing import (
    MAX_IMPORT_BYTES,
    RecommendationImportError,
    recommendations_import,
)
from commonweal.recommendations.models import Recommendation


class Command(BaseCommand):
    help = (
        "The registry of recommendations: import a spreadsheet (CSV; all rows or none) "
        "or export the registry as CSV or JSON."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        do_import = actions.add_parser(
            "import", help="import a CSV file; a file with any problem writes nothing"
        )
        do_import.add_argument("file", type=Path)
        export = actions.add_parser("export", help="write the whole registry")
        export.add_argument("--format", choices=["csv", "json"], default="csv")
        export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
        export.add_argument(
            "--status", choices=Recommendation.Status.values, help="only recommendations in it"
        )

    def handle(self, *args, action: str, **options):
        if action == "import":
            self._import(options["file"])
        else:
            self._export(options["format"], options["output"], options["status"])

    def _import(self, file: Path) -> None:
        try:
            if file.stat().st_size > MAX_IMPORT_BYTES:
                self._fail(
                    RecommendationImportError(
                        str(file),
                        [
                            f"row 1: file: the file is larger than "
                            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB"
                        ],
                    )
                )
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}", returncode=2) from None
        try:
            result = recommendations_import(data=data, source_name=str(file))
        except RecommendationImportError as error:
            self._fail(error)
        self.stdout.write(
            f"{file}: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged; {result.assessed} newly assessed"
        )

    def _fail(self, error: RecommendationImportError):
        for line in error.lines:
            self.stderr.write(line)
        raise SystemExit(2)

    def _export(self, file_format: str, output: Path | None, status: str | None) -> None:
        exported = Recommendation.objects.order_by("reference")
        if status:
            exported = exported.filter(status=status)
        if file_format == "json":
            text = recommendations_json(exported)
        else:
            text = recommendations_csv(exported)
        if output:
            output.write_text(text, encoding="utf-8")
            self.stdout.write(f"{output}: {exported.count()} recommendations")
        else:
            self.stdout.write(text, ending="")
