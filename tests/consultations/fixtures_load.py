"""Fixtures of the consultation-load tests: the measure registered, proceedings on given
days, what the dashboards and `commonweal metrics` show of them.

Import the fixtures into a test module (``from tests.consultations.fixtures_load import
...``).
"""

from __future__ import annotations

import datetime
import io
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.utils import timezone


@pytest.fixture
def load_registered():
    """The consultation load on the dashboards, as ``ConsultationsConfig.ready()`` makes it,
    whatever another test unregistered before."""
    from commonweal.consultations.measures import KEY, measures_register
    from commonweal.core.measures import measure_unregister, measures

    already = any(measure.key == KEY for measure in measures())
    measures_register()
    yield
    if not already:
        measure_unregister(KEY)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def proceeding(make_proceeding):
    """A published proceeding from ``opens`` to ``closes`` ("YYYY-MM-DD")."""

    def make(opens: str, closes: str, *groups, **fields):
        return make_proceeding(opens_on=day(opens), closes_on=day(closes), groups=groups, **fields)

    return make


@pytest.fixture
def submit(db):
    """A submission to a proceeding, published unless ``state`` says otherwise."""
    from commonweal.consultations.models import Submission

    def make(proceeding, *, group=None, state=Submission.State.PUBLISHED):
        return Submission.objects.create(
            proceeding=proceeding,
            on_behalf_of=group,
            author_name="Ada",
            text="Our comment.",
            state=state,
            submitted_at=timezone.now(),
            published_at=timezone.now() if state == Submission.State.PUBLISHED else None,
        )

    return make


def load_json(*args: str) -> dict:
    """The consultation load in `commonweal metrics --format json`."""
    out = io.StringIO()
    call_command("metrics", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())["consultation_load"]


def table_rows(html: str, key: str) -> list[list[str]]:
    """The body rows of the dashboard's table ``table-<key>``, as a reader sees them."""
    table = re.search(rf'<table class="data" id="table-{key}">(.*?)</table>', html, re.S)
    assert table, f"the page has no table {key}"
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.S).group(1)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]
