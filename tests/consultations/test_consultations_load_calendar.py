"""The consultation calendar: a month, one row per group, each open proceeding a bar with
its title and dates linking to its page, the group's load, crowded deadline days."""

import re
from html import unescape

import pytest

from tests.consultations import fixtures_load
from tests.consultations.fixtures_load import day

# The fixtures these tests use.
proceeding = fixtures_load.proceeding


@pytest.fixture
def march(proceeding, make_group, make_proceeding):
    alpha = make_group("alpha", name="Alpha", colour="#1f5fa8")
    beta = make_group("beta", name="Beta", colour="#c05621")
    proceeding("2024-02-20", "2024-03-10", alpha, title="Fees review")
    proceeding("2024-03-05", "2024-03-14", alpha, title="Bylaws draft")
    proceeding("2024-03-25", "2024-04-15", alpha, title="Budget 2025")
    proceeding("2024-03-01", "2024-03-14", beta, title="Accessibility")
    proceeding("2024-03-10", "2024-03-14", beta, title="Outreach plan")
    proceeding("2024-03-12", "2024-03-20", title="Strategic plan")
    proceeding("2024-05-01", "2024-05-09", beta, title="Next season")
    make_proceeding(
        groups=[alpha],
        published=False,
        title="Secret draft",
        opens_on=day("2024-03-01"),
        closes_on=day("2024-03-31"),
    )
    return alpha, beta


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def rows(html: str) -> dict[str, tuple[str, list[str]]]:
    """Each group's row: its load, and its bars' texts (title and dates), lane by lane."""
    found = {}
    for key, body in re.findall(
        r'<tbody class="group" id="row-([\w-]+)">(.*?)</tbody>', html, re.S
    ):
        load = text(re.search(r'<td class="load"[^>]*>(.*?)</td>', body, re.S).group(1))
        bars = [
            text(bar)
            for bar in re.findall(
                r'<td colspan="\d+" class="period[^"]*"[^>]*>(.*?)</td>', body, re.S
            )
        ]
        found[key] = (load, bars)
    return found


def test_each_group_has_its_bars_and_its_load_for_the_month(client, march):
    html = client.get("/consultations/calendar/?month=2024-03").content.decode()
    # Alpha's two proceedings open together need two lanes; the budget, opening after the
    # fees review closed, shares the first. Drafts and May's proceeding are not shown.
    assert rows(html) == {
        "alpha": (
            "3",
            [
                "Fees review 20 February–10 March · deadline",
                "Budget 2025 25 March–15 April",
                "Bylaws draft 5 March–14 March · deadline",
            ],
        ),
        "beta": (
            "2",
            [
                "Accessibility 1 March–14 March · deadline",
                "Outreach plan 10 March–14 March · deadline",
            ],
        ),
        "everyone": ("1", ["Strategic plan 12 March–20 March · deadline"]),
    }
    assert "Secret draft" not in html
    assert text(re.search(r'<p id="crowded-days">(.*?)</p>', html).group(1)) == (
        "Crowded days: 14 March 2024 (3 deadlines)"
    )


def test_a_bar_spans_the_days_its_proceeding_is_open_and_links_to_it(client, march):
    from commonweal.consultations.models import Proceeding

    html = client.get("/consultations/calendar/?month=2024-03&group=alpha").content.decode()
    fees = Proceeding.objects.get(title="Fees review")
    # 1 to 10 March of a proceeding opened in February: ten day columns, cut at the start.
    bar = re.search(
        r'<td colspan="(\d+)" class="([^"]*)"[^>]*><a href="([^"]+)"[^>]*><bdi>Fees review', html
    )
    assert bar.groups() == ("10", "period from-before closes", fees.get_absolute_url())
    assert client.get(fees.get_absolute_url()).status_code == 200


def test_one_group_shows_with_the_proceedings_for_everyone(client, march):
    html = client.get("/consultations/calendar/?month=2024-03&group=beta").content.decode()
    assert list(rows(html)) == ["beta", "everyone"]
    assert "?month=2024-02&amp;group=beta" in html and "?month=2024-04&amp;group=beta" in html
    # A chosen group with nothing open still has its row, saying so.
    html = client.get("/consultations/calendar/?month=2024-06&group=beta").content.decode()
    assert "No comment period open this month." in html


def test_a_month_that_cannot_be_read_says_how_to_write_it(client, march):
    response = client.get("/consultations/calendar/?month=March")
    assert response.status_code == 200
    assert "Write the month as year and month, such as 2026-03." in response.content.decode()


def test_the_calendar_runs_from_the_right_in_arabic(client, march):
    html = client.get(
        "/consultations/calendar/?month=2024-03", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert 'dir="rtl"' in html
    # The page's own style uses logical properties only, so the table mirrors.
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert not re.search(r"\b(left|right)\b", re.sub(r"/\*.*?\*/", "", style, flags=re.S))
