"""Dashboard rendering over many meetings: the community and group pages of /metrics/.

Target: the community dashboard over 1,000 meetings (about 94,000 turns) renders in under
300 ms at the 95th percentile.

Builds the meetings with bench_ingest's generator and ``meeting_ingest`` into a fresh
SQLite database (as that benchmark does), adds 200 decided recommendations and a
self-assessment per group, then renders the pages through the whole Django stack with the
test client and reports p50 and p95 in milliseconds.

Run: .venv/bin/python benchmarks/bench_metrics.py [--quick] [--count N] [--requests N]

--quick stores 100 meetings. Exits 0 when the target is missed (the report says FAIL).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import SEED, django_setup, generate, roster_yaml  # noqa: E402

TARGET_MS = 300
TARGET_COUNT = 1000
QUICK_COUNT = 100
REQUESTS = 60
RECOMMENDATIONS = 200


def store(count: int) -> int:
    from commonweal.community.services import roster_import
    from commonweal.meetings.services import meeting_ingest

    rng = random.Random(SEED)
    roster = roster_yaml().encode()
    roster_import(data=roster, source="roster.yaml")
    for index in range(count):
        text, _turns = generate(index, rng)
        meeting_ingest(
            data=text.encode(),
            source_name=f"meeting-{index + 1:04d}.txt",
            roster=roster,
            roster_name="roster.yaml",
        )
    from commonweal.meetings.models import Turn

    return Turn.objects.count()


def decided_recommendations(rng: random.Random) -> None:
    """Recommendations received and decided across the years of the meetings, written
    directly: the benchmark is about reading them."""
    from commonweal.recommendations.models import Recommendation, Source

    sources = [
        Source.objects.create(kind=Source.Kind.REVIEW, body=f"Review team {n}", document="Report")
        for n in range(1, 6)
    ]
    start = datetime.datetime(2016, 1, 4, tzinfo=datetime.UTC)
    rows = []
    for number in range(RECOMMENDATIONS):
        received = start + datetime.timedelta(days=rng.randint(0, 900))
        decided = received + datetime.timedelta(days=rng.randint(20, 400))
        implemented = decided + datetime.timedelta(days=rng.randint(30, 500))
        rows.append(
            Recommendation(
                reference=f"B-{number}",
                source=rng.choice(sources),
                title=f"Recommendation {number}",
                text="…",
                status=Recommendation.Status.IMPLEMENTED,
                decision=Recommendation.Decision.APPROVED,
                received_at=received,
                decided_at=decided,
                implemented_at=implemented if rng.random() < 0.5 else None,
            )
        )
    Recommendation.objects.bulk_create(rows)


def self_assessments(rng: random.Random) -> None:
    from commonweal.community.models import StakeholderGroup
    from commonweal.metrics.models import MaturityModel
    from commonweal.metrics.services import assessment_record

    model = MaturityModel.objects.get(is_default=True)
    codes = list(model.dimensions.values_list("code", flat=True))
    for group in StakeholderGroup.objects.all():
        for year in (2017, 2018):
            assessment_record(
                group=group,
                by=None,
                assessed_on=datetime.date(year, 6, 1),
                scores={code: (rng.randint(1, 5), "") for code in codes},
            )


def timed(client, url: str, requests: int) -> tuple[float, float]:
    client.get(url)  # warm the template and query caches once
    spent = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        spent.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    spent.sort()
    return spent[len(spent) // 2], spent[max(int(len(spent) * 0.95) - 1, 0)]


def run(count: int, requests: int) -> int:
    with tempfile.TemporaryDirectory(prefix="commonweal-bench-metrics-") as name:
        django_setup(Path(name))
        import django
        from django.db import connection, connections
        from django.test import Client

        started = time.perf_counter()
        turns = store(count)
        rng = random.Random(SEED)
        decided_recommendations(rng)
        self_assessments(rng)
        setup_s = time.perf_counter() - started

        client = Client(HTTP_HOST="127.0.0.1")
        pages = {
            "community dashboard": ("/metrics/", TARGET_MS),
            "community dashboard, one year, topic query": (
                "/metrics/?date_from=2016-06-01&date_to=2017-05-31&q=session",
                None,
            ),
            "community dashboard filtered by group": ("/metrics/?group=alac", None),
            "group page with radar": ("/metrics/groups/alac/", None),
            "CSV of the floor table": ("/metrics/csv/?table=floor", None),
        }
        results = {
            label: (*timed(client, url, requests), target) for label, (url, target) in pages.items()
        }
        sqlite_version = connection.Database.sqlite_version
        connections.close_all()

    print("Commonweal metrics benchmark: dashboards over stored meetings (SQLite)")
    print(
        f"  machine        {os.cpu_count()} CPUs, Django {django.get_version()}, "
        f"SQLite {sqlite_version}, DEBUG={os.environ['COMMONWEAL_DEBUG']}"
    )
    print(
        f"  data           {count} meetings, {turns} turns, {RECOMMENDATIONS} recommendations "
        f"(built in {setup_s:.1f} s)"
    )
    for label, (p50, p95, target) in results.items():
        verdict = ""
        if target is not None:
            scaled = "" if count == TARGET_COUNT else f" (target is for {TARGET_COUNT} meetings)"
            passed = p95 <= target
            verdict = f"  target p95 {target} ms: {'PASS' if passed else 'FAIL'}{scaled}"
        print(
            f"  page           {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {requests}{verdict}"
        )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_COUNT} meetings")
    parser.add_argument("--count", type=int, help=f"meetings (default {TARGET_COUNT})")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page")
    args = parser.parse_args(argv)
    count = args.count or (QUICK_COUNT if args.quick else TARGET_COUNT)
    if count < 1 or args.requests < 1:
        parser.error("--count and --requests must be at least 1")
    return run(count, args.requests)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
