"""Ballots arriving all at once: none lost, none doubled, no "database is locked".

The PostgreSQL tests (marked ``postgres``; scripts/test.sh runs them on a private
server) post ballots over real HTTP to a threaded server, every voter with their
own session and CSRF token, all released together by a barrier. The SQLite test
runs 20 writer processes against a WAL database file.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import urllib.parse

import pytest
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from django.urls import reverse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Server(LiveServerThread):
    """Django's live server, with a listen queue deep enough for hundreds of clients."""

    def _create_server(self, connections_override=None):
        server = super()._create_server(connections_override)
        server.socket.listen(1024)
        return server


@pytest.fixture
def server(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    thread = _Server("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield thread
    thread.terminate()


class Voter:
    """One browser: a signed-in session, its CSRF token, and the answers it got."""

    def __init__(self, user, port: int, path: str):
        from django.test import Client

        client = Client()
        client.force_login(user)
        self.user = user
        self.port = port
        self.path = path
        self.cookies = {"sessionid": client.cookies["sessionid"].value}
        self.token = ""
        self.statuses: list[int] = []
        self.saved: list[list[str]] = []

    def _request(self, method: str, body: str = "") -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{self.path}"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        connection.request(method, self.path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        connection.close()
        return response

    def open_ballot(self) -> None:
        """GET the ballot page as a browser does: it sets the CSRF cookie and form token."""
        response = self._request("GET")
        assert response.status == 200, response.text[:500]
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.cookies["csrftoken"] = value.split(";", 1)[0].split("=", 1)[1]
        self.token = CSRF_FIELD.search(response.text).group(1)

    def submit(self, group, choices: list[str]) -> None:
        body = urllib.parse.urlencode(
            [("csrfmiddlewaretoken", self.token), ("group", group.pk)]
            + [("choice", c) for c in choices]
        )
        response = self._request("POST", body)
        self.statuses.append(response.status)
        if response.status == 302:
            self.saved.append(choices)


def _voters(n: int, group, make_user):
    from commonweal.community.models import Membership

    users = [make_user() for _ in range(n)]
    Membership.objects.bulk_create(
        Membership(person=u.person, group=group, role=Membership.Role.MEMBER) for u in users
    )
    return users


def _run_together(jobs) -> float:
    """Run every job in its own thread, released at the same moment; the wall time."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        barrier.wait()
        try:
            job()
        except BaseException as error:  # noqa: BLE001  (reported below, with the rest)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors[:3]
    return time.monotonic() - started


def _open_all(voters) -> None:
    # A few at a time: opening the forms is not what is measured.
    for start in range(0, len(voters), 50):
        batch = voters[start : start + 50]
        threads = [threading.Thread(target=v.open_ballot) for v in batch]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert all(v.token for v in voters)


def _references(round_) -> list[str]:
    return sorted(round_.items.values_list("recommendation__reference", flat=True))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_five_hundred_voters_posting_at_once_leave_five_hundred_ballots(
    server, make_round, make_group, make_user
):
    from commonweal.rounds.models import Ballot, Participation
    from commonweal.rounds.services import ballot_of

    group = make_group()
    round_ = make_round(voter_groups=[group])
    references = _references(round_)
    path = reverse("rounds:ballot", kwargs={"pk": round_.pk})
    voters = [Voter(u, server.port, path) for u in _voters(500, group, make_user)]
    _open_all(voters)
    ballots = [references[: 1 + k % len(references)] for k in range(len(voters))]

    seconds = _run_together(
        [lambda v=v, b=b: v.submit(group, b) for v, b in zip(voters, ballots, strict=True)]
    )
    print(f"500 ballots posted at once over HTTP: {seconds:.1f} s")  # noqa: T201

    assert [v.statuses for v in voters] == [[302]] * 500
    assert Ballot.objects.filter(round=round_).count() == 500
    assert Participation.objects.filter(round=round_).count() == 500
    for voter in voters:
        ballot = ballot_of(round_, voter.user)
        assert [reference for reference, _points in ballot.choices] == voter.saved[-1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_voters_each_posting_twice_at_once_leave_one_ballot_each(
    server, make_round, make_group, make_user
):
    from commonweal.rounds.models import Ballot, Participation
    from commonweal.rounds.services import ballot_of

    group = make_group()
    round_ = make_round(voter_groups=[group])
    first, second = _references(round_)[:1], _references(round_)[1:3]
    path = reverse("rounds:ballot", kwargs={"pk": round_.pk})
    voters = [Voter(u, server.port, path) for u in _voters(50, group, make_user)]
    _open_all(voters)

    _run_together(
        [lambda v=v: v.submit(group, first) for v in voters]
        + [lambda v=v: v.submit(group, second) for v in voters]
    )

    assert all(sorted(v.statuses) == [302, 302] for v in voters), [v.statuses for v in voters]
    assert Ballot.objects.filter(round=round_).count() == 50
    assert Participation.objects.filter(round=round_).count() == 50
    for voter in voters:
        stored = [reference for reference, _points in ballot_of(round_, voter.user).choices]
        # Both were saved; whichever committed last is the ballot that counts.
        assert stored in voter.saved


SQLITE_WRITERS = textwrap.dedent(
    """
    import datetime, multiprocessing, sys, time, traceback
    import django
    django.setup()
    from django.db import connection, connections
    from django.utils import timezone
    from commonweal.accounts.models import User
    from commonweal.community.models import Membership, StakeholderGroup
    from commonweal.community.services import person_create
    from commonweal.recommendations.models import Source
    from commonweal.recommendations.services import recommendation_assess, recommendation_create
    from commonweal.rounds.models import Ballot, Round
    from commonweal.rounds.services import ballot_submit, round_create

    WRITERS = 20
    group = StakeholderGroup.objects.create(slug="voters", name="Voters", kind="sg")
    source = Source.objects.create(kind="review", body="Review", document="Report")
    recommendations = []
    for k in range(4):
        r = recommendation_create(reference=f"R-{k}", source=source, title=f"R {k}", text="t")
        recommendation_assess(recommendation=r, one_time_cost=1000, recurring_cost=10,
                              implementation_years=1)
        recommendations.append(r)
    now = timezone.now()
    round_ = round_create(recommendations=recommendations, voter_groups=[group],
                          title="Concurrent", opens_at=now - datetime.timedelta(hours=1),
                          closes_at=now + datetime.timedelta(days=1), first_year=2027,
                          years=1, annual_cap=100000)
    users = []
    for k in range(WRITERS):
        person = person_create(name=f"Voter {k}")
        Membership.objects.create(person=person, group=group, role="member")
        users.append(User.objects.create_user(email=f"v{k}@example.org", password=None,
                                              person=person))
    connections.close_all()

    def write(k, barrier, answers):
        try:
            user = User.objects.get(pk=users[k].pk)
            round_here = Round.objects.get(pk=round_.pk)
            barrier.wait()
            ballot_submit(voting_round=round_here, user=user, group=group,
                          choices=[(f"R-{k % 4}", 1)])
            answers.put((k, "saved"))
        except BaseException:
            answers.put((k, traceback.format_exc()))

    context = multiprocessing.get_context("fork")
    barrier, answers = context.Barrier(WRITERS), context.Queue()
    processes = [context.Process(target=write, args=(k, barrier, answers))
                 for k in range(WRITERS)]
    for p in processes:
        p.start()
    started = time.monotonic()
    results = [answers.get(timeout=120) for _ in processes]
    seconds = time.monotonic() - started
    for p in processes:
        p.join()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    print("journal_mode", mode)
    print("ballots", Ballot.objects.filter(round=round_).count())
    print("saved", sum(1 for _k, answer in results if answer == "saved"))
    print(f"seconds {seconds:.2f}")
    for k, answer in results:
        if answer != "saved":
            print(f"writer {k} failed:", answer)
    """
)


def test_twenty_sqlite_writer_processes_at_once_never_see_database_is_locked(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "commonweal.settings",
        "COMMONWEAL_HOME": str(tmp_path),
    }
    env.pop("COMMONWEAL_SQLITE_TIMEOUT", None)
    migrate = subprocess.run(
        [sys.executable, "-m", "commonweal", "migrate", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    script = tmp_path / "writers.py"
    script.write_text(SQLITE_WRITERS)
    done = subprocess.run(
        [sys.executable, str(script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=REPO,
    )
    output = done.stdout + done.stderr
    print(output)  # noqa: T201  (the timing, for docs/performance.md)
    assert "database is locked" not in output
    assert done.returncode == 0, output
    assert "journal_mode wal" in output
    assert "ballots 20" in output
    assert "saved 20" in output
