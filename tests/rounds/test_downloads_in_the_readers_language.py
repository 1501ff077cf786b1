"""The priority list and the CSV files pages offer, in the reader's language.

A reason on the priority list is worded from its code in the request's language; the CSV
downloads (priority list, a meeting's turns, the registry) name their columns in that
language while their cells stay machine values; the JSON keeps its keys and the English
words it was published with. The wiring is checked with a pseudo-French catalogue made
here from the code's own msgids (every translation is the English marked "⟦fr⟧"); the
shipped French catalogue is checked too, so a test fails, naming the msgid, until the name
is translated there.
"""

from __future__ import annotations

import csv
import gettext
import io
import json
import shutil
import subprocess

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation

from commonweal.allocation.reasons import reason_text
from commonweal.meetings.exporting import TURNS_CSV_HEADER, TURNS_CSV_HEADINGS
from commonweal.recommendations.exporting import (
    EXPORT_ONLY_COLUMNS,
    HEADINGS,
    IMPORT_COLUMNS,
)
from commonweal.rounds.models import Round
from commonweal.rounds.selectors import EXPORT_COLUMNS
from commonweal.rounds.services import round_close
from commonweal.rounds.wording import EXPORT_HEADINGS, reader_language
from tests.conftest import REPO
from tests.meetings.huge_meeting import build_meeting

pytestmark = pytest.mark.django_db

PACKAGE = REPO / "src" / "commonweal"
FRENCH = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
MARK = "⟦fr⟧ "
# The modules whose words these pages and files show, and the keywords makemessages adds.
WORDED = [
    *sorted((PACKAGE / "allocation").rglob("*.py")),
    PACKAGE / "rounds" / "wording.py",
    PACKAGE / "meetings" / "exporting.py",
    PACKAGE / "recommendations" / "exporting.py",
]
KEYWORDS = ["--keyword=pgettext:1c,2", "--keyword=pgettext_lazy:1c,2"]


@pytest.fixture
def pseudo_french(settings, tmp_path):
    """French pages read a catalogue in which every msgid of ``WORDED`` is translated as
    itself after ``MARK``, in place of the shipped catalogues."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: make test installs Debian's gettext package")
    template = tmp_path / "words.pot"
    subprocess.run(
        ["xgettext", "-L", "Python", "--from-code=UTF-8", "--omit-header", *KEYWORDS]
        + ["-o", str(template), *map(str, WORDED)],
        check=True,
        timeout=60,
    )
    catalog = Catalog(locale="fr")
    for message in read_po(io.StringIO(template.read_text(encoding="utf-8"))):
        if not message.id:
            continue
        if message.pluralizable:
            forms = [MARK + message.id[0], MARK + message.id[1]]
            catalog.add(message.id, forms, context=message.context)
        else:
            catalog.add(message.id, MARK + message.id, context=message.context)
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "django.mo", "wb") as handle:
        write_mo(handle, catalog)
    settings.LOCALE_PATHS = [tmp_path / "locale"]


def _french_column(code: str) -> str:
    """The French name of a CSV column in the shipped catalogue; fails naming the msgid
    while it has none."""
    with open(FRENCH, "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    missing = object()
    catalogue.add_fallback(_Sentinel(missing))
    name = catalogue.pgettext("CSV column", code)
    if name is missing:
        pytest.fail(f"fr: translate the msgid {code!r} (context 'CSV column'), then compile")
    return name


class _Sentinel(gettext.NullTranslations):
    def __init__(self, marker) -> None:
        super().__init__()
        self.marker = marker

    def pgettext(self, context, message):
        return self.marker


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


@pytest.fixture
def counted_round(planned_round) -> Round:
    """Funded, deferred (no room) and not selected (nobody voted) items, counted."""
    return round_close(voting_round=planned_round)


def _url(name: str, round_: Round) -> str:
    return reverse(f"rounds:{name}", kwargs={"pk": round_.pk})


def test_every_column_of_every_csv_has_a_name_to_translate():
    assert set(EXPORT_COLUMNS) <= set(EXPORT_HEADINGS)
    assert set(TURNS_CSV_HEADER) <= set(TURNS_CSV_HEADINGS)
    assert {*IMPORT_COLUMNS, *EXPORT_ONLY_COLUMNS} <= set(HEADINGS)


def test_in_english_every_csv_keeps_the_column_codes(client, counted_round):
    rows = _csv(client.get(_url("export_csv", counted_round), HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == EXPORT_COLUMNS
    published = {item["id"]: item["reason"] for item in counted_round.result["items"]}
    assert {row[0]: row[EXPORT_COLUMNS.index("reason")] for row in rows[1:]} == published


def test_the_priority_list_csv_in_french_has_french_headers_and_machine_numbers(
    client, counted_round
):
    rows = _csv(client.get(_url("export_csv", counted_round), HTTP_ACCEPT_LANGUAGE="fr"))
    assert rows[0] == [_french_column(code) for code in EXPORT_COLUMNS]
    assert rows[0] != EXPORT_COLUMNS
    items = {item["id"]: item for item in counted_round.result["items"]}
    with translation.override("fr"):
        language = reader_language()
        for row in rows[1:]:
            cells = dict(zip(EXPORT_COLUMNS, row, strict=True))
            item = items[cells["id"]]
            for column in ("cost", "one_time_cost", "recurring_cost", "support"):
                assert float(cells[column]) == item[column]  # "." and no grouping
            assert cells["status"] == item["status"]
            assert cells["reason_code"] == item["reason_code"]
            assert cells["reason"] == reason_text(
                item["reason_code"], item["reason_params"], language
            )


def test_the_priority_list_json_keeps_its_keys_and_published_words_in_french(client, counted_round):
    english = json.loads(client.get(_url("export_json", counted_round)).content)
    french = json.loads(
        client.get(_url("export_json", counted_round), HTTP_ACCEPT_LANGUAGE="fr").content
    )
    assert french == english
    assert list(french["items"][0]) == EXPORT_COLUMNS


def test_the_priority_list_words_each_reason_in_french(client, counted_round):
    page = client.get(_url("priorities", counted_round), HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode().replace("&#x27;", "'")
    with translation.override("fr"):
        language = reader_language()
        for item in counted_round.result["items"]:
            french = reason_text(item["reason_code"], item["reason_params"], language)
            assert f'<span lang="fr">{french}</span>' in text
            assert french != item["reason"], (
                f"fr: the reason {item['reason_code']!r} reads as English; translate its "
                "msgids (tests/allocation/test_engine_words_in_the_readers_language.py)"
            )
            assert f">{item['reason']}<" not in text


def test_a_result_counted_before_reason_codes_shows_its_english_words_as_english(
    client, counted_round
):
    result = counted_round.result
    for item in result["items"]:
        item["reason_code"], item["reason_params"] = "", {}
    Round.objects.filter(pk=counted_round.pk).update(result=result)
    page = client.get(_url("priorities", counted_round), HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode().replace("&#x27;", "'")
    for item in result["items"]:
        assert f'<span lang="en">{item["reason"]}</span>' in text


def test_the_meeting_turns_csv_in_french_has_french_headers(client):
    meeting = build_meeting(turns=30)
    url = reverse("meetings:turns_csv", kwargs={"pk": meeting.pk})
    english = _csv(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    french = _csv(client.get(url, HTTP_ACCEPT_LANGUAGE="fr"))
    assert english[0] == list(TURNS_CSV_HEADER)
    assert french[0] == [_french_column(code) for code in TURNS_CSV_HEADER]
    assert french[1:] == english[1:]
    assert [int(row[0]) for row in french[1:]] == list(range(30))


def test_the_registry_csv_in_french_has_french_headers_and_machine_values(
    client, make_recommendation
):
    make_recommendation("R-1", one_time="1234567.5", recurring=0)
    url = reverse("recommendations:export_csv")
    english = _csv(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    french = _csv(client.get(url, HTTP_ACCEPT_LANGUAGE="fr"))
    assert english[0] == [*IMPORT_COLUMNS, *EXPORT_ONLY_COLUMNS]
    assert french[0] == [_french_column(code) for code in english[0]]
    cells = dict(zip(english[0], french[1], strict=True))
    assert float(cells["one_time_cost"]) == 1234567.5
    assert cells["received_at"][:4].isdigit() and "T" in cells["received_at"]  # ISO 8601
    assert french[1:] == english[1:]


# --- the wiring, with the pseudo-French catalogue ------------------------------------------


def test_a_french_reader_gets_every_reason_from_the_catalogue(client, counted_round, pseudo_french):
    page = client.get(_url("priorities", counted_round), HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode().replace("&#x27;", "'")
    with translation.override("fr"):
        language = reader_language()
        for item in counted_round.result["items"]:
            words = reason_text(item["reason_code"], item["reason_params"], language)
            assert words.startswith(MARK)
            assert f'<span lang="fr">{words}</span>' in text
            assert f">{item['reason']}<" not in text


def test_a_french_csv_names_its_columns_from_the_catalogue(
    client, counted_round, make_recommendation, pseudo_french
):
    rows = _csv(client.get(_url("export_csv", counted_round), HTTP_ACCEPT_LANGUAGE="fr"))
    assert rows[0] == [MARK + code for code in EXPORT_COLUMNS]
    for row in rows[1:]:
        cells = dict(zip(EXPORT_COLUMNS, row, strict=True))
        assert float(cells["cost"]) == 100.0 and float(cells["support"]) >= 0
        assert cells["reason"].startswith(MARK)
    turns = _csv(
        client.get(
            reverse("meetings:turns_csv", kwargs={"pk": build_meeting(turns=3).pk}),
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    )
    assert turns[0] == [MARK + code for code in TURNS_CSV_HEADER]
    make_recommendation("R-9").translations.create(language="zh-hans", title="标题", text="文")
    registry = _csv(client.get(reverse("recommendations:export_csv"), HTTP_ACCEPT_LANGUAGE="fr"))
    columns = [*IMPORT_COLUMNS, *EXPORT_ONLY_COLUMNS]
    assert registry[0] == [
        *(MARK + code for code in columns),
        f"{MARK}title_zh-hans",
        f"{MARK}text_zh-hans",
    ]
