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
import datetime
import os
import platform
import random
import sys
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path

TARGET_SECONDS = 60.0
TARGET_COUNT = 1000
TRANSCRIPT_BYTES = 50 * 1024
QUICK_COUNT = 100
REINGEST = 20
PARSE_SAMPLE = 50
SEED = 20190312

GROUPS = {
    "board": "ICANN Board of Directors",
    "org": "ICANN organization (staff)",
    "alac": "At-Large Advisory Committee",
}
# (name as the roster writes it, group, role); transcripts write names in capitals
# without accents, so the engine has to match "ZOE FERRAND" to "Zoë Ferrand".
PEOPLE = [
    ("Matthew Harland", "board", "director (session chair)"),
    ("Cherine Ostrava", "board", "chair of the Board"),
    ("Christopher Wendt", "board", "vice-chair of the Board"),
    ("Avery Dorsett", "board", "director"),
    ("Rebecca Burrows", "board", "director"),
    ("León Sandoval", "board", "director"),
    ("Merike Kallas", "board", "director"),
    ("Göran Lindqvist", "org", "President and CEO"),
    ("Sally Castellan", "org", "SVP Global Stakeholder Engagement"),
    ("David Olive", "org", "staff"),
    ("Theresa Swinehart", "org", "staff"),
    ("Maureen Hilyard", "alac", "ALAC chair"),
    ("Zoë Ferrand", "alac", "member"),
    ("Javier Rúa-Jovet", "alac", "member"),
    ("Holly Raiche", "alac", "member"),
    ("Tijani Ben Jemaa", "alac", "member"),
    ("Alan Greenberg", "alac", "member"),
    ("Olivier Crépin", "alac", "liaison"),
    ("Sébastien Bachollet", "alac", "member"),
    ("Hadia Elminiawi", "alac", "member"),
]
UNLISTED = ["JONATHAN ZUCK", "PRIYA NAIDOO", "KENJI TANAKA"]
UNLISTED_RATE = 0.03

SUBJECTS = [
    "the community",
    "the Board",
    "our working group",
    "the policy process",
    "the budget committee",
    "the registrars",
    "the end users we represent",
    "the independent review",
    "the organization",
    "the public comment period",
]
OBJECTS = [
    "the strategic plan for the next five years",
    "the additional budget request for outreach",
    "the timeline for the second phase of the EPDP",
    "a clear list of priorities",
    "the accountability mechanisms",
    "the operating standards for specific reviews",
    "the fellowship and NextGen programmes",
    "the measurement of our effectiveness",
    "the implementation of the recommendations",
    "the data protection framework",
    "the translation of our documents",
    "the workload of volunteers",
]
STATEMENTS = [
    "I think {s} has spent a great deal of time on {o}.",
    "From our perspective {s} needs more clarity on {o}.",
    "We have discussed {o} at length, and {s} is not yet in agreement.",
    "It is fair to say that {s} sees {o} as a priority for this year.",
    "There were 38 hours of calls on {o} before this meeting.",
    "Thank you for that, it is a very useful point about {o}.",
    "Let me add one thing about {o}, because it matters to {s}.",
    "If {s} cannot rely on {o}, the trust in the model suffers.",
    "We heard from {s} in Barcelona that {o} was too slow.",
    "So this is where {s} would like to see progress on {o}.",
]
SUGGESTIONS = [
    "I suggest that {s} publishes {o} before the next meeting.",
    "I suggest we set up a small group to look at {o}.",
    "We will come back to {s} with a proposal on {o} before Marrakech.",
    "We will circulate a draft of {o} to {s} within two weeks.",
    "My recommendation is that {s} reviews {o} every year.",
]
QUESTIONS = [
    "Can {s} tell us how {o} will be measured?",
    "What is the timeline for {o}?",
    "Is there a plan for {o} that {s} can comment on?",
    "How does {s} expect to fund {o}?",
]
ANNOTATIONS = ["[laughter]", "[applause]", "(inaudible)", "(sic)"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FIRST_DAY = datetime.date(2016, 1, 4)


def roster_yaml() -> str:
    lines = ["meeting: generated joint sessions", "groups:"]
    lines += [f"  {slug}: {name}" for slug, name in GROUPS.items()]
    lines.append("people:")
    lines += [f"  - {{name: {name}, group: {group}, role: {role}}}" for name, group, role in PEOPLE]
    return "\n".join(lines) + "\n"


def label_of(name: str) -> str:
    """ "GORAN LINDQVIST" for "Göran Lindqvist": capitals without accents."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        template = rng.choice(SUGGESTIONS)
    elif roll < 0.22:
        template = rng.choice(QUESTIONS)
    else:
        template = rng.choice(STATEMENTS)
    text = template.format(s=rng.choice(SUBJECTS), o=rng.choice(OBJECTS))
    if rng.random() < 0.02:
        text += " " + rng.choice(ANNOTATIONS)
    return text[0].upper() + text[1:]


def generate(index: int, rng: random.Random, size: int = TRANSCRIPT_BYTES) -> tuple[str, int]:
    """One transcript of about ``size`` bytes and the number of turns it holds."""
    day = FIRST_DAY + datetime.timedelta(days=index)
    start = 8 + index % 9
    header = (
        f"Joint Session: Board and Group {index % 12 + 1}\n"
        f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year} – "
        f"{start:02d}:30 to {start + 1:02d}:30 JST\n"
        "ICANN64 | Kobe, Japan\n\n"
    )
    labels = [label_of(name) for name, _, _ in PEOPLE]
    parts, written, turns, previous = [header], len(header.encode()), 0, ""
    while written < size:
        speaker = previous
        while speaker == previous:  # a new label is a new turn, never the same voice twice
            speaker = rng.choice(UNLISTED) if rng.random() < UNLISTED_RATE else rng.choice(labels)
        previous = speaker
        paragraphs = [
            " ".join(sentence(rng) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0])
        ]
        block = f"{speaker}: " + "\n\n".join(paragraphs) + "\n\n"
        parts.append(block)
        written += len(block.encode())
        turns += 1
    parts.append("[END OF TRANSCRIPTION]\n")
    return "".join(parts), turns


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


def run(count: int, profile_rows: int) -> int:
    rng = random.Random(SEED)
    roster = roster_yaml().encode()
    transcripts, expected_turns = [], 0
    started = time.perf_counter()
    for index in range(count):
        text, turns = generate(index, rng)
        transcripts.append((f"meeting-{index + 1:04d}.txt", text.encode()))
        expected_turns += turns
    generated_s = time.perf_counter() - started
    total_bytes = sum(len(data) for _, data in transcripts)
    mib = total_bytes / 2**20

    with tempfile.TemporaryDirectory(prefix="commonweal-bench-ingest-") as name:
        folder = Path(name)
        started = time.perf_counter()
        django_setup(folder)
        import django
        from django.db import connection, connections

        from commonweal.community.services import roster_import
        from commonweal.meetings import engine
        from commonweal.meetings.models import Candidate, Meeting, Participant, Turn
        from commonweal.meetings.services import meeting_ingest

        imported = roster_import(data=roster, source="roster.yaml")
        setup_s = time.perf_counter() - started

        sql = SqlTimer()
        profiler = None
        if profile_rows:
            import cProfile

            profiler = cProfile.Profile()
        actions: dict[str, int] = {}
        with connection.execute_wrapper(sql), measured_parse(engine) as parse_spent:
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            for source_name, data in transcripts:
                result = meeting_ingest(
                    data=data, source_name=source_name, roster=roster, roster_name="roster.yaml"
                )
                actions[result.action] = actions.get(result.action, 0) + 1
            total_s = time.perf_counter() - started
            if profiler:
                profiler.disable()
        parse_s, sql_s = parse_spent[0], sql.seconds
        other_s = max(total_s - parse_s - sql_s, 0.0)

        sample = transcripts[: min(PARSE_SAMPLE, count)]
        started = time.perf_counter()
        for source_name, data in sample:
            engine.parse_bytes(
                data, source_name=source_name, roster=roster, roster_name="roster.yaml"
            )
        sample_each_s = (time.perf_counter() - started) / len(sample)

        meetings = Meeting.objects.count()
        dated = Meeting.objects.filter(date__isnull=False).values("date").distinct().count()
        turns = Turn.objects.count()
        participants = Participant.objects.count()
        linked = Participant.objects.filter(person__isnull=False).count()
        candidates = Candidate.objects.count()
        database_mib = (folder / "bench.sqlite3").stat().st_size / 2**20

        again = transcripts[: min(REINGEST, count)]
        started = time.perf_counter()
        unchanged = sum(
            meeting_ingest(
                data=data, source_name=source_name, roster=roster, roster_name="roster.yaml"
            ).action
            == "unchanged"
            for source_name, data in again
        )
        again_s = time.perf_counter() - started
        meetings_after = Meeting.objects.count()
        pages = page_timings(Meeting, rng)
        sqlite_version = connection.Database.sqlite_version
        connections.close_all()

    target_s = TARGET_SECONDS * count / TARGET_COUNT
    ratio = target_s / total_s
    checks = [
        (f"meetings stored {meetings} == {count}", meetings == count),
        (f"all created: {actions}", actions == {"created": count}),
        (f"meetings with a distinct date from the header {dated} == {count}", dated == count),
        (f"turns stored {turns} == {expected_turns} generated", turns == expected_turns),
        (
            f"re-ingest {len(again)}: {unchanged} unchanged, meetings still {meetings_after}",
            unchanged == len(again) and meetings_after == count,
        ),
    ]

    def share(seconds: float) -> str:
        return f"{seconds:6.2f} s ({seconds / total_s:4.0%})"

    print(f"Commonweal ingest benchmark: meeting_ingest into a fresh SQLite database (seed {SEED})")
    print(
        f"  machine        {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Django {django.get_version()}, SQLite {sqlite_version}, "
        f"DEBUG={os.environ['COMMONWEAL_DEBUG']}"
    )
    print(
        f"  setup          generate {generated_s:.1f} s; migrate + roster import {setup_s:.1f} s "
        f"({imported.people_created} people, {imported.groups_created} groups)"
    )
    print(f"  transcripts    {count}")
    print(f"  size           {mib:.1f} MiB ({total_bytes / count / 1024:.1f} KiB each)")
    print(f"  total          {total_s:.2f} s")
    print(f"  throughput     {count / total_s:.1f} transcripts/s, {mib / total_s:.2f} MiB/s")
    print(f"  parse          {share(parse_s)}  engine.parse_bytes inside meeting_ingest")
    print(f"  SQL            {share(sql_s)}  {sql.queries} queries, {sql.queries / count:.1f} each")
    print(f"  other          {share(other_s)}  ORM query building, model objects, commits")
    print(f"  write share    {(total_s - parse_s) / total_s:.0%} (everything but the parse)")
    print(
        f"  parse alone    {sample_each_s * 1000:.1f} ms per transcript on {len(sample)} "
        f"(~{sample_each_s * count:.1f} s for {count})"
    )
    print(
        f"  stored         {meetings} meetings, {turns} turns, {participants} participants "
        f"({linked} linked to people), {candidates} candidates; database {database_mib:.1f} MiB"
    )
    print(
        f"  re-ingest      {unchanged}/{len(again)} unchanged in {again_s * 1000:.0f} ms "
        f"({again_s / len(again) * 1000:.1f} ms each)"
    )
    for text, passed in checks:
        print(f"  check          {'ok  ' if passed else 'FAIL'} {text}")
    print(
        f"  target         {target_s:.1f} s for {count} "
        f"({TARGET_SECONDS:.0f} s per {TARGET_COUNT} on a 2-core machine)"
    )
    print(f"  ratio          {ratio:.2f} (target / actual; above 1 is faster than the target)")
    verdict = "PASS" if total_s <= target_s else "FAIL"
    print(f"  result         {verdict}: {total_s:.2f} s against {target_s:.1f} s")

    for label, (p50, p95, requests, target) in pages.items():
        verdict = (
            ""
            if target is None
            else f"  target p95 {target} ms: " + ("PASS" if p95 <= target else "FAIL")
        )
        print(
            f"  page           {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {requests}{verdict}"
        )

    if profiler:
        import pstats

        print(f"\nProfile of the ingest loop (top {profile_rows} by cumulative time):")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(profile_rows)
        print(f"Top {profile_rows} by own time:")
        stats.sort_stats("tottime").print_stats(profile_rows)
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
