import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prioritizing import through_a_round

from commonweal.recommendations.importing import (
    MAX_IMPORT_BYTES,
    RecommendationImportError,
    recommendations_import,
)
from commonweal.recommendations.models import (
    LifecycleEvent,
    Recommendation,
    RecommendationTranslation,
    Source,
)

pytestmark = pytest.mark.django_db

HEADER = [
    "reference",
    "title",
    "text",
    "source_kind",
    "source_body",
    "source_document",
    "objectives",
    "one_time_cost",
    "recurring_cost",
    "implementation_years",
    "depends_on",
    "received_at",
]


def work_stream_row(number: int, **changes) -> dict:
    row = {
        "reference": f"WS2-{number}",
        "title": f"Recommendation {number} of Work Stream 2",
        "text": f"The text of recommendation {number}.",
        "source_kind": "work-stream",
        "source_body": "CCWG-Accountability",
        "source_document": "WS2 Final Report",
        "objectives": "governance; security" if number % 2 else "governance",
        "one_time_cost": str(10_000 * number),
        "recurring_cost": str(1_000 * number),
        "implementation_years": str(1 + number % 3),
        "depends_on": f"WS2-{number - 1}" if number > 1 and number % 5 == 0 else "",
        "received_at": "2019-03-12",
    }
    row.update(changes)
    return row


def csv_bytes(rows: list[dict], header=None, delimiter=",", encoding="utf-8") -> bytes:
    header = header or list(rows[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def refused(data: bytes, source_name: str = "ws2.csv") -> list[str]:
    before = (Recommendation.objects.count(), LifecycleEvent.objects.count())
    with pytest.raises(RecommendationImportError) as raised:
        recommendations_import(data=data, source_name=source_name)
    assert (Recommendation.objects.count(), LifecycleEvent.objects.count()) == before
    return raised.value.lines


def test_112_recommendations_import_with_their_costs_and_dependencies():
    result = recommendations_import(
        data=csv_bytes([work_stream_row(n) for n in range(1, 113)]), source_name="ws2.csv"
    )
    assert (result.created, result.assessed) == (112, 112)
    assert Recommendation.objects.filter(status="assessed").count() == 112
    tenth = Recommendation.objects.get(reference="WS2-10")
    assert tenth.one_time_cost == Decimal("100000")
    assert tenth.implementation_years == 2
    assert [item.reference for item in tenth.dependencies.all()] == ["WS2-9"]
    assert set(tenth.objectives.values_list("code", flat=True)) == {"governance"}
    assert tenth.received_at.date().isoformat() == "2019-03-12"
    assert Source.objects.count() == 1


def test_a_file_with_three_broken_rows_reports_exactly_those_rows_and_writes_nothing():
    rows = [work_stream_row(n) for n in range(1, 113)]
    rows[15]["one_time_cost"] = "-5"  # spreadsheet row 17
    rows[56]["objectives"] = "governance; world-peace"  # row 58
    rows[99]["title"] = ""  # row 101
    lines = refused(csv_bytes(rows))
    assert lines == [
        "ws2.csv: row 17: one_time_cost: cannot be negative",
        "ws2.csv: row 58: objectives: unknown code 'world-peace' (known: security, governance, "
        "unique-identifiers, geopolitics, financial-sustainability)",
        "ws2.csv: row 101: title: is empty",
    ]
    assert Recommendation.objects.count() == 0


def test_importing_the_same_file_again_changes_nothing():
    data = csv_bytes([work_stream_row(n) for n in range(1, 21)])
    recommendations_import(data=data, source_name="ws2.csv")
    events = LifecycleEvent.objects.count()
    again = recommendations_import(data=data, source_name="ws2.csv")
    assert (again.created, again.updated, again.unchanged, again.assessed) == (0, 0, 20, 0)
    assert LifecycleEvent.objects.count() == events


def test_a_changed_row_updates_a_recommendation_still_received_or_assessed():
    recommendations_import(data=csv_bytes([work_stream_row(1)]), source_name="a.csv")
    result = recommendations_import(
        data=csv_bytes([work_stream_row(1, title="Better title", one_time_cost="12.50")]),
        source_name="b.csv",
    )
    assert (result.updated, result.created) == (1, 0)
    updated = Recommendation.objects.get()
    assert (updated.title, updated.one_time_cost) == ("Better title", Decimal("12.50"))


def test_a_row_cannot_change_a_recommendation_already_in_prioritization():
    recommendations_import(data=csv_bytes([work_stream_row(1)]), source_name="a.csv")
    through_a_round(Recommendation.objects.get())
    same = recommendations_import(data=csv_bytes([work_stream_row(1)]), source_name="a.csv")
    assert same.unchanged == 1
    lines = refused(csv_bytes([work_stream_row(1, title="Reworded")]), "b.csv")
    assert lines == [
        "b.csv: row 2: reference: WS2-1 is already “in prioritization” and can no longer be "
        "changed by a file (this row changes title)"
    ]
    assert Recommendation.objects.get().title == "Recommendation 1 of Work Stream 2"


def test_a_received_recommendation_is_assessed_when_a_later_file_gives_its_costs():
    recommendations_import(
        data=csv_bytes([work_stream_row(1, one_time_cost="", recurring_cost="")]),
        source_name="a.csv",
    )
    assert Recommendation.objects.get().status == "received"
    result = recommendations_import(data=csv_bytes([work_stream_row(1)]), source_name="b.csv")
    assert (result.updated, result.assessed) == (1, 1)
    assert Recommendation.objects.get().status == "assessed"


def test_dependencies_may_name_a_later_row_or_a_recommendation_already_stored(
    make_recommendation,
):
    make_recommendation("OLD-1")
    rows = [
        work_stream_row(1, depends_on="WS2-2, OLD-1"),
        work_stream_row(2, depends_on=""),
    ]
    recommendations_import(data=csv_bytes(rows), source_name="a.csv")
    first = Recommendation.objects.get(reference="WS2-1")
    assert sorted(item.reference for item in first.dependencies.all()) == ["OLD-1", "WS2-2"]


def test_semicolons_a_bom_and_translations_are_read():
    rows = [
        work_stream_row(
            1,
            one_time_cost="",
            recurring_cost="",
            **{"title_zh": "建议一", "text_zh": "建议一的正文。"},
        )
    ]
    data = b"\xef\xbb\xbf" + csv_bytes(rows, delimiter=";")
    recommendations_import(data=data, source_name="a.csv")
    translation = RecommendationTranslation.objects.get()
    assert (translation.language, translation.title) == ("zh-hans", "建议一")


def test_utf16_and_gb18030_spreadsheets_are_read():
    rows = [work_stream_row(1, title="公共利益")]
    recommendations_import(data=csv_bytes(rows, encoding="utf-16"), source_name="a.csv")
    recommendations_import(
        data=csv_bytes([work_stream_row(2, title="预算")], encoding="gb18030"), source_name="b.csv"
    )
    assert set(Recommendation.objects.values_list("title", flat=True)) == {"公共利益", "预算"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"one_time_cost": "lots"}, "row 2: one_time_cost: 'lots' is not a number"),
        ({"recurring_cost": ""}, "row 2: recurring_cost: give both costs or neither"),
        ({"one_time_cost": "1.005"}, "row 2: one_time_cost: has more than two decimals"),
        ({"one_time_cost": "1e40"}, "row 2: one_time_cost: is too large"),
        ({"implementation_years": "0"}, "row 2: implementation_years: '0' is not a whole number"),
        ({"source_kind": "rumour"}, "row 2: source_kind: 'rumour' is not one of"),
        ({"reference": "WS 2"}, "row 2: reference: may not contain spaces"),
        ({"reference": "R" * 41}, "row 2: reference: is longer than 40 characters"),
        ({"title": "t" * 301}, "row 2: title: is longer than 300 characters"),
        ({"text": ""}, "row 2: text: is empty"),
        ({"received_at": "next tuesday"}, "row 2: received_at: 'next tuesday' is not a date"),
        ({"received_at": "2999-01-01"}, "row 2: received_at: is in the future"),
        ({"depends_on": "WS2-1"}, "row 2: depends_on: a recommendation cannot depend on itself"),
        ({"depends_on": "NOWHERE"}, "row 2: depends_on: no recommendation NOWHERE"),
        ({"title": "bell\x07"}, "row 2: title: contains control characters"),
    ],
)
def test_each_kind_of_bad_cell_is_named_by_row_and_column(changes, expected):
    lines = refused(csv_bytes([work_stream_row(1, **changes)]), "a.csv")
    assert len(lines) == 1
    assert lines[0].startswith(f"a.csv: {expected}")


def test_a_reference_twice_in_one_file_is_refused_on_its_second_row():
    rows = [work_stream_row(1), work_stream_row(2), work_stream_row(1)]
    assert refused(csv_bytes(rows), "a.csv") == ["a.csv: row 4: reference: WS2-1 is also on row 2"]


def test_a_circle_of_dependencies_is_refused():
    rows = [
        work_stream_row(1, depends_on="WS2-3"),
        work_stream_row(2, depends_on="WS2-1"),
        work_stream_row(3, depends_on="WS2-2"),
    ]
    assert refused(csv_bytes(rows), "a.csv") == [
        "a.csv: row 2: depends_on: a circle of dependencies: WS2-1 → WS2-3 → WS2-2 → WS2-1"
    ]


def test_a_circle_through_a_stored_recommendation_is_refused():
    recommendations_import(data=csv_bytes([work_stream_row(1, depends_on="")]), source_name="a.csv")
    recommendations_import(
        data=csv_bytes([work_stream_row(2, depends_on="WS2-1")]), source_name="b.csv"
    )
    lines = refused(csv_bytes([work_stream_row(1, depends_on="WS2-2")]), "c.csv")
    assert lines == ["c.csv: row 2: depends_on: a circle of dependencies: WS2-1 → WS2-2 → WS2-1"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "a.csv: row 1: file: the file is empty"),
        (b"  \r\n\r\n", "a.csv: row 1: file: the file is empty"),
        (bytes(range(256)) * 8, "a.csv: row 1: file: binary data, not a CSV spreadsheet"),
        (b"\x00" * 100, "a.csv: row 1: file: binary data, not a CSV spreadsheet"),
        (
            b"name,group,role\nA,g,member\n",
            "a.csv: row 1: header: missing columns reference, title, text, source_kind, "
            "source_body, source_document; unknown columns name, group, role",
        ),
        (
            ",".join(HEADER).encode() + b"\r\n",
            "a.csv: row 2: file: the file has a header but no rows",
        ),
        (
            b"reference,title,text,source_kind,source_body,source_document,title\n",
            "a.csv: row 1: header: repeated columns title",
        ),
    ],
)
def test_a_file_that_is_not_a_registry_spreadsheet_gets_one_clear_error(data, expected):
    lines = refused(data, "a.csv")
    assert lines[0].startswith(expected) and len(lines) == 1


def test_a_file_over_the_size_limit_is_refused_before_reading():
    data = b"reference\n" + b"x" * MAX_IMPORT_BYTES
    assert refused(data, "big.csv") == ["big.csv: row 1: file: the file is larger than 5 MB"]


def test_the_command_imports_and_prints_counts(tmp_path, capsys):
    path = tmp_path / "ws2.csv"
    path.write_bytes(csv_bytes([work_stream_row(n) for n in range(1, 6)]))
    call_command("recommendations", "import", str(path))
    assert f"{path}: 5 added, 0 updated, 0 unchanged; 5 newly assessed" in capsys.readouterr().out


def test_the_command_prints_every_bad_row_on_stderr_and_exits_2(tmp_path, capsys):
    rows = [work_stream_row(n) for n in range(1, 6)]
    rows[1]["title"] = ""
    rows[3]["one_time_cost"] = "-1"
    path = tmp_path / "ws2.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(SystemExit) as exited:
        call_command("recommendations", "import", str(path))
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: row 3: title: is empty",
        f"{path}: row 5: one_time_cost: cannot be negative",
    ]
    assert Recommendation.objects.count() == 0


junk = st.text(max_size=30) | st.sampled_from(
    ["-1", "1e999", "NaN", "'=1+1", ";", ",", '"', "\x00", "2019-02-30", "WS2-1", "x" * 400]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.fixed_dictionaries({name: junk for name in HEADER}), max_size=4))
def test_random_cells_either_import_whole_or_raise_the_import_error(cells):
    before = Recommendation.objects.count()
    rows = [work_stream_row(n + 1, **changes) for n, changes in enumerate(cells)]
    rows = rows or [work_stream_row(1)]
    try:
        result = recommendations_import(data=csv_bytes(rows), source_name="r.csv")
    except RecommendationImportError as error:
        assert error.problems
        assert all(problem.startswith("row ") for problem in error.problems)
        assert Recommendation.objects.count() == before
    else:
        assert Recommendation.objects.count() == before + result.created


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=400))
def test_no_byte_string_crashes_the_importer(data):
    try:
        recommendations_import(data=data, source_name="r.csv")
    except RecommendationImportError as error:
        assert all(line.startswith("r.csv: row ") for line in error.lines)
