"""Search across meetings at archive scale, and ingestion by several workers on PostgreSQL.

Targets (issue 11): 20,000 meetings and 2,000,000 turns (about ICANN's twenty years of
public sessions); search p95 under 100 ms on SQLite and on PostgreSQL; ingestion with
several ``commonweal db_worker`` processes on PostgreSQL scaling with their number
(1, 2 and 4 workers reported).

The archive is built with bulk inserts, not by parsing: meetings and their speakers
through the ORM's bulk_create, turns as raw rows (executemany on SQLite, COPY on
PostgreSQL), their text drawn from a Zipf vocabulary of English and Chinese words. As a
restore does, the index is built after the load: on PostgreSQL the search index (block of
ids and trigrams, migration 0003) is dropped and built again, then VACUUM ANALYZE; on
SQLite the FTS5 insert trigger is dropped and the table rebuilt in one pass (five times
faster than row by row). Then each search of a fixed mix (frequent, middling and rare
words, two words, a Chinese word of three characters and one of two) is timed, after a
warm-up, through the selector the page uses (``meetings.search.turn_search_run``: ids
from the index, the 200 newest turns' text, meetings and speakers, their marked
excerpts), then through the whole page (Django's test client: middleware, view,
template).

PostgreSQL runs on a private cluster started here (its own folder, port and socket, as
scripts/test.sh does) when ``initdb`` is installed; otherwise that part is skipped.
Ingestion queues generated transcripts of about 50 KB as upload jobs in django-tasks'
database queue (as the upload page does) and times 1, 2 and 4 ``db_worker --batch``
processes emptying it, each started in a session of its own and keeping its database
connection, as a service manager would run them (Linux shares the CPU between sessions
first, so workers of one session would share one share). Beside the wall time it
reports the time from the first job's start to the last one's end, the CPU seconds the
workers and the database spent, and the load average, so that a run on a busy machine
can be read (benchmarks/search_workers.py).

Run: .venv/bin/python benchmarks/bench_search.py [--quick] [--no-postgres]
--quick: 2,000 meetings / 200,000 turns and 16 jobs per worker run.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 20260101
FULL = {"meetings": 20_000, "turns": 2_000_000, "jobs": 96, "searches": 6}
QUICK = {"meetings": 2_000, "turns": 200_000, "jobs": 16, "searches": 4}
TARGET_P95_MS = 100.0
PCT = (0.5, 0.95)  # the percentiles reported
TAIL = 50_000  # synthetic words of the vocabulary's long tail
PG_PORT = int(os.environ.get("COMMONWEAL_BENCH_PG_PORT", "54339"))
REPO = Path(__file__).resolve().parents[1]
# The query mix: each kind of query a person types, with the words it uses.
QUERIES = {
    "frequent word": ["budget", "policy", "community"],
    "middling word": ["accountability", "registrar", "transparency"],
    "uncommon word": ["ombudsman", "reconsideration", "{300}", "{1000}"],
    "rare word": ["{20011}", "{33333}", "{41234}", "{49999}"],
    "two words": ["budget policy", "review community"],
    "Chinese, 3 characters": ["委员会", "透明度", "工作组"],
    "Chinese, 2 characters": ["预算", "政策"],
    "Chinese, rare phrase": ["章程独立", "合规义务"],
    "no hit": ["zzyzx", "不存在的词"],
}


# -- the archive's text -----------------------------------------------------------------

ENGLISH = " ".join(
    (
        "the of and to we that is in for this on community budget policy board it be are "
        "with as process not have review group public comment will our working registry "
        "by from at proposal staff meeting can would which organization stakeholder "
        "accountability registrar transparency implementation framework consensus "
        "recommendation council advisory security stability resiliency domain names "
        "numbers protocol ombudsman escrow reconsideration independent panel charter "
        "bylaws empowered dispute resolution compliance contractual obligations",
    )
).split()
CHINESE = " ".join(
    (
        "我们 预算 政策 社群 委员会 理事会 透明度 工作组 问责制 建议 审查 公众 意见 程序 "
        "注册管理 机构 域名 安全 稳定 实施 框架 共识 章程 独立 小组 争议 解决 合规 义务",
    )
).split()


def tail_word(rank: int) -> str:
    """The synthetic word of the long tail at ``rank``: four syllables spread over 70**4
    by a multiplication that never maps two ranks to one word, so no tail word contains
    another and their trigrams are as varied as real words'."""
    number, letters = rank * 7_368_787 % 70**4, []
    for _ in range(4):
        number, syllable = divmod(number, 70)
        letters += ["bcdfgklmnprstv"[syllable // 5], "aeiou"[syllable % 5]]
    return "".join(letters)


def sentence_pool(rng: random.Random, size: int) -> list[str]:
    """Sentences in English (four in five) and Chinese, words drawn with Zipf weights,
    plus 50,000 synthetic words for the long tail that real archives have: a word far in
    the tail is in one pooled sentence or none, so in a few dozen turns of the archive."""
    english = ENGLISH + [tail_word(rank) for rank in range(TAIL)]
    english_cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(english))))
    chinese_cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(CHINESE))))
    pool = []
    for _ in range(size):
        if rng.random() < 0.8:
            words = rng.choices(english, cum_weights=english_cumulative, k=rng.randint(6, 18))
            pool.append(" ".join(words).capitalize() + ".")
        else:
            chosen = rng.choices(CHINESE, cum_weights=chinese_cumulative, k=rng.randint(5, 12))
            pool.append("".join(chosen) + "。")
    return pool


def turn_texts(rng: random.Random, count: int, pool: list[str]):
    """``count`` turn texts of one or two pooled sentences."""
    for _ in range(count):
        if rng.random() < 0.6:
            yield rng.choice(pool)
        else:
            yield rng.choice(pool) + " " + rng.choice(pool)


# -- one database: build, search, report (runs in a child process per database) ---------


def django_setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "commonweal.settings"
    os.environ.setdefault("COMMONWEAL_DEBUG", "0")
    os.environ.setdefault("COMMONWEAL_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def meetings_create(count: int, speakers: int = 4) -> list[tuple[int, list[int]]]:
    """``count`` dated meetings with their speakers: [(meeting id, [participant ids])]."""
    import datetime

    from commonweal.meetings.models import Meeting, Participant

    first = datetime.date(2006, 1, 1)
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                title=f"Public session {n}",
                date=first + datetime.timedelta(days=n * 7300 // count),
                source_name=f"session-{n}.txt",
                identity=f"bench-{n}",
                content_hash=f"bench-{n}",
                language="en",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    participants = Participant.objects.bulk_create(
        (
            Participant(meeting=meeting, label=f"SPEAKER {k}")
            for meeting in meetings
            for k in range(speakers)
        ),
        batch_size=5000,
    )
    by_meeting: dict[int, list[int]] = {}
    for participant in participants:
        by_meeting.setdefault(participant.meeting_id, []).append(participant.pk)
    return [(meeting.pk, by_meeting[meeting.pk]) for meeting in meetings]


TURN_COLUMNS = ["meeting_id", "index", "participant_id", "text", "annotations", "units", "seconds"]


def turn_rows(meetings, turns: int, rng: random.Random):
    """Rows for meetings_turn: the turns spread evenly over the meetings."""
    pool = sentence_pool(rng, 40_000)
    texts = turn_texts(rng, turns, pool)
    each = turns // len(meetings)
    for number, (meeting_id, participants) in enumerate(meetings):
        count = each if number < len(meetings) - 1 else turns - each * (len(meetings) - 1)
        for index in range(count):
            text = next(texts)
            yield (meeting_id, index, participants[index % len(participants)], text, "[]", 20, 8.0)


def sqlite_load(meetings, turns: int, rng: random.Random) -> float:
    """Insert the turns with the FTS5 insert trigger dropped, then index them in one
    'rebuild' and put the trigger back, as a restore would; the rebuild's time."""
    from importlib import import_module

    from django.db import connection, transaction

    migration = import_module("commonweal.meetings.migrations.0002_turn_search_index")
    columns = ", ".join(f'"{name}"' for name in TURN_COLUMNS)
    sql = f"INSERT INTO meetings_turn ({columns}) VALUES ({', '.join('?' * len(TURN_COLUMNS))})"
    rows = turn_rows(meetings, turns, rng)
    with transaction.atomic():
        raw = connection.connection
        raw.execute("DROP TRIGGER meetings_turn_fts_insert")
        while batch := [row for _, row in zip(range(50_000), rows, strict=False)]:
            raw.executemany(sql, batch)
        started = time.perf_counter()
        raw.execute("INSERT INTO meetings_turn_fts(meetings_turn_fts) VALUES ('rebuild')")
        raw.execute(next(s for s in migration.SQLITE_CREATE if "fts_insert AFTER" in s))
        return time.perf_counter() - started


def postgres_load(meetings, turns: int, rng: random.Random) -> float:
    """COPY the turns with the search index dropped, then build it and VACUUM ANALYZE the
    table (so that no autovacuum runs under the timings); the index's build time."""
    from importlib import import_module

    from django.db import connection

    migration = import_module("commonweal.meetings.migrations.0003_turn_search_index_by_block")
    columns = ", ".join(f'"{name}"' for name in TURN_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(migration.BLOCK_INDEX_DROP)
        with cursor.copy(f"COPY meetings_turn ({columns}) FROM STDIN") as copy:
            for row in turn_rows(meetings, turns, rng):
                copy.write_row(row)
        started = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(migration.BLOCK_INDEX)
        index_s = time.perf_counter() - started
        cursor.execute("VACUUM ANALYZE")
        return index_s


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def timed(function, rounds: int) -> list[float]:
    """Milliseconds of ``rounds`` calls of ``function``, after one call to warm up."""
    function()
    spent = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def searches_time(rounds: int) -> dict:
    """Each query of the mix ``rounds`` times through the selector, then ``rounds`` times
    through the page; milliseconds per kind and overall, and the hits found."""
    from django.test import Client

    from commonweal.meetings.search import turn_search_run

    client = Client(HTTP_HOST="127.0.0.1")

    def page(query: str) -> None:
        response = client.get("/meetings/search/", {"q": query})
        assert response.status_code == 200, (query, response.status_code)

    kinds, selector_all, page_all, hits = {}, [], [], {}
    for kind, written in QUERIES.items():
        # "{rank}" stands for the tail word of that rank.
        queries = [tail_word(int(q[1:-1])) if q.startswith("{") else q for q in written]
        spent, pages = [], []
        for query in queries:
            found = turn_search_run(query=query)
            hits[query] = (len(found.turns), found.more, found.scanned_turns is not None)
            spent += timed(lambda query=query: turn_search_run(query=query), rounds)
            pages += timed(lambda query=query: page(query), rounds)
        kinds[kind] = [percentile(values, share) for values in (spent, pages) for share in PCT]
        selector_all += spent
        page_all += pages
    return {
        "kinds": kinds,
        "selector": [percentile(selector_all, share) for share in PCT],
        "page": [percentile(page_all, share) for share in PCT],
        "hits": hits,
    }


def database_phase(sizes: dict) -> dict:
    """Build the archive in the database DATABASE_URL names, and search it."""
    started = time.perf_counter()
    django_setup()
    from django.db import connection

    from commonweal.meetings.models import Turn

    rng = random.Random(SEED)
    meetings = meetings_create(sizes["meetings"])
    if connection.vendor == "postgresql":
        index_s = postgres_load(meetings, sizes["turns"], rng)
    else:
        index_s = sqlite_load(meetings, sizes["turns"], rng)
    build_s = time.perf_counter() - started
    stored = Turn.objects.count()
    result = {"vendor": connection.vendor, "build_s": build_s, "index_s": index_s}
    result |= {"turns": stored, "meetings": len(meetings), "load_before": os.getloadavg()[0]}
    result |= searches_time(sizes["searches"])
    result["load_after"] = os.getloadavg()[0]
    if connection.vendor == "postgresql":
        from search_workers import workers_ingest

        result["ingest"] = workers_ingest(sizes["jobs"], seed=SEED)
    return result


# -- the private PostgreSQL cluster ---------------------------------------------------


def postgres_start():
    """A private cluster in a folder of its own that the postgres user can reach:
    (its URL, its data folder, a function that stops it and removes the folder), or
    None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        return None
    bin_dir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="commonweal-bench-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    folder.chmod(0o755)
    if os.getuid() == 0:
        subprocess.run(["chown", "postgres", str(folder)], check=True)
    data, quiet = folder / "data", {"check": True, "stdout": subprocess.DEVNULL}
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "commonweal", "--auth=trust"]
    subprocess.run([*as_postgres, *initdb, "-E", "UTF8"], **quiet)
    options = f"-p {PG_PORT} -k {folder} -c listen_addresses='' -c shared_buffers=512MB"
    pg_ctl = [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data)]
    subprocess.run([*pg_ctl, "-l", str(folder / "log"), "-w", "-o", options, "start"], **quiet)
    host = ["-h", str(folder), "-p", str(PG_PORT), "-U", "commonweal"]
    subprocess.run([str(bin_dir / "createdb"), *host, "commonweal"], check=True)
    url = f"postgresql://commonweal@{str(folder).replace('/', '%2F')}:{PG_PORT}/commonweal"

    def stop() -> None:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(folder, ignore_errors=True)

    return url, data, stop


def phase_run(sizes: dict, environment: dict) -> dict:
    """One database's phase in a child process (Django binds to one database per process)."""
    env = os.environ | environment | {"COMMONWEAL_BENCH_SIZES": json.dumps(sizes)}
    command = [sys.executable, __file__, "--phase"]
    output = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


# -- the report -----------------------------------------------------------------------


def verdict(p95: float) -> str:
    ratio = TARGET_P95_MS / p95 if p95 else float("inf")
    passed = "PASS" if p95 <= TARGET_P95_MS else "FAIL"
    return f"target p95 {TARGET_P95_MS:.0f} ms, ratio {ratio:.1f} (target / actual): {passed}"


def database_print(result: dict) -> None:
    from search_workers import load_text

    name = "SQLite (FTS5 trigram)" if result["vendor"] == "sqlite" else "PostgreSQL (pg_trgm)"
    print(f"\n{name}: {result['meetings']} meetings, {result['turns']} turns")
    print(
        f"  built          {result['build_s']:.1f} s with bulk inserts, "
        f"of which the search index {result['index_s']:.1f} s"
    )
    print(f"  searches       {load_text(result['load_before'], result['load_after'])}")
    for kind, (p50, p95, page50, page95) in result["kinds"].items():
        print(
            f"  {kind:22} selector p50 {p50:6.1f} ms, p95 {p95:6.1f} ms; "
            f"page p50 {page50:6.1f} ms, p95 {page95:6.1f} ms"
        )
    for query, (count, more, scanned) in result["hits"].items():
        bound = " (bounded: many matches)" if more else " (latest turns scanned)" if scanned else ""
        print(f"  hits           {query!r}: {count} shown{bound}")
    for what in ("selector", "page"):
        p50, p95 = result[what]
        print(f"  {what:14} p50 {p50:.1f} ms, p95 {p95:.1f} ms; " + verdict(p95))


def main(argv: list[str]) -> int:
    from search_workers import ingest_print

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the archive")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(database_phase(json.loads(os.environ["COMMONWEAL_BENCH_SIZES"]))))
        return 0
    sizes = QUICK if args.quick else FULL
    print(f"Commonweal search benchmark (seed {SEED}), {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="commonweal-bench-search-") as name:
        folder = Path(name)
        sqlite = {"DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}", "COMMONWEAL_HOME": name}
        database_print(phase_run(sizes, sqlite))
        started = None if args.no_postgres else postgres_start()
        if started is None:
            print("\nPostgreSQL skipped: " + ("--no-postgres" if args.no_postgres else "no initdb"))
            return 0
        url, data, stop = started
        try:
            environment = {
                "DATABASE_URL": url,
                "COMMONWEAL_TASKS_BACKEND": "django_tasks_db.backend.DatabaseBackend",
                "COMMONWEAL_BENCH_PG_DATA": str(data),
            }
            result = phase_run(sizes, environment)
        finally:
            stop()
        database_print(result)
        ingest_print(result["ingest"])
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
