"""Open proceedings per group and month: a proceeding counts in every month it is open
for at least one day (inside the dates asked for), under each group it names, or under
"All groups" when it names none; drafts never count."""

import pytest

from tests.consultations import fixtures_load
from tests.consultations.fixtures_load import day, load_json

# The fixtures these tests use.
load_registered = fixtures_load.load_registered
proceeding = fixtures_load.proceeding

pytestmark = pytest.mark.usefixtures("load_registered")


@pytest.fixture
def calendar_2024(proceeding, make_group, make_proceeding):
    alpha, beta = make_group("alpha", name="Alpha"), make_group("beta", name="Beta")
    proceeding("2024-01-20", "2024-03-05", alpha)  # January, February, March
    proceeding("2024-02-01", "2024-02-29", alpha)  # February
    proceeding("2024-03-31", "2024-04-01", alpha, beta)  # one day of March, one of April
    proceeding("2024-02-10", "2024-02-20")  # names no group: everyone's
    proceeding("2024-06-03", "2024-06-10", alpha)  # June, after an empty May
    # A draft is nobody's load.
    make_proceeding(
        groups=[alpha], published=False, opens_on=day("2024-01-01"), closes_on=day("2024-06-30")
    )
    return alpha, beta


def months(data: dict) -> list[tuple]:
    return [(row["group"], row["month"], row["open"]) for row in data["open_by_month"]]


def test_each_month_counts_the_proceedings_open_on_at_least_one_of_its_days(calendar_2024):
    assert months(load_json()) == [
        ("alpha", "2024-01", 1),
        ("alpha", "2024-02", 2),
        ("alpha", "2024-03", 2),
        ("alpha", "2024-04", 1),
        ("alpha", "2024-05", 0),
        ("alpha", "2024-06", 1),
        ("beta", "2024-03", 1),
        ("beta", "2024-04", 1),
        (None, "2024-02", 1),
    ]


def test_only_the_days_inside_the_dates_asked_for_count(calendar_2024):
    # 15 February to 15 March: the first proceeding's January is outside, the one of
    # 31 March and the June one too.
    assert months(load_json("--from", "2024-02-15", "--to", "2024-03-15")) == [
        ("alpha", "2024-02", 2),
        ("alpha", "2024-03", 1),
        (None, "2024-02", 1),
    ]


def test_a_group_sees_its_own_proceedings_and_those_for_everyone(calendar_2024):
    assert months(load_json("--group", "beta")) == [
        ("beta", "2024-03", 1),
        ("beta", "2024-04", 1),
        (None, "2024-02", 1),
    ]
