"""Files made to hurt the recommendations importer: each is refused at once, with one line
per problem naming the row and the column, and nothing written."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_recommendation_import import HEADER, csv_bytes, refused, work_stream_row

from commonweal.recommendations.importing import recommendations_import
from commonweal.recommendations.importing.reading import MAX_COLUMNS
from commonweal.recommendations.importing.registry import MAX_CIRCLES
from commonweal.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

HEADER_LINE = ",".join(HEADER).encode() + b"\r\n"


def refused_quickly(data: bytes, source_name: str = "h.csv") -> list[str]:
    started = time.perf_counter()
    lines = refused(data, source_name)
    assert time.perf_counter() - started < 5
    assert all("\n" not in line and line.startswith(f"{source_name}: row ") for line in lines)
    return lines


def test_a_header_of_thousands_of_columns_is_refused_without_comparing_them_all():
    data = b"a," * 5000 + b"\n" + b"x\n"
    assert refused_quickly(data) == [
        f"h.csv: row 1: header: more than {MAX_COLUMNS} columns; this is not a registry spreadsheet"
    ]


def test_a_row_of_thousands_of_cells_is_refused_on_its_row():
    data = csv_bytes([work_stream_row(1)]) + b"R,t" + b"," * 50_000 + b"\r\n"
    assert refused_quickly(data) == [
        f"h.csv: row 3: file: more than {MAX_COLUMNS} columns; this is not a registry spreadsheet"
    ]


@pytest.mark.parametrize(
    "cost",
    ["1e100000000", "1e-50000000", "1e400", "NaN", "-NaN", "sNaN", "Infinity", "-inf", "0x10"],
)
def test_a_cost_no_one_writes_for_money_is_not_a_number(cost):
    lines = refused_quickly(csv_bytes([work_stream_row(1, one_time_cost=cost)]))
    assert lines == [
        f"h.csv: row 2: one_time_cost: {cost!r} is not a number; "
        "write it like 125000.50, without separators"
    ]


def test_a_cost_of_thousands_of_digits_is_refused_by_its_length():
    lines = refused_quickly(csv_bytes([work_stream_row(1, recurring_cost="9" * 5000)]))
    assert lines == ["h.csv: row 2: recurring_cost: is longer than 40 characters (5000)"]


@pytest.mark.parametrize(
    ("written", "stored"),
    [("1.25E+11", "125000000000"), ("１２３", "123"), ("1 000.5", "1000.50"), ("7", "7")],
)
def test_costs_as_spreadsheets_write_them_are_still_read(written, stored):
    rows = [work_stream_row(1, one_time_cost=written)]
    recommendations_import(data=csv_bytes(rows), source_name="h.csv")
    assert Recommendation.objects.get().one_time_cost == Decimal(stored)


def test_a_file_of_thousands_of_circles_reports_only_the_first_ones():
    # Each row depends on the 60 before it and on the next: every one of those is a circle.
    def depends_on(number: int) -> str:
        if number == 400:
            return "WS2-1"
        return ";".join(f"WS2-{n}" for n in [*range(max(1, number - 60), number), number + 1])

    rows = [work_stream_row(number, depends_on=depends_on(number)) for number in range(1, 401)]
    lines = refused_quickly(csv_bytes(rows))
    assert len(lines) == MAX_CIRCLES
    assert all(": depends_on: a circle of dependencies: " in line for line in lines)


def test_millions_of_empty_lines_are_skipped_in_time():
    data = HEADER_LINE + b"\r\n" * 2_000_000
    assert refused_quickly(data) == ["h.csv: row 2: file: the file has a header but no rows"]


def test_a_quote_never_closed_is_refused_at_the_csv_field_limit():
    data = HEADER_LINE + b'R-1,"' + b"x" * 200_000
    assert refused_quickly(data) == [
        "h.csv: row 2: file: not readable as CSV (field larger than field limit (131072))"
    ]


def test_the_command_refuses_a_hostile_file_on_one_line_and_exits_2(tmp_path, capsys):
    path = tmp_path / "hostile.csv"
    path.write_bytes(csv_bytes([work_stream_row(1, one_time_cost="1e100000000")]))
    with pytest.raises(SystemExit) as exited:
        call_command("recommendations", "import", str(path))
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: row 2: one_time_cost: '1e100000000' is not a number; "
        "write it like 125000.50, without separators"
    ]
    assert Recommendation.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [b"a," * 5000 + b"\n", csv_bytes([work_stream_row(1, recurring_cost="NaN")])],
    ids=["wide header", "NaN cost"],
)
def test_the_import_page_answers_a_hostile_file_with_a_readable_refusal(client, role_users, data):
    client.force_login(role_users["secretariat"])
    response = client.post(
        reverse("recommendations:import"), {"file": SimpleUploadedFile("hostile.csv", data)}
    )
    assert response.status_code == 400
    assert "hostile.csv: row " in response.content.decode()
    assert Recommendation.objects.count() == 0


hostile_costs = st.one_of(
    st.from_regex(r"\A[+-]?\d{0,3}(\.\d{0,3})?[eE][+-]?\d{1,12}\Z"),
    st.sampled_from(["nan", "NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e", "e5", "."]),
    st.text(st.characters(categories=["Nd", "No", "Nl"]), max_size=8),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cost=hostile_costs)
def test_any_cost_is_stored_as_a_bounded_amount_or_named_on_its_row(cost):
    try:
        recommendations_import(
            data=csv_bytes([work_stream_row(1, one_time_cost=cost)]), source_name="h.csv"
        )
    except Exception as error:  # the test names whatever escaped
        lines = getattr(error, "lines", [repr(error)])
        assert all(line.startswith("h.csv: row 2: one_time_cost: ") for line in lines), lines
    else:
        stored = Recommendation.objects.get().one_time_cost
        assert stored.is_finite() and 0 <= stored < 10**12
        Recommendation.objects.all().delete()


cells = st.text(st.sampled_from([*'ab,;\t"\r\n 1e.', "\x00", "é", "预"]), max_size=12)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.lists(cells, max_size=14), max_size=6))
def test_any_csv_structure_imports_whole_or_is_refused_line_by_line(rows):
    data = HEADER_LINE + b"\r\n".join(",".join(row).encode() for row in rows)
    try:
        recommendations_import(data=data, source_name="h.csv")
    except Exception as error:  # the test names whatever escaped
        lines = getattr(error, "lines", [repr(error)])
        assert lines and all(
            line.startswith("h.csv: row ") and "\n" not in line for line in lines
        ), lines
