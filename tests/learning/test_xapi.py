"""xAPI statements when a course is completed: their shape against xAPI 1.0.3's required
fields, and their sending to a learning record store the test runs on a local port."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from commonweal.learning.models import Certificate, Lesson, Quiz
from commonweal.learning.services.progress import lesson_done, quiz_submit
from commonweal.learning.xapi import statement_build, xapi_statement_send

pytestmark = pytest.mark.django_db

SITE = "https://commonweal.example.org"
# RFC 5646 language tags, as xAPI's language maps need (en, zh-Hans, pt-BR).
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")


class RecordStore(ThreadingHTTPServer):
    """A learning record store: answers each PUT with the next status given, and keeps
    what it stored by statement id."""

    def __init__(self, statuses: list[int]):
        self.statuses = statuses
        self.requests: list[dict] = []
        self.stored: dict[str, dict] = {}
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    def do_PUT(self):  # noqa: N802  (the name http.server calls)
        store: RecordStore = self.server
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        query = parse_qs(urlsplit(self.path).query)
        store.requests.append(
            {
                "path": urlsplit(self.path).path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
            }
        )
        status = store.statuses.pop(0) if store.statuses else 204
        if status == 204:
            store.stored.setdefault(query["statementId"][0], body)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def record_store(settings):
    def start(*statuses: int) -> RecordStore:
        store = RecordStore(list(statuses))
        threading.Thread(target=store.serve_forever, daemon=True).start()
        stores.append(store)
        settings.XAPI_ENDPOINT = f"http://127.0.0.1:{store.server_address[1]}/xapi/"
        settings.XAPI_KEY, settings.XAPI_SECRET = "lrs-key", "lrs-secret"
        return store

    stores: list[RecordStore] = []
    settings.SITE_URL = SITE
    yield start
    for store in stores:
        store.shutdown()
        store.server_close()


def _complete(learner) -> Certificate:
    quiz = Quiz.objects.get()
    question = quiz.questions.get()
    lesson_done(user=learner, lesson=Lesson.objects.get())
    quiz_submit(
        user=learner, quiz=quiz, answers={question.pk: [question.choices.get(correct=True).pk]}
    )
    return Certificate.objects.get(learner=learner)


def test_the_statement_has_every_field_xapi_requires(settings, newcomers, make_user):
    settings.SITE_URL = SITE
    learner = make_user()
    statement = statement_build(_complete(learner))

    assert uuid.UUID(statement["id"]).version == 5
    actor = statement["actor"]
    assert actor["objectType"] == "Agent"
    assert set(actor) & {"mbox", "mbox_sha1sum", "openid", "account"} == {"account"}
    assert actor["account"] == {"homePage": f"{SITE}/", "name": str(learner.pk)}
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert all(LANGUAGE_TAG.match(tag) for tag in statement["verb"]["display"])
    activity = statement["object"]
    assert activity["objectType"] == "Activity"
    assert activity["id"] == f"{SITE}/learn/courses/newcomers/"
    names = activity["definition"]["name"]
    assert names == {"en": "Welcome to the community", "zh-Hans": "欢迎加入社区"}
    assert statement["result"]["success"] is True and statement["result"]["completion"] is True
    assert statement["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    assert dt.datetime.fromisoformat(statement["timestamp"]).tzinfo is not None
    assert statement == statement_build(Certificate.objects.get()), "the same on every try"


def test_a_completion_is_sent_to_the_record_store(
    record_store, newcomers, make_user, django_capture_on_commit_callbacks
):
    store = record_store()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = _complete(make_user())

    assert len(store.requests) == 1
    request = store.requests[0]
    assert request["path"] == "/xapi/statements"
    assert request["headers"]["x-experience-api-version"] == "1.0.3"
    expected = "Basic " + base64.b64encode(b"lrs-key:lrs-secret").decode()
    assert request["headers"]["authorization"] == expected
    assert store.stored == {statement_build(certificate)["id"]: statement_build(certificate)}


def test_a_failed_send_tried_again_stores_the_statement_once(record_store, newcomers, make_user):
    store = record_store(503, 204, 409)
    certificate = _complete(make_user())

    first = xapi_statement_send.enqueue(certificate.pk)
    assert first.status == "FAILED", "the store was down: the task fails, to be run again"
    assert xapi_statement_send.enqueue(certificate.pk).status == "SUCCESSFUL"
    assert xapi_statement_send.enqueue(certificate.pk).status == "SUCCESSFUL", "409: already held"
    assert len(store.requests) == 3 and len(store.stored) == 1


def test_nothing_is_sent_without_a_record_store(
    settings, newcomers, make_user, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.delenv("COMMONWEAL_XAPI_ENDPOINT", raising=False)
    settings.SITE_URL = SITE
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _complete(make_user())
    assert callbacks == []
