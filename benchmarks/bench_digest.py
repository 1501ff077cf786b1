"""Composing the daily digest for many people: 10,000 subscribers over 200 events.

Target: ``digest_compose`` writes the digests of 10,000 daily subscribers, each with 20
to 200 notifications waiting (200 events, about 1.1 million notifications), in under
30 s on SQLite. The reference is that target: the report prints our time and its ratio
to 30 s (below 1.0 passes).

Builds the data in a fresh SQLite database (as bench_ingest does), the notifications
written straight into their table, then times one run of ``digest_compose`` and checks
that a second run writes nothing.

Run: .venv/bin/python benchmarks/bench_digest.py [--quick] [--users N]

--quick composes for 1,000 subscribers. Exits 0 when the target is missed (the report
says FAIL).
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

from bench_ingest import django_setup  # noqa: E402

TARGET_S = 30.0
TARGET_USERS = 10_000
QUICK_USERS = 1_000
EVENTS = 200
SEED = 20261201
LANGUAGES = ["en", "en", "en", "zh-hans", "fr", "ar", "es", "ru"]
WHYS = ["follow", "group_follow", "member", "alert_member"]


def build(users: int, rng: random.Random, now: datetime.datetime) -> int:
    """Accounts, their delivery preference, 200 events, and the notifications."""
    from django.db import connection, transaction

    from commonweal.accounts.models import User
    from commonweal.consultations.models import Delivery, Event

    User.objects.bulk_create(
        User(email=f"reader{n}@example.org", language=rng.choice(LANGUAGES), password="!")
        for n in range(users)
    )
    user_ids = list(User.objects.values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        (Delivery(user_id=pk, frequency="daily", feed_token=f"t{pk}") for pk in user_ids),
        batch_size=2000,
    )
    events = []
    for n in range(EVENTS):
        deadline = now + datetime.timedelta(days=rng.randint(1, 60)) if n % 3 else None
        alert = n % 20 == 0
        events.append(
            Event(
                key=f"bench:{n}",
                kind="proceeding",
                subject=str(n % 40),
                event="alert" if alert else rng.choice(["proceeding.opened", "round.opened"]),
                category="important" if alert else "deadline",
                title=f"Draft plan for the year {2027 + n % 5}, part {n}",
                url=f"/consultations/{n % 40}/",
                deadline=deadline,
                sender_name="Board chair" if alert else "",
                reason="It changes the budget." if alert else "",
            )
        )
    Event.objects.bulk_create(events)
    event_ids = list(Event.objects.values_list("pk", flat=True))
    created = now.isoformat(sep=" ")
    rows = [
        (pk, event_id, rng.choice(WHYS), "NCSG", created)
        for pk in user_ids
        for event_id in rng.sample(event_ids, rng.randint(20, 200))
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO consultations_notification (user_id, event_id, why, why_label, "
            "created_at) VALUES (%s, %s, %s, %s, %s)",
            rows,
        )
    return len(rows)


def run(users: int) -> int:
    with tempfile.TemporaryDirectory(prefix="commonweal-bench-digest-") as name:
        django_setup(Path(name))
        import django
        from django.db import connection, connections
        from django.utils import timezone

        from commonweal.consultations.models import Message
        from commonweal.consultations.services.delivery import digest_compose

        now = timezone.now()
        started = time.perf_counter()
        notifications = build(users, random.Random(SEED), now)
        setup_s = time.perf_counter() - started
        started, cpu_started = time.perf_counter(), time.process_time()
        written = digest_compose(frequency="daily", now=now)
        ours_s = time.perf_counter() - started
        cpu_s = time.process_time() - cpu_started
        again = digest_compose(frequency="daily", now=now)
        size = sum(
            len(text) + len(html) for text, html in Message.objects.values_list("text", "html")
        )
        sqlite_version = connection.Database.sqlite_version
        connections.close_all()

    print("Commonweal digest benchmark: composing the daily digest (SQLite)")
    print(
        f"  machine        {os.cpu_count()} CPUs, Django {django.get_version()}, "
        f"SQLite {sqlite_version}, DEBUG={os.environ['COMMONWEAL_DEBUG']}"
    )
    print(
        f"  data           {users:,} subscribers, {EVENTS} events, {notifications:,} "
        f"notifications (built in {setup_s:.1f} s)"
    )
    print(f"  written        {written:,} digests, {size / 1e6:.0f} MB of text and HTML")
    scaled = "" if users == TARGET_USERS else f" (target is for {TARGET_USERS:,} subscribers)"
    verdict = "PASS" if ours_s < TARGET_S else "FAIL"
    print(
        f"  compose        ours {ours_s:.1f} s, reference (target) {TARGET_S:.0f} s, "
        f"ratio {ours_s / TARGET_S:.2f}: {verdict}{scaled}"
    )
    print(f"  of which CPU   {cpu_s:.1f} s (the rest: waiting for the disk or a busy CPU)")
    print(f"  second run     {again} digests written (must be 0)")
    return 0 if again == 0 and written == users else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_USERS:,} subscribers")
    parser.add_argument("--users", type=int, help=f"subscribers (default {TARGET_USERS:,})")
    args = parser.parse_args(argv)
    users = args.users or (QUICK_USERS if args.quick else TARGET_USERS)
    if users < 1:
        parser.error("--users must be at least 1")
    return run(users)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
