"""Ingestion throughput of the platform: transcripts in, meetings stored in SQLite.

Target: 1,000 transcripts of about 50 KB each (about 50 MB) ingested into a fresh SQLite
database in under 60 s on a 2-core machine.

Generates ICANN-style English transcripts (a three-line header with a distinct date per
meeting, then "FIRSTNAME LASTNAME: text" turns by about 20 roster people in 3 groups plus
an occasional unlisted speaker), creates a fresh database in a temporary folder, migrates
it, imports the roster with ``community.services.roster_import`` and then times
``meetings.services.meeting_ingest`` on every transcript, one by one, as the ``ingest``
command and the upload page do. The time is split into the engine's parse, the SQL the
database executes, and the rest (ORM query building, model objects, commits); a sample is
parsed alone with ``meetings.engine.parse_bytes``. Afterwards it checks what was stored
and that re-ingesting 20 files changes nothing.

Run: .venv/bin/python benchmarks/bench_ingest.py [--quick] [--count N] [--profile [ROWS]]

--quick ingests 100 transcripts; the target scales with the count (60 s per 1,000).
Exits 0 when the target is missed (it is a benchmark: the report says FAIL), and 1 when
a check of the stored data fails.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from transcript_generator import generate, roster_yaml

TARGET_SECONDS = 60.0
TARGET_COUNT = 1000
QUICK_COUNT = 100
REINGEST = 20
PARSE_SAMPLE = 50
SEED = 20190312
ROSTER_NAME = "roster.yaml"


def django_setup(folder: Path):
    """A fresh database in ``folder``; Django is imported only after the environment says so."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["COMMONWEAL_HOME"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "commonweal.settings"
    # As in production: no per-query debug log. COMMONWEAL_DEBUG=1 measures the other way.
    os.environ.setdefault("COMMONWEAL_DEBUG", "0")
    os.environ.setdefault("COMMONWEAL_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class SqlTimer:
    """Counts the queries Django sends and the time the database takes to run them."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


@contextmanager
def measured_parse(engine):
    """Accumulates the time ``meeting_ingest`` spends in the engine's parse."""
    original = engine.parse_bytes
    spent = [0.0]

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    engine.parse_bytes = timed
    try:
        yield spent
    finally:
        engine.parse_bytes = original


PAGE_REQUESTS = 200
MEETING_PAGE_TARGET_MS = 150  # PRODUCT.md: 1,000 meetings and 100,000 turns stored, p95


def page_timings(
    meeting_model, rng: random.Random
) -> dict[str, tuple[float, float, int, int | None]]:
    """Render pages over the stored meetings through the whole Django stack (middleware,
    views, templates) in this process, and give p50 and p95 in milliseconds."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    ids = list(meeting_model.objects.values_list("pk", flat=True))

    def timed(urls: list[str]) -> tuple[float, float, int]:
        spent = []
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            spent.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        spent.sort()
        return spent[len(spent) // 2], spent[int(len(spent) * 0.95) - 1], len(spent)

    meeting_urls = [f"/meetings/{rng.choice(ids)}/" for _ in range(PAGE_REQUESTS)]
    search_urls = [f"/meetings/{rng.choice(ids)}/?q=budget" for _ in range(PAGE_REQUESTS // 4)]
    return {
        "meeting page": (*timed(meeting_urls), MEETING_PAGE_TARGET_MS),
        "meeting page with a search": (*timed(search_urls), None),
        "meetings list": (*timed(["/meetings/"] * (PAGE_REQUESTS // 4)), None),
        "search across meetings": (*timed(["/meetings/search/?q=budget"] * 10), None),
    }


@dataclass
class Corpus:
    """The generated transcripts as (file name, bytes) and how long generating them took."""

    transcripts: list[tuple[str, bytes]]
    expected_turns: int
    generated_s: float

    @property
    def count(self) -> int:
        return len(self.transcripts)

    @property
    def total_bytes(self) -> int:
        return sum(len(data) for _, data in self.transcripts)

    @property
    def mib(self) -> float:
        return self.total_bytes / 2**20


@dataclass
class IngestMeasure:
    """The timed ingest loop: its actions and its time split into parse, SQL and the rest."""

    actions: dict[str, int]
    total_s: float
    parse_s: float
    sql_s: float
    queries: int

    @property
    def other_s(self) -> float:
        return max(self.total_s - self.parse_s - self.sql_s, 0.0)


@dataclass
class ParseSample:
    """The engine's parse alone, timed on the first transcripts."""

    files: int
    each_s: float


@dataclass
class StoredCounts:
    """What the ingest left in the database."""

    meetings: int
    dated: int
    turns: int
    participants: int
    linked: int
    candidates: int
    database_mib: float


@dataclass
class Reingest:
    """Ingesting the first transcripts a second time, which should change nothing."""

    files: int
    unchanged: int
    seconds: float
    meetings_after: int


@dataclass
class Bench:
    """Everything measured in the fresh database, for the checks and the report."""

    corpus: Corpus
    setup_s: float
    people_created: int
    groups_created: int
    ingest: IngestMeasure
    sample: ParseSample
    stored: StoredCounts
    reingest: Reingest
    pages: dict[str, tuple[float, float, int, int | None]]
    django_version: str
    sqlite_version: str

    @property
    def target_s(self) -> float:
        return TARGET_SECONDS * self.corpus.count / TARGET_COUNT


def corpus_generate(count: int, rng: random.Random) -> Corpus:
    """``count`` transcripts named meeting-0001.txt onwards, generated from ``rng``."""
    transcripts, expected_turns = [], 0
    started = time.perf_counter()
    for index in range(count):
        text, turns = generate(index, rng)
        transcripts.append((f"meeting-{index + 1:04d}.txt", text.encode()))
        expected_turns += turns
    return Corpus(transcripts, expected_turns, generated_s=time.perf_counter() - started)


def transcripts_ingest(
    transcripts: list[tuple[str, bytes]], roster: bytes, profiler: cProfile.Profile | None
) -> IngestMeasure:
    """Ingest every transcript one by one, as the ``ingest`` command does, timing each part."""
    from django.db import connection

    from commonweal.meetings import engine
    from commonweal.meetings.services import meeting_ingest

    sql = SqlTimer()
    actions: dict[str, int] = {}
    with connection.execute_wrapper(sql), measured_parse(engine) as parse_spent:
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        for source_name, data in transcripts:
            result = meeting_ingest(
                data=data, source_name=source_name, roster=roster, roster_name=ROSTER_NAME
            )
            actions[result.action] = actions.get(result.action, 0) + 1
        total_s = time.perf_counter() - started
        if profiler:
            profiler.disable()
    return IngestMeasure(actions, total_s, parse_spent[0], sql.seconds, sql.queries)


def parse_sample_time(sample: list[tuple[str, bytes]], roster: bytes) -> ParseSample:
    """The engine's parse alone on ``sample``, without the database."""
    from commonweal.meetings import engine

    started = time.perf_counter()
    for source_name, data in sample:
        engine.parse_bytes(data, source_name=source_name, roster=roster, roster_name=ROSTER_NAME)
    return ParseSample(files=len(sample), each_s=(time.perf_counter() - started) / len(sample))


def stored_count(database: Path) -> StoredCounts:
    from commonweal.meetings.models import Candidate, Meeting, Participant, Turn

    return StoredCounts(
        meetings=Meeting.objects.count(),
        dated=Meeting.objects.filter(date__isnull=False).values("date").distinct().count(),
        turns=Turn.objects.count(),
        participants=Participant.objects.count(),
        linked=Participant.objects.filter(person__isnull=False).count(),
        candidates=Candidate.objects.count(),
        database_mib=database.stat().st_size / 2**20,
    )


def reingest_check(again: list[tuple[str, bytes]], roster: bytes) -> Reingest:
    """Ingest ``again`` a second time, counting the transcripts found unchanged."""
    from commonweal.meetings.models import Meeting
    from commonweal.meetings.services import meeting_ingest

    started = time.perf_counter()
    unchanged = sum(
        meeting_ingest(
            data=data, source_name=source_name, roster=roster, roster_name=ROSTER_NAME
        ).action
        == "unchanged"
        for source_name, data in again
    )
    seconds = time.perf_counter() - started
    return Reingest(len(again), unchanged, seconds, meetings_after=Meeting.objects.count())


def database_bench(
    folder: Path,
    corpus: Corpus,
    roster: bytes,
    rng: random.Random,
    profiler: cProfile.Profile | None,
) -> Bench:
    """Migrate a fresh database in ``folder``, import the roster, then take every measure."""
    started = time.perf_counter()
    django_setup(folder)
    import django
    from django.db import connection, connections

    from commonweal.community.services import roster_import
    from commonweal.meetings.models import Meeting

    imported = roster_import(data=roster, source=ROSTER_NAME)
    setup_s = time.perf_counter() - started
    ingest = transcripts_ingest(corpus.transcripts, roster, profiler)
    sample = parse_sample_time(corpus.transcripts[:PARSE_SAMPLE], roster)
    stored = stored_count(folder / "bench.sqlite3")
    reingest = reingest_check(corpus.transcripts[:REINGEST], roster)
    pages = page_timings(Meeting, rng)
    sqlite_version = connection.Database.sqlite_version
    connections.close_all()
    return Bench(
        corpus=corpus,
        setup_s=setup_s,
        people_created=imported.people_created,
        groups_created=imported.groups_created,
        ingest=ingest,
        sample=sample,
        stored=stored,
        reingest=reingest,
        pages=pages,
        django_version=django.get_version(),
        sqlite_version=sqlite_version,
    )


def bench_checks(bench: Bench) -> list[tuple[str, bool]]:
    """What the stored data must satisfy, each as (what is checked, whether it holds)."""
    count, stored, again = bench.corpus.count, bench.stored, bench.reingest
    actions = bench.ingest.actions
    return [
        (f"meetings stored {stored.meetings} == {count}", stored.meetings == count),
        (f"all created: {actions}", actions == {"created": count}),
        (
            f"meetings with a distinct date from the header {stored.dated} == {count}",
            stored.dated == count,
        ),
        (
            f"turns stored {stored.turns} == {bench.corpus.expected_turns} generated",
            stored.turns == bench.corpus.expected_turns,
        ),
        (
            f"re-ingest {again.files}: {again.unchanged} unchanged, "
            f"meetings still {again.meetings_after}",
            again.unchanged == again.files and again.meetings_after == count,
        ),
    ]


def setup_print(bench: Bench) -> None:
    """The report's heading: the machine, the setup and the transcripts generated."""
    corpus = bench.corpus
    print(f"Commonweal ingest benchmark: meeting_ingest into a fresh SQLite database (seed {SEED})")
    print(
        f"  machine        {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Django {bench.django_version}, SQLite {bench.sqlite_version}, "
        f"DEBUG={os.environ['COMMONWEAL_DEBUG']}"
    )
    print(
        f"  setup          generate {corpus.generated_s:.1f} s; "
        f"migrate + roster import {bench.setup_s:.1f} s "
        f"({bench.people_created} people, {bench.groups_created} groups)"
    )
    print(f"  transcripts    {corpus.count}")
    print(
        f"  size           {corpus.mib:.1f} MiB "
        f"({corpus.total_bytes / corpus.count / 1024:.1f} KiB each)"
    )


def timing_print(bench: Bench) -> None:
    """Where the ingest loop spent its time, and the parse alone for comparison."""
    count, ingest, sample = bench.corpus.count, bench.ingest, bench.sample
    total_s, mib = ingest.total_s, bench.corpus.mib

    def share(seconds: float) -> str:
        return f"{seconds:6.2f} s ({seconds / total_s:4.0%})"

    print(f"  total          {total_s:.2f} s")
    print(f"  throughput     {count / total_s:.1f} transcripts/s, {mib / total_s:.2f} MiB/s")
    print(f"  parse          {share(ingest.parse_s)}  engine.parse_bytes inside meeting_ingest")
    print(
        f"  SQL            {share(ingest.sql_s)}  "
        f"{ingest.queries} queries, {ingest.queries / count:.1f} each"
    )
    print(f"  other          {share(ingest.other_s)}  ORM query building, model objects, commits")
    print(f"  write share    {(total_s - ingest.parse_s) / total_s:.0%} (everything but the parse)")
    print(
        f"  parse alone    {sample.each_s * 1000:.1f} ms per transcript on {sample.files} "
        f"(~{sample.each_s * count:.1f} s for {count})"
    )


def outcome_print(bench: Bench, checks: list[tuple[str, bool]]) -> None:
    """What was stored, the checks, and the time against the target."""
    count, stored, again = bench.corpus.count, bench.stored, bench.reingest
    total_s, target_s = bench.ingest.total_s, bench.target_s
    print(
        f"  stored         {stored.meetings} meetings, {stored.turns} turns, "
        f"{stored.participants} participants ({stored.linked} linked to people), "
        f"{stored.candidates} candidates; database {stored.database_mib:.1f} MiB"
    )
    print(
        f"  re-ingest      {again.unchanged}/{again.files} unchanged "
        f"in {again.seconds * 1000:.0f} ms ({again.seconds / again.files * 1000:.1f} ms each)"
    )
    for text, passed in checks:
        print(f"  check          {'ok  ' if passed else 'FAIL'} {text}")
    print(
        f"  target         {target_s:.1f} s for {count} "
        f"({TARGET_SECONDS:.0f} s per {TARGET_COUNT} on a 2-core machine)"
    )
    ratio = target_s / total_s
    print(f"  ratio          {ratio:.2f} (target / actual; above 1 is faster than the target)")
    verdict = "PASS" if total_s <= target_s else "FAIL"
    print(f"  result         {verdict}: {total_s:.2f} s against {target_s:.1f} s")


def pages_print(pages: dict[str, tuple[float, float, int, int | None]]) -> None:
    for label, (p50, p95, requests, target) in pages.items():
        verdict = (
            ""
            if target is None
            else f"  target p95 {target} ms: " + ("PASS" if p95 <= target else "FAIL")
        )
        print(
            f"  page           {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {requests}{verdict}"
        )


def profile_print(profiler: cProfile.Profile, rows: int) -> None:
    print(f"\nProfile of the ingest loop (top {rows} by cumulative time):")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(rows)
    print(f"Top {rows} by own time:")
    stats.sort_stats("tottime").print_stats(rows)


def run(count: int, profile_rows: int) -> int:
    """Generate ``count`` transcripts, measure them into a fresh database and print the
    report; 1 when a check of the stored data fails."""
    rng = random.Random(SEED)
    roster = roster_yaml().encode()
    corpus = corpus_generate(count, rng)
    profiler = cProfile.Profile() if profile_rows else None
    with tempfile.TemporaryDirectory(prefix="commonweal-bench-ingest-") as name:
        bench = database_bench(Path(name), corpus, roster, rng, profiler)
    checks = bench_checks(bench)
    setup_print(bench)
    timing_print(bench)
    outcome_print(bench, checks)
    pages_print(bench.pages)
    if profiler:
        profile_print(profiler, profile_rows)
    return 0 if all(passed for _, passed in checks) else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_COUNT} transcripts")
    parser.add_argument("--count", type=int, help=f"transcripts (default {TARGET_COUNT})")
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=30,
        default=0,
        metavar="ROWS",
        help="profile the ingest loop with cProfile and print the top ROWS (default 30)",
    )
    args = parser.parse_args(argv)
    count = args.count or (QUICK_COUNT if args.quick else TARGET_COUNT)
    if count < 1:
        parser.error("--count must be at least 1")
    return run(count, args.profile)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
