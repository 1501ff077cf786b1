"""xAPI statements for completed courses, sent to a learning record store when one is set.

When a certificate is issued, the learner "completed" the course: a statement (xAPI
1.0.3) names the learner by their account on this site, the course by its address, the
score and the time. With ``COMMONWEAL_XAPI_ENDPOINT`` set (and the store's key and
secret), a background task sends it; without, nothing is built or sent.

Sending is safe to repeat: the statement's id is derived from the certificate and the
statement itself is the same on every try, and it is stored with ``PUT ?statementId=``,
which a store answers with 204 the first time and ignores (or answers 409) after. A
failure the store may recover from (no answer, 429, 5xx) is tried again later, up to
``SEND_ATTEMPTS`` times, where the task backend can run a task later.

Settings (read here, with the environment as fallback, so settings.py may name them):
``XAPI_ENDPOINT``/``COMMONWEAL_XAPI_ENDPOINT`` (the store's base, ending before
``statements``), ``XAPI_KEY``, ``XAPI_SECRET`` and ``SITE_URL``/``COMMONWEAL_SITE_URL``
(this site's address, as the statements need absolute ones).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.utils import timezone
from django_tasks import task

from commonweal.learning.models import Certificate, QuizAttempt

logger = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
COURSE_ACTIVITY = "http://adlnet.gov/expapi/activities/course"
SEND_ATTEMPTS = 5
TIMEOUT_SECONDS = 10
# Statement ids are UUIDs derived from this namespace and the certificate's address.
_NAMESPACE = uuid.UUID("6f1c8f0e-5d0b-4c57-9a35-3f3c0f6c7a21")


class XapiRetry(Exception):
    """The store did not take the statement this time; it may later."""


def _setting(name: str) -> str:
    value = getattr(settings, name, None)
    return str(value) if value else os.environ.get(f"COMMONWEAL_{name}", "")


def site_url() -> str:
    return _setting("SITE_URL").rstrip("/")


def xapi_configured() -> bool:
    endpoint = urlsplit(_setting("XAPI_ENDPOINT"))
    return endpoint.scheme in {"http", "https"} and bool(endpoint.netloc) and bool(site_url())


def _language_tag(code: str) -> str:
    """Django's language code as an RFC 5646 tag: zh-hans → zh-Hans, pt-br → pt-BR."""
    first, *rest = code.split("-")
    tags = [first.lower()]
    for part in rest:
        tags.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(tags)


def _score(certificate: Certificate) -> int | None:
    """The course's grade: the mean of the learner's best passing score in each quiz."""
    best = (
        QuizAttempt.objects.filter(
            enrolment__user=certificate.learner,
            enrolment__course=certificate.course,
            passed=True,
        )
        .values("quiz")
        .annotate(best=Max("score"))
    )
    scores = [row["best"] for row in best if row["best"] is not None]
    return round(sum(scores) / len(scores)) if scores else None


def _completed_at(certificate: Certificate) -> dt.datetime:
    enrolment = certificate.course.enrolments.filter(user=certificate.learner).first()
    if enrolment is not None and enrolment.completed_at is not None:
        return enrolment.completed_at
    return dt.datetime.combine(certificate.issued_on, dt.time(), tzinfo=dt.UTC)


def statement_build(certificate: Certificate) -> dict:
    """The xAPI statement that the certificate's learner completed its course."""
    base = site_url()
    course = certificate.course
    course_url = base + course.get_absolute_url()
    result: dict = {"success": True, "completion": True}
    score = _score(certificate)
    if score is not None:
        result["score"] = {"scaled": score / 100, "raw": score, "min": 0, "max": 100}
    names = {_language_tag(code): text for code, text in course.titles.items() if text}
    return {
        "id": str(uuid.uuid5(_NAMESPACE, f"{base}/certificates/{certificate.pk}")),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base + "/", "name": str(certificate.learner_id)},
        },
        "verb": {"id": COMPLETED, "display": {"en-US": "completed"}},
        "object": {
            "objectType": "Activity",
            "id": course_url,
            "definition": {"type": COURSE_ACTIVITY, "name": names},
        },
        "result": result,
        "timestamp": _completed_at(certificate).isoformat(),
    }


def _request(statement: dict) -> urllib.request.Request:
    endpoint = _setting("XAPI_ENDPOINT").rstrip("/")
    url = f"{endpoint}/statements?{urlencode({'statementId': statement['id']})}"
    credentials = f"{_setting('XAPI_KEY')}:{_setting('XAPI_SECRET')}".encode()
    headers = {
        "Content-Type": "application/json",
        "X-Experience-API-Version": XAPI_VERSION,
        "Authorization": "Basic " + base64.b64encode(credentials).decode(),
    }
    return urllib.request.Request(  # noqa: S310  (http or https: xapi_configured checks)
        url, data=json.dumps(statement).encode(), headers=headers, method="PUT"
    )


def statement_send(*, certificate: Certificate) -> bool:
    """Send the certificate's statement; true once the store holds it. Raises
    ``XapiRetry`` when trying again later may help; a refusal that will not change
    (a 4xx) is logged and given up."""
    if not xapi_configured() or certificate.learner_id is None:
        return False
    statement = statement_build(certificate)
    try:
        with urllib.request.urlopen(_request(statement), timeout=TIMEOUT_SECONDS):  # noqa: S310
            return True
    except urllib.error.HTTPError as error:
        if error.code == 409:  # this id is already stored: an earlier try got through
            return True
        if error.code == 429 or error.code >= 500:
            raise XapiRetry(f"learning record store answered {error.code}") from error
        logger.error("xAPI statement %s refused: %s", statement["id"], error.code)
        return False
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise XapiRetry(str(error)) from error


@task()
def xapi_statement_send(certificate_id: int, attempt: int = 1) -> None:
    """Send one certificate's statement; on a passing failure, try again later (after
    2, 4, 8, 16 minutes) where the backend can defer a task."""
    certificate = Certificate.objects.select_related("course").filter(pk=certificate_id).first()
    if certificate is None:
        return
    try:
        statement_send(certificate=certificate)
    except XapiRetry:
        if attempt >= SEND_ATTEMPTS or not xapi_statement_send.get_backend().supports_defer:
            raise
        later = timezone.now() + dt.timedelta(minutes=2**attempt)
        xapi_statement_send.using(run_after=later).enqueue(certificate_id, attempt + 1)


def _certificate_issued(sender, instance: Certificate, created: bool, **kwargs) -> None:
    if created and xapi_configured():
        transaction.on_commit(lambda: xapi_statement_send.enqueue(instance.pk))


def receivers_connect() -> None:
    post_save.connect(_certificate_issued, sender=Certificate, dispatch_uid="learning.xapi")
