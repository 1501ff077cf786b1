"""What an app above adds to the dashboards through core.measures: with nothing registered
the dashboards are as before; a registered measure's data joins the JSON under its key and
its tables join the page, the CSV downloads and `commonweal metrics --format table`."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from commonweal.core import measures as registry
from commonweal.core.measures import Measure, Measured, MeasureTable
from commonweal.metrics import kpis
from commonweal.metrics.tables import dashboard_tables

BUILT_IN_TABLES = [
    "floor",
    "quarters",
    "speakers",
    "topics",
    "topic_query",
    "breadth",
    "newcomers",
    "recommendations",
    "durations",
    "durations_by_year",
    "budget",
    "maturity",
]
# The members of commonweal-metrics/1 (docs/metrics.md).
JSON_MEMBERS = {
    "format",
    "filters",
    "meetings",
    "meeting_hours",
    "floor_by_group",
    "hours_by_quarter",
    "top_speakers",
    "topics",
    "topic_query",
    "participation_breadth",
    "newcomers",
    "recommendations",
    "durations",
    "durations_by_year",
    "budget",
    "maturity",
}


@pytest.fixture
def nothing_registered(db, monkeypatch):
    monkeypatch.setattr(registry, "_registry", {})


def asked(date_from, date_to, group):
    """A measure that says what it was asked, its table titled in the active language."""
    data = {"from": str(date_from), "to": str(date_to), "group": group.slug if group else None}

    def tables():
        title = f"Asked [{translation.get_language()}]"
        return [MeasureTable("asked", title, ["From", "Days"], [[data["from"], 1234.5]])]

    return Measured(data=data, tables=tables)


@pytest.fixture
def asked_registered(nothing_registered):
    registry.measure_register(Measure("asked", asked, title="What was asked"))


def command(*args) -> str:
    out = io.StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue()


def test_with_nothing_registered_the_dashboard_is_as_before(client, nothing_registered):
    data = json.loads(command("--format", "json"))
    assert set(data) == JSON_MEMBERS
    assert data["format"] == "commonweal-metrics/1"
    assert list(dashboard_tables(kpis.dashboard(kpis.Filters()), [])) == BUILT_IN_TABLES
    assert 'class="measure"' not in client.get("/metrics/").content.decode()


def test_a_measure_gets_the_dashboards_dates_and_group_and_joins_the_json(
    asked_registered, make_group
):
    make_group("alpha")
    data = json.loads(
        command(
            "--format", "json", "--from", "2024-01-01", "--to", "2024-03-31", "--group", "alpha"
        )
    )
    assert set(data) == JSON_MEMBERS | {"asked"}
    assert data["asked"] == {"from": "2024-01-01", "to": "2024-03-31", "group": "alpha"}
    assert data["filters"] == {"from": "2024-01-01", "to": "2024-03-31", "group": "alpha"}


def test_a_measures_table_is_on_the_page_in_the_csv_and_in_the_terminal(
    client, asked_registered, make_group
):
    make_group("alpha")
    page = client.get("/metrics/groups/alpha/?date_from=2024-01-01").content.decode()
    assert '<h2 id="measure-asked">What was asked</h2>' in page
    assert "<caption>Asked [en]</caption>" in page
    assert "<bdi>1,234.5</bdi>" in page
    csv = client.get("/metrics/csv/?table=asked&date_from=2024-01-01").content.decode()
    assert csv.splitlines() == ["From,Days", "2024-01-01,1234.5"]
    printed = command("--format", "table", "--language", "fr")
    assert "Asked [fr]" in printed
    assert "1 234,5" in printed.replace("\u202f", " ").replace("\xa0", " ")


def test_a_measure_may_not_take_a_key_of_the_dashboards_own(nothing_registered):
    registry.measure_register(Measure("meetings", asked))
    with pytest.raises(ValueError, match="meetings"):
        kpis.dashboard(kpis.Filters())


def test_a_key_is_lowercase_and_registering_it_again_replaces_it(nothing_registered):
    with pytest.raises(ValueError):
        registry.measure_register(Measure("Consultation load", asked))
    registry.measure_register(Measure("asked", asked, order=5))
    registry.measure_register(Measure("asked", asked, order=7))
    assert [(m.key, m.order) for m in registry.measures()] == [("asked", 7)]
