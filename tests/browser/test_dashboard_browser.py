import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.metrics.metrics_record import build_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def record(transactional_db, make_group, make_person):
    return build_record(make_group, make_person)


def floor_shares(page) -> dict[str, str]:
    rows = page.locator("#table-floor tbody tr")
    return {
        rows.nth(i).locator("td").first.inner_text(): rows.nth(i).locator("td").last.inner_text()
        for i in range(rows.count())
    }


def test_a_visitor_narrows_the_dashboard_by_group_and_dates_and_downloads_the_csv(
    live_server, page, record
):
    page.goto(f"{live_server.url}/metrics/")
    expect(page.get_by_role("img", name="Floor share by group")).to_be_visible()
    assert floor_shares(page) == {"Alpha": "50.0", "Beta": "50.0"}
    assert page.locator("#summary").inner_text().startswith("2 meetings")

    page.locator("#id_group").select_option("alpha")
    page.locator("#id_date_from").fill("2024-01-01")
    page.locator("#id_date_to").fill("2024-03-31")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert page.locator("#summary").inner_text().startswith("1 meeting")
    assert floor_shares(page) == {"Alpha": "60.0", "Beta": "40.0"}
    speakers = page.locator("#table-speakers tbody tr td:first-child").all_inner_texts()
    assert speakers == ["Ada"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download “Who held the floor” (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "metrics-speakers-alpha.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0][0] == "Person"
    assert [row[0] for row in rows[1:]] == ["Ada"]
    assert rows[1][-1] == "60.0"  # Ada's 600 of the meeting's 1,000 words
