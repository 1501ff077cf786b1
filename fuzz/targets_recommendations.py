"""Fuzz target for the recommendations CSV importer, the whole way through.

The importer checks rows against the registry (objectives, stakeholder groups, stored
recommendations and their dependencies), so this module gives it a database: Django
with an in-memory SQLite, migrated once when the module is imported (the harness
imports each target module in its own process, so the engine targets stay free of
Django). Each example runs in a transaction rolled back afterwards, so a file that
imports leaves nothing for the next. Only RecommendationImportError is swallowed.
"""

from __future__ import annotations

import os

os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.settings")

import django  # noqa: E402  (the database is chosen above, before the settings load)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from commonweal.recommendations.importing import (  # noqa: E402
    RecommendationImportError,
    recommendations_import,
)

call_command("migrate", verbosity=0)

HEADER = (
    "reference,title,text,source_kind,source_body,source_document,objectives,"
    "one_time_cost,recurring_cost,implementation_years,depends_on,received_at,"
    "title_zh-hans,text_zh-hans\r\n"
)
ROWS = [
    "WS2-1,Diversity,Improve diversity.,work-stream,CCWG,WS2 Final Report,governance,"
    "100000,5000,2,,2019-03-12,多样性,提高多样性。\r\n",
    'WS2-2,"Quoted, title","Text with ""quotes""",review,ATRT3,Report,security;governance,'
    "12.50,0,1,WS2-1,2019-03-12T09:30:00+09:00,,\r\n",
    "WS2-3,Staff,Accountability.,advice,SSAC,SAC101,,,,,WS2-1;WS2-2,,,\r\n",
]


class _RolledBack(Exception):
    pass


def fuzz_recommendations_csv(data: bytes) -> None:
    try:
        with transaction.atomic():
            recommendations_import(data=data, source_name="fuzz.csv")
            raise _RolledBack
    except (RecommendationImportError, _RolledBack):
        pass


@st.composite
def _hostile_rows(draw) -> bytes:
    """A valid header, then rows whose cells are the shapes that hurt a CSV reader."""
    cell = st.sampled_from(
        ["1e100000000", "NaN", "-Infinity", "9" * 5000, '"', '"""', "x" * 25_000, ";" * 3000]
    ) | st.text(max_size=20)
    rows = draw(st.lists(st.lists(cell, min_size=1, max_size=20), min_size=1, max_size=30))
    width = draw(st.sampled_from([0, 0, 0, 5000]))  # now and then, thousands of cells
    lines = [",".join(row) + "," * width for row in rows]
    return (HEADER + "\r\n".join(lines)).encode("utf-8", "surrogatepass")


@st.composite
def _circles(draw) -> bytes:
    """Rows that depend on many others and on the next: a file of countless circles."""
    count = draw(st.integers(2, 600))
    reach = draw(st.integers(1, 200))
    rows = []
    for number in range(count):
        depends = [f"R{n}" for n in range(max(0, number - reach), number)]
        depends.append(f"R{(number + 1) % count}")
        rows.append(f'R{number},t,x,review,b,d,,,,,"{";".join(depends)}",,,\r\n')
    return (HEADER + "".join(rows)).encode()


TARGETS = {"recommendations-csv": fuzz_recommendations_csv}
SEEDS = {
    "recommendations-csv": [
        (HEADER + "".join(ROWS)).encode(),
        (HEADER + ROWS[0]).encode("utf-16"),
        (HEADER + ROWS[1]).replace(",", ";").encode("gb18030"),
    ]
}
STRATEGIES = {"recommendations-csv": [_hostile_rows(), _circles()]}
