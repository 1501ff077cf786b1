"""Ingestion by several ``commonweal db_worker`` processes on PostgreSQL, for
bench_search.py: upload jobs queued as the upload page queues them, emptied by 1, 2 and 4
workers, each in a session of its own and keeping its database connection, as a service
manager would run them; with the time from the first job's start to the last one's end
(beside the wall time, which holds the workers' start), the CPU the workers and the
database spent, and the load average around each run (a machine shared with other work
shows in them)."""

from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

WORKER_COUNTS = (1, 2, 4)
# A worker keeps its database connection from job to job. With Django's default (0) it
# opens one per job: a new PostgreSQL backend, about 10 ms of the database's CPU a job.
WORKER_ENVIRONMENT = {"COMMONWEAL_DB_CONN_MAX_AGE": "600"}
REPO = Path(__file__).resolve().parents[1]


def jobs_queue(count: int, first: int, seed: int) -> list[int]:
    """``count`` generated transcripts queued as upload jobs, as the upload page does."""
    from django.db import transaction
    from transcript_generator import generate

    from commonweal.meetings import services, tasks

    rng = random.Random(seed + first)
    ids = []
    for index in range(first, first + count):
        text, _ = generate(index, rng)
        with transaction.atomic():
            job = services.ingest_job_create(
                data=text.encode(),
                source_name=f"job-{index}.txt",
                roster=None,
                roster_name="",
                user=None,
            )
            tasks.ingest_job_run.enqueue(job.pk)
        ids.append(job.pk)
    return ids


def postgres_cpu_s() -> float | None:
    """CPU seconds the private cluster has spent so far (its postmaster, its backends and
    those that have exited), from /proc; None where that cannot be read."""
    data = os.environ.get("COMMONWEAL_BENCH_PG_DATA")
    try:
        postmaster = (Path(data) / "postmaster.pid").read_text().split()[0]
        children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
        ticks = 0
        for pid in [postmaster, *children]:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    except (OSError, TypeError, IndexError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def workers_run(count: int) -> dict:
    """Start ``count`` db_worker processes that empty the queue: seconds until all exit,
    and from the first job's start to the last one's end (the workers' start left out);
    the CPU seconds the workers and the database spent; the load average around it."""
    import resource

    from django.db.models import Max, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    command = [str(REPO / ".venv/bin/commonweal"), "db_worker", "--batch", "--no-startup-delay"]
    load_before, database_before = os.getloadavg()[0], postgres_cpu_s()
    usage, since = resource.getrusage(resource.RUSAGE_CHILDREN), timezone.now()
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [*command, "--worker-id", f"bench-{count}-{n}", "-v", "0"],
            env=os.environ | WORKER_ENVIRONMENT,
            start_new_session=True,
        )
        for n in range(count)
    ]
    codes = [worker.wait() for worker in workers]
    seconds = time.perf_counter() - started
    assert codes == [0] * count, codes
    after, database_after = resource.getrusage(resource.RUSAGE_CHILDREN), postgres_cpu_s()
    span = DBTaskResult.objects.filter(started_at__gte=since).aggregate(
        first=Min("started_at"), last=Max("finished_at")
    )
    return {
        "seconds": seconds,
        "jobs_s": (span["last"] - span["first"]).total_seconds() if span["first"] else None,
        "workers_cpu_s": after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime,
        "database_cpu_s": None if database_after is None else database_after - database_before,
        "load": (load_before, os.getloadavg()[0]),
    }


def workers_ingest(jobs: int, seed: int) -> dict:
    """1, 2 and 4 workers ingesting ``jobs`` transcripts each run, beside a worker's start
    on an empty queue (Django's start-up, paid once per process)."""
    from commonweal.meetings.models import IngestJob

    result = {"jobs": jobs, "startup": workers_run(1), "runs": {}}
    for run, workers in enumerate(WORKER_COUNTS):
        ids = jobs_queue(jobs, first=5000 + run * jobs, seed=seed)
        result["runs"][workers] = workers_run(workers)
        done = IngestJob.objects.filter(pk__in=ids, status=IngestJob.Status.DONE).count()
        result["runs"][workers]["done"] = done
    return result


def load_text(before: float, after: float) -> str:
    return f"load average {before:.1f} -> {after:.1f}"


def ingest_print(ingest: dict) -> None:
    jobs, runs, start = ingest["jobs"], ingest["runs"], ingest["startup"]
    print(f"  ingestion      {jobs} transcripts of ~50 KB queued as upload jobs, db_worker --batch")
    print(
        f"  worker start   {start['seconds']:.1f} s, {start['workers_cpu_s']:.1f} CPU s, "
        f"for one worker on an empty queue; {load_text(*start['load'])}"
    )
    one, one_jobs = runs["1"]["seconds"], runs["1"]["jobs_s"]
    for workers, run in runs.items():
        database = run["database_cpu_s"]
        print(
            f"  {workers} worker(s)    {run['seconds']:.1f} s, "
            f"{jobs / run['seconds']:.1f} transcripts/s, "
            f"speed-up {one / run['seconds']:.2f}x over one worker ({run['done']}/{jobs} done); "
            f"first job to last {run['jobs_s']:.1f} s, speed-up {one_jobs / run['jobs_s']:.2f}x; "
            f"CPU s: workers {run['workers_cpu_s']:.1f}, database "
            + ("?" if database is None else f"{database:.1f}")
            + f"; {load_text(*run['load'])}"
        )
    print(f"  cores          {os.cpu_count()} (workers beyond the cores share them)")
