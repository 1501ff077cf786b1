"""Deadlines close together and days open: per group, how many proceedings close within
7 days of another of the group's, the most it has open on one day, and the median,
shortest and longest time open (closing day minus opening day, plus one)."""

import pytest

from tests.consultations import fixtures_load
from tests.consultations.fixtures_load import load_json

# The fixtures these tests use.
load_registered = fixtures_load.load_registered
proceeding = fixtures_load.proceeding

pytestmark = pytest.mark.usefixtures("load_registered")


@pytest.fixture
def march_2024(proceeding, make_group):
    alpha, beta = make_group("alpha", name="Alpha"), make_group("beta", name="Beta")
    # Alpha: deadlines on 10, 17 and 24 March, 7 days apart each, and one on 1 May.
    proceeding("2024-03-01", "2024-03-10", alpha)  # 10 days
    proceeding("2024-03-05", "2024-03-17", alpha)  # 13 days
    proceeding("2024-03-08", "2024-03-24", alpha)  # 17 days; 8-10 March all three are open
    proceeding("2024-04-20", "2024-05-01", alpha)  # 12 days
    # Beta: deadlines on 9 and 17 March, 8 days apart: not close together.
    proceeding("2024-03-01", "2024-03-09", beta)  # 9 days
    proceeding("2024-03-10", "2024-03-17", beta)  # 8 days
    # Everyone's: a single day.
    proceeding("2024-01-05", "2024-01-05")  # 1 day
    return alpha, beta


def rows(data: dict, member: str, *keys: str) -> list[tuple]:
    return [(row["group"], *(row[key] for key in keys)) for row in data[member]]


def test_deadlines_seven_days_apart_or_fewer_close_together(march_2024):
    assert rows(
        load_json(), "deadlines", "proceedings", "close_together", "most_open", "most_open_on"
    ) == [
        ("alpha", 4, 3, 3, "2024-03-08"),
        ("beta", 2, 0, 1, "2024-03-01"),
        (None, 1, 0, 1, "2024-01-05"),
    ]


def test_the_most_open_at_once_counts_only_the_days_asked_for(march_2024):
    data = load_json("--from", "2024-03-09", "--to", "2024-03-31", "--group", "alpha")
    # From 9 March the three March proceedings are already open together.
    assert rows(
        data, "deadlines", "proceedings", "close_together", "most_open", "most_open_on"
    ) == [
        ("alpha", 3, 3, 3, "2024-03-09"),
    ]


def test_days_open_count_both_the_opening_and_the_closing_day(march_2024):
    assert rows(load_json(), "days_open", "median_days", "shortest_days", "longest_days") == [
        ("alpha", 12.5, 10, 17),  # median of 10, 12, 13, 17
        ("beta", 8.5, 8, 9),
        (None, 1.0, 1, 1),
    ]


def test_the_command_prints_the_tables_in_the_readers_language(march_2024, capsys):
    from django.core.management import call_command

    call_command("metrics", "--format", "table")
    out = capsys.readouterr().out
    assert "Deadlines close together" in out
    lines = out.splitlines()
    header = lines.index("Days open for comment")
    assert lines[header + 1].split() == [
        "Group",
        "Proceedings",
        "Median",
        "days",
        "Shortest",
        "Longest",
    ]
    assert lines[header + 2].split() == ["Alpha", "4", "12.5", "10", "17"]
    assert lines[header + 4].split() == ["All", "groups", "1", "1.0", "1", "1"]
    call_command("metrics", "--format", "table", "--language", "fr")
    assert "12,5" in capsys.readouterr().out


def test_the_measure_reads_in_three_queries_however_many_proceedings(
    march_2024, proceeding, make_group, django_assert_max_num_queries
):
    from commonweal.consultations.measures import consultation_load_measured

    gamma = make_group("gamma", name="Gamma")
    for month in range(1, 13):
        proceeding(f"2023-{month:02d}-01", f"2023-{month:02d}-20", gamma)
    with django_assert_max_num_queries(3):
        measured = consultation_load_measured(None, None, None)
        measured.tables()
    assert len(measured.data["days_open"]) == 4
