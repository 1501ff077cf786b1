"""Never twice: a worker killed in the middle of a batch, then run again.

The sender runs as a real process (``python -m commonweal alerts send``) against a
database file and a real SMTP server that takes a moment over each message; it is killed
(SIGKILL, no chance to tidy up) after the server has received a few, and run again.
"""

import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter

from tests.consultations.fixtures_delivery import SmtpServer

READERS = 8

# Eight daily readers with one piece of news each, and their digests written.
SETUP = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from commonweal.accounts.models import User
from commonweal.consultations.models import Delivery, Event, Notification
from commonweal.consultations.services.delivery import digest_compose
event = Event.objects.create(key="k", event="proceeding.opened", category="deadline",
                             title="Draft plan", url="/consultations/1/")
for n in range({READERS}):
    user = User.objects.create_user(email=f"reader{{n}}@example.org")
    Delivery.objects.create(user=user, frequency="daily")
    Notification.objects.create(user=user, event=event, why="follow", why_label="Draft plan")
assert digest_compose(frequency="daily") == {READERS}
"""


def environment(tmp_path, port: int) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COMMONWEAL_", "DATABASE_URL"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'alerts.sqlite3'}",
        COMMONWEAL_HOME=str(tmp_path),
        COMMONWEAL_ENV="development",
        COMMONWEAL_EMAIL_HOST="127.0.0.1",
        COMMONWEAL_EMAIL_PORT=str(port),
        COMMONWEAL_EMAIL_TLS="false",
        DJANGO_SETTINGS_MODULE="commonweal.settings",
    )
    return env


def states(tmp_path) -> dict[str, str]:
    with sqlite3.connect(tmp_path / "alerts.sqlite3") as db:
        return dict(db.execute("SELECT [to], state FROM consultations_message"))


def test_a_killed_sender_run_again_sends_no_message_twice(tmp_path):
    with SmtpServer(delay=0.4) as server:
        env = environment(tmp_path, server.port)
        subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, timeout=240)
        sender = subprocess.Popen(
            [sys.executable, "-m", "commonweal", "alerts", "send"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            server.inbox.wait_for(3, timeout=60)
        finally:
            sender.send_signal(signal.SIGKILL)
            sender.wait(timeout=30)
        killed_after = len(server.inbox.messages)
        assert killed_after < READERS, "the sender finished before it was killed"
        again = subprocess.run(
            [sys.executable, "-m", "commonweal", "alerts", "send", "--stale-after", "0"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode == 0, again.stderr
        received = Counter(str(message["To"]) for message in server.inbox.messages)

    final = states(tmp_path)
    assert max(received.values()) == 1  # nobody got a second copy
    interrupted = {to for to, state in final.items() if state != "sent"}
    assert len(interrupted) <= 1
    assert all(final[to] == "uncertain" for to in interrupted)
    for to, state in final.items():
        if state == "sent":
            assert received[to] == 1
    # The interrupted one may have reached the server before the kill, but only once.
    assert sum(received.values()) >= READERS - 1
    assert "uncertain 1" in again.stdout or not interrupted
