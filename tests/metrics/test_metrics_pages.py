import csv
import io
import json
import re
from html import unescape

import pytest
from django.core.management import CommandError, call_command

from commonweal.metrics.models import Assessment
from commonweal.metrics.tables import cell_display
from tests.conftest import shared_file


def page_table(html: str, key: str) -> list[list[str]]:
    """The body rows of the page's table with id table-<key>, as text."""
    table = re.search(rf'<table class="data" id="table-{key}">(.*?)</table>', html, re.S).group(1)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def command_json(*args) -> dict:
    out = io.StringIO()
    call_command("metrics", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def text(value) -> str:
    return cell_display(value)


def test_the_page_and_the_command_line_give_the_same_numbers(client, record):
    html = client.get("/metrics/?date_from=2024-01-01&date_to=2024-03-31").content.decode()
    data = command_json("--from", "2024-01-01", "--to", "2024-03-31")
    expected = [
        [
            row["name"],
            *[
                text(row[k])
                for k in ("meetings", "meeting_hours", "speaking_hours", "turns", "share")
            ],
        ]
        for row in data["floor_by_group"]
    ]
    assert page_table(html, "floor") == expected
    assert [row[-1] for row in expected] == ["60.0", "40.0"]


def test_the_group_filter_narrows_the_page_and_the_command_alike(client, record):
    html = client.get("/metrics/?group=alpha").content.decode()
    data = command_json("--group", "alpha")
    assert [row[0] for row in page_table(html, "speakers")] == [
        s["name"] for s in data["top_speakers"]
    ]
    assert [s["name"] for s in data["top_speakers"]] == ["Ada", "Bo"]
    group_page = client.get("/metrics/groups/alpha/").content.decode()
    assert page_table(group_page, "speakers") == page_table(html, "speakers")


def test_every_table_downloads_as_the_csv_of_exactly_that_table(client, record):
    html = client.get("/metrics/?date_from=2024-04-01&q=definition").content.decode()
    for key in ("floor", "topic_query", "newcomers"):
        response = client.get(f"/metrics/csv/?table={key}&date_from=2024-04-01&q=definition")
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
        assert rows == page_table(html, key)


def test_an_unknown_table_is_not_found(client, db):
    assert client.get("/metrics/csv/?table=secrets").status_code == 404


def test_the_command_names_the_option_of_a_bad_date_or_an_unknown_group(db):
    with pytest.raises(CommandError, match="--from") as error:
        call_command("metrics", "--from", "2024-13-01")
    assert error.value.returncode == 2
    with pytest.raises(CommandError, match="--group: there is no group 'nobody'") as error:
        call_command("metrics", "--group", "nobody")
    assert error.value.returncode == 2


def test_the_command_prints_tables_by_default(record):
    out = io.StringIO()
    call_command("metrics", stdout=out)
    assert "Meeting hours and floor share by group" in out.getvalue()
    assert "2 meetings, 1.5 hours" in out.getvalue()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("coordinator", 200),
        ("secretariat", 200),
        ("board", 403),
        ("ombudsman", 403),
        ("administrator", 200),
    ],
)
def test_only_the_groups_coordinators_and_the_secretariat_may_assess_it(
    client, role_users, role, status
):
    if role_users[role]:
        client.force_login(role_users[role])
    assert client.get("/metrics/groups/ncsg/assess/").status_code == status


def test_a_coordinator_of_another_group_is_refused(client, role_users):
    client.force_login(role_users["coordinator"])
    assert client.get("/metrics/groups/board/assess/").status_code == 403
    assert client.post("/metrics/groups/board/assess/", {}).status_code == 403
    assert not Assessment.objects.exists()


def test_a_coordinator_fills_in_the_form_and_the_group_page_draws_the_radar(client, role_users):
    client.force_login(role_users["coordinator"])
    levels = {
        "participation": 2,
        "transparency": 3,
        "outcomes": 1,
        "efficiency": 2,
        "capacity-building": 4,
    }
    form = {"assessed_on": "2026-06-01", "note": "First go"}
    form |= {f"level_{code}": level for code, level in levels.items()}
    response = client.post("/metrics/groups/ncsg/assess/", form)
    assert response.status_code == 302
    form["assessed_on"] = "2026-09-01"
    client.post("/metrics/groups/ncsg/assess/", form)
    assessment = Assessment.objects.order_by("pk").first()
    assert assessment.by == role_users["coordinator"]
    assert {s.dimension.code: s.level for s in assessment.scores.all()} == levels
    page = client.get("/metrics/groups/ncsg/").content.decode()
    assert 'role="img" aria-label="Maturity of NCSG' in page
    assert page.count("<polygon points=") == 5 + 2  # five level rings, two assessments
    assert len(page_table(page, "history")) == 2


def test_the_dashboards_are_public_and_read_in_chinese(client, record):
    assert client.get("/metrics/").status_code == 200
    assert client.get("/metrics/groups/alpha/").status_code == 200
    assert client.get("/metrics/groups/nobody/").status_code == 404
    response = client.get("/metrics/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200


def test_with_the_demo_data_the_kobe_floor_shares_and_decision_times_match_the_command(client, db):
    shared_file("corpus", "icann64-kobe", "board-ncsg.zh.txt")
    from commonweal.meetings.models import Meeting
    from commonweal.meetings.selectors import meeting_floor_shares
    from commonweal.site.demo import demo_load

    demo_load()
    kobe = Meeting.objects.get(source_name="board-ncsg.zh.txt")
    day = kobe.date.isoformat()
    html = client.get(f"/metrics/?date_from={day}&date_to={day}").content.decode()
    data = command_json("--from", day, "--to", day)
    page_shares = {row[0]: row[-1] for row in page_table(html, "floor")}
    for row in data["floor_by_group"]:
        assert page_shares[row["name"] or "Not linked to a group"] == cell_display(row["share"])
    # The same shares as the meeting page's own measure of that one meeting.
    meeting_page = {row.label: row.percent for row in meeting_floor_shares(kobe)}
    assert {row["name"]: row["share"] for row in data["floor_by_group"]} == meeting_page

    everything = client.get("/metrics/").content.decode()
    all_data = command_json()
    durations = [
        [
            row["source"] or "All sources",
            *[
                text(row[k])
                for k in (
                    "decided",
                    "decision_median_days",
                    "decision_p90_days",
                    "implemented",
                    "implementation_median_days",
                    "implementation_p90_days",
                )
            ],
        ]
        for row in all_data["durations"]
    ]
    assert durations and any(row[2] != "—" for row in durations)
    assert page_table(everything, "durations") == durations


def test_who_held_the_floor_names_groups_as_people_write_them_not_by_their_code(client, record):
    rows = page_table(client.get("/metrics/").content.decode(), "speakers")
    groups = {row[1] for row in rows}
    assert groups <= {"Alpha", "Beta", ""} and groups & {"Alpha", "Beta"}
