import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from commonweal.community.models import StakeholderGroup
from commonweal.metrics import kpis, selectors
from commonweal.metrics.tables import cell_text, dashboard_tables


def _date(option: str, text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text!r} is not a date (YYYY-MM-DD)", returncode=2) from None


class Command(BaseCommand):
    help = (
        "Print the dashboards' figures (meeting hours, floor share, participation, "
        "recommendations, budget, maturity): the same numbers as /metrics/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--group", metavar="SLUG", help="one stakeholder group")
        parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
        parser.add_argument("--query", default="", help="words of topic titles to add up")
        parser.add_argument("--format", choices=("json", "table"), default="table")

    def handle(self, *args, **options):
        date_from = _date("--from", options["date_from"])
        date_to = _date("--to", options["date_to"])
        if date_from and date_to and date_from > date_to:
            raise CommandError("--to: the end date is before --from", returncode=2)
        group = None
        if options["group"]:
            group = StakeholderGroup.objects.filter(slug=options["group"]).first()
            if group is None:
                raise CommandError(f"--group: there is no group {options['group']!r}", returncode=2)
        dashboard = kpis.dashboard(
            kpis.Filters(date_from=date_from, date_to=date_to, group=group),
            query=options["query"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(dashboard.as_dict(), ensure_ascii=False, indent=2))
            return
        tables = dashboard_tables(dashboard, selectors.dimension_labels(selectors.default_model()))
        self.stdout.write(f"{dashboard.meetings} meetings, {dashboard.meeting_hours} hours")
        for table in tables.values():
            if not table.rows:
                continue
            cells = [table.header, *[[cell_text(cell) for cell in row] for row in table.rows]]
            widths = [
                max(len(str(row[column])) for row in cells) for column in range(len(table.header))
            ]
            self.stdout.write(f"\n{table.title}")
            for row in cells:
                self.stdout.write(
                    "  ".join(
                        str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
                    ).rstrip()
                )
