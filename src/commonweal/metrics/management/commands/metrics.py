import datetime
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import ngettext

from commonweal.community.models import StakeholderGroup
from commonweal.metrics import kpis, selectors
from commonweal.metrics.tables import cell_display, dashboard_tables

# Other spellings of the platform's language codes ("zh" for "zh-hans").
LANGUAGE_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans"}


def _date(option: str, text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text!r} is not a date (YYYY-MM-DD)", returncode=2) from None


def _language(text: str) -> str:
    """``--language``: one of the platform's languages (settings.LANGUAGES)."""
    code = text.strip().lower().replace("_", "-")
    code = LANGUAGE_ALIASES.get(code, code)
    codes = [code for code, _name in settings.LANGUAGES]
    if code not in codes:
        raise CommandError(
            f"--language: {text!r} is not a language Commonweal speaks; choose from "
            f"{', '.join(sorted(codes))}",
            returncode=2,
        )
    return code


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
        parser.add_argument(
            "--language",
            default="en",
            help="the language of the tables' titles, columns and numbers (default en); "
            "the JSON's keys are the same in every language",
        )

    def handle(self, *args, **options):
        language = _language(options["language"])
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
        with translation.override(language):
            self._print_tables(dashboard)

    def _print_tables(self, dashboard) -> None:
        """Every table that has rows, titled and aligned, in the active language."""
        tables = dashboard_tables(dashboard, selectors.dimension_labels(selectors.default_model()))
        self.stdout.write(
            ngettext(
                "%(meetings)s meeting, %(hours)s hours",
                "%(meetings)s meetings, %(hours)s hours",
                dashboard.meetings,
            )
            % {
                "meetings": cell_display(dashboard.meetings),
                "hours": cell_display(dashboard.meeting_hours),
            }
        )
        for table in tables.values():
            if not table.rows:
                continue
            cells = [table.header, *table.display_rows]
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
