"""The dashboards in the reader's language: titles, columns and numbers on the page and in
`commonweal metrics --language`, the CSV's columns named in the language and its cells
machine numbers, the JSON the same in every language."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from commonweal.metrics.tables import Table
from tests.metrics.test_metrics_pages import page_table

# The first quarter of 2024: one meeting, floor shares 60 and 40 (metrics_record.py).
QUARTER = "date_from=2024-01-01&date_to=2024-03-31"


def _command(*args) -> str:
    out = io.StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue()


def _csv(client, key: str, language: str) -> list[list[str]]:
    response = client.get(f"/metrics/csv/?table={key}&{QUARTER}", HTTP_ACCEPT_LANGUAGE=language)
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_french_dashboard_writes_decimals_with_a_comma(client, record):
    english = client.get(f"/metrics/?{QUARTER}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(f"/metrics/?{QUARTER}", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert [row[-1] for row in page_table(english, "floor")] == ["60.0", "40.0"]
    assert [row[-1] for row in page_table(french, "floor")] == ["60,0", "40,0"]
    assert "Heures de réunion et part du temps de parole par groupe" in french


def test_the_french_csv_names_its_columns_in_french_and_keeps_machine_numbers(client, record):
    english, french = _csv(client, "floor", "en"), _csv(client, "floor", "fr")
    assert english[0][0] == "Group" and french[0][0] == "Groupe"
    assert french[0][-1] == "Part du temps de parole (%)"
    assert french[1:] == english[1:]
    assert [float(row[-1]) for row in french[1:]] == [60.0, 40.0]


def test_amounts_on_the_page_are_money_and_in_the_csv_plain_numbers(db, settings):
    settings.CURRENCY = "USD"
    row = ["Round 1", "FY2027", 3_000_000.0, 1_234_567.5, 41.2, 2024, None]
    table = Table("budget", "Budget", ["a", "b", "c", "d", "e", "f", "g"], [row], frozenset({2, 3}))
    with translation.override("en"):
        assert table.display_rows == [
            ["Round 1", "FY2027", "$3,000,000", "$1,234,567.50", "41.2", "2,024", "—"]
        ]
    with translation.override("fr"):
        assert table.display_rows[0][3:5] == ["1\u202f234\u202f567,50\xa0$US", "41,2"]
    assert table.rows == [row]


def test_the_command_prints_its_tables_in_the_language_asked(record):
    quarter = ["--from", "2024-01-01", "--to", "2024-03-31"]
    english = _command(*quarter)
    french = _command(*quarter, "--language", "fr")
    assert "Meeting hours and floor share by group" in english
    assert "Heures de réunion et part du temps de parole par groupe" in french
    assert "60,0" in french and "60.0" in english


def test_the_commands_first_line_counts_meetings_in_the_language_asked(record):
    with translation.override("fr"):
        expected = translation.ngettext(
            "%(meetings)s meeting, %(hours)s hours", "%(meetings)s meetings, %(hours)s hours", 2
        ) % {"meetings": "2", "hours": "1,5"}
    assert expected != "2 meetings, 1,5 hours", (
        "fr: translate the msgid '%(meetings)s meeting, %(hours)s hours' (and its plural)"
    )
    assert _command("--language", "fr").splitlines()[0] == expected


def test_zh_is_simplified_chinese_and_json_is_the_same_in_every_language(record):
    assert _command("--language", "zh") == _command("--language", "zh-hans")
    english = json.loads(_command("--format", "json"))
    assert json.loads(_command("--format", "json", "--language", "ar")) == english


def test_an_unknown_language_is_refused_naming_the_option_and_the_choices(db):
    with pytest.raises(CommandError, match="--language: 'de' is not a language") as error:
        call_command("metrics", "--language", "de")
    assert error.value.returncode == 2
    assert "ar, en, es, fr, ru, zh-hans" in str(error.value)
