"""The share of proceedings each group answered: of the proceedings concerning the group
that closed in the period, those with at least one published submission on the group's
behalf. "All groups" (proceedings naming no group) counts an answer by any group, or by
the group the dashboard is about."""

import datetime

import pytest

from commonweal.consultations.models import Submission
from tests.consultations import fixtures_load
from tests.consultations.fixtures_load import load_json, table_rows

# The fixtures these tests use.
load_registered = fixtures_load.load_registered
proceeding = fixtures_load.proceeding
submit = fixtures_load.submit

pytestmark = pytest.mark.usefixtures("load_registered")


@pytest.fixture
def answers(proceeding, submit, make_group, make_proceeding):
    alpha, beta = make_group("alpha", name="Alpha"), make_group("beta", name="Beta")
    submit(proceeding("2024-03-01", "2024-03-10", alpha), group=alpha)  # answered
    awaiting = proceeding("2024-03-01", "2024-03-20", alpha)
    submit(awaiting, group=alpha, state=Submission.State.AWAITING)  # not yet public
    submit(proceeding("2024-03-01", "2024-03-25", alpha))  # a person's, not the group's
    submit(proceeding("2024-03-01", "2024-04-05", alpha, beta), group=beta)  # beta's only
    make_proceeding(groups=[alpha])  # still open: not counted until it closes
    everyone = proceeding("2024-03-01", "2024-03-15")
    submit(everyone, group=beta)
    proceeding("2024-03-01", "2024-04-10")  # everyone's, unanswered
    return alpha, beta


def shares(data: dict) -> list[tuple]:
    return [(r["group"], r["closed"], r["answered"], r["share"]) for r in data["answered"]]


def test_a_group_answered_the_closed_proceedings_it_published_a_submission_to(answers):
    assert shares(load_json()) == [
        ("alpha", 4, 1, 25.0),
        ("beta", 1, 1, 100.0),
        (None, 2, 1, 50.0),
    ]


def test_on_a_groups_dashboard_everyones_proceedings_count_its_own_answers(answers):
    assert shares(load_json("--group", "alpha")) == [
        ("alpha", 4, 1, 25.0),
        (None, 2, 0, 0.0),  # beta answered the one for everyone, alpha did not
    ]


def test_only_proceedings_closing_in_the_period_count(answers):
    # 15-31 March: alpha's of 20 and 25 March, everyone's of 15 March. The one closing
    # on 5 April overlaps the period but closed after it.
    assert shares(load_json("--from", "2024-03-15", "--to", "2024-03-31")) == [
        ("alpha", 2, 0, 0.0),
        ("beta", 0, 0, None),
        (None, 1, 1, 100.0),
    ]


def test_a_proceeding_closing_today_is_not_closed_yet(proceeding, make_group, submit):
    alpha = make_group("alpha", name="Alpha")
    today = datetime.datetime.now(datetime.UTC).date()
    submit(proceeding("2024-01-01", today.isoformat(), alpha), group=alpha)
    assert shares(load_json()) == [("alpha", 0, 0, None)]


def test_the_dashboards_show_the_share_and_download_it(client, answers):
    html = client.get("/metrics/").content.decode()
    assert "Consultation load" in html
    assert table_rows(html, "consultation_answered") == [
        ["Alpha", "4", "1", "25.0"],
        ["Beta", "1", "1", "100.0"],
        ["All groups", "2", "1", "50.0"],
    ]
    group_page = client.get("/metrics/groups/beta/").content.decode()
    assert table_rows(group_page, "consultation_answered") == [
        ["Beta", "1", "1", "100.0"],
        ["All groups", "2", "1", "50.0"],
    ]
    csv = client.get("/metrics/csv/?table=consultation_answered&group=alpha")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines() == [
        "Group,Closed,Answered,Share answered (%)",
        "Alpha,4,1,25.0",
        "All groups,2,0,0.0",
    ]
