"""A huge meeting's page and downloads: windowed pages and streamed exports.

Target (issue 11): the page of a 250,000-turn meeting answers in under 300 ms and under
1 MB of HTML, however far down the window; every export streams in constant memory.

Writes a meeting of ``--turns`` turns straight into a fresh SQLite database (the test
suite's builder, tests/meetings/huge_meeting.py: twelve speakers, three groups, five
topics, a candidate every 1,000 turns), then asks for its page as an anonymous visitor
through Django's test client — the first window, windows further down, a turn far down,
a search — and times each download (turns CSV, meeting JSON, ConvoKit zip) read to the
end, once for time and once under tracemalloc for the most memory held at once.

Run: .venv/bin/python benchmarks/bench_huge_meeting.py [--turns N] [--repeat N]
Exits 0 even when a target is missed (the report says FAIL).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import django_setup  # noqa: E402

PAGE_TARGET_S = 0.300
PAGE_TARGET_BYTES = 1_000_000
EXPORTS = ("turns_csv", "json", "convokit")


def page_urls(meeting, turns: int) -> list[tuple[str, dict]]:
    """The pages a visitor opens: the first window, three further down, a search."""
    url = meeting.get_absolute_url()
    return [
        (url, {}),
        (url, {"turn": turns // 2}),
        (url, {"turn": turns - 1}),
        (url, {"turn": turns // 3}),
        (url, {"q": str(turns - 5)}),
    ]


def page_timings(client, meeting, turns: int, repeat: int) -> tuple[list[float], int]:
    """Seconds for each page asked for, and the largest page in bytes."""
    seconds, largest = [], 0
    for _ in range(repeat):
        for url, params in page_urls(meeting, turns):
            started = time.perf_counter()
            response = client.get(url, params)
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            largest = max(largest, len(response.content))
    return seconds, largest


def export_timing(client, meeting, name: str) -> tuple[float, int, int]:
    """Seconds to read the download to its end, its size, and the peak traced memory
    (a second run, under tracemalloc)."""
    from django.urls import reverse

    url = reverse(f"meetings:{name}", kwargs={"pk": meeting.pk})
    started = time.perf_counter()
    size = sum(len(chunk) for chunk in client.get(url).streaming_content)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        for _chunk in client.get(url).streaming_content:
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, size, peak


def verdict(ok: bool) -> str:
    return "ok  " if ok else "FAIL"


def report(turns: int, build_s: float, pages: list[float], largest: int, exports) -> None:
    p50 = statistics.median(pages)
    p95 = statistics.quantiles(pages, n=20)[-1] if len(pages) > 1 else pages[0]
    print(f"huge meeting: {turns:,} turns written in {build_s:.1f} s")
    print(
        f"  {verdict(p95 < PAGE_TARGET_S)} page   p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
        f" over {len(pages)} requests (target {PAGE_TARGET_S * 1000:.0f} ms)"
    )
    print(
        f"  {verdict(largest < PAGE_TARGET_BYTES)} page   largest {largest / 1000:.0f} kB of HTML"
        f" (target {PAGE_TARGET_BYTES / 1_000_000:.0f} MB)"
    )
    for name, (seconds, size, peak) in exports.items():
        print(
            f"  {name:<10} {seconds:6.2f} s  {size / 1_000_000:7.1f} MB sent"
            f"  peak {peak / 1_000_000:5.1f} MB held"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "meetings"))
    with tempfile.TemporaryDirectory() as folder:
        django_setup(Path(folder))
        from django.test import Client
        from huge_meeting import build_meeting

        started = time.perf_counter()
        meeting = build_meeting(turns=args.turns)
        build_s = time.perf_counter() - started
        client = Client(HTTP_HOST="localhost")
        client.get(meeting.get_absolute_url())  # warm the templates and the database
        pages, largest = page_timings(client, meeting, args.turns, args.repeat)
        exports = {name: export_timing(client, meeting, name) for name in EXPORTS}
        report(args.turns, build_s, pages, largest, exports)


if __name__ == "__main__":
    main()
