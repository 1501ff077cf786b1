"""A real SMTP server for the delivery tests: aiosmtpd on a free localhost port, in a
thread, keeping every message it receives; and helpers to make news reach people.

Import the fixtures into a test module: ``from tests.consultations.fixtures_delivery
import smtp_inbox  # noqa: F401``.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """Each message the server accepted, parsed; ``delay`` seconds spent on each."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.messages: list[EmailMessage] = []
        self.refused: set[str] = set()  # addresses answered "550 no such user"
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def wait_for(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.messages)} messages, waited for {count}")
            time.sleep(0.02)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self, delay: float = 0.0) -> None:
        self.inbox = Inbox(delay)
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_inbox(settings):
    """Django's mail goes to a real SMTP server; the test reads what it received."""
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.SITE_URL = "https://commonweal.example.org"
        yield server.inbox


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies of a received message."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return text.get_content(), html.get_content()


NEWS_SUBJECT = "7"


def news(number: int, *, deadline=None, event="proceeding.opened", category="deadline", **fields):
    """A piece of news about proceeding 7 (which the test's people follow)."""
    from commonweal.core.follows import News

    return News(
        key=f"test:{number}",
        kind="proceeding",
        subject=fields.pop("subject", NEWS_SUBJECT),
        event=event,
        category=category,
        title=fields.pop("title", f"Draft plan, part {number}"),
        url=fields.pop("url", f"/consultations/{NEWS_SUBJECT}/"),
        deadline=deadline,
        **fields,
    )


@pytest.fixture
def announce(django_capture_on_commit_callbacks):
    """Record news as a lower app would, and run what its commit sets off (fan-out,
    real-time emails) at once."""
    from commonweal.consultations.services.events import event_record

    def run(item, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return event_record(news=item, **fields)

    return run


@pytest.fixture
def follower(make_user):
    """An account that follows proceeding 7 and hears at ``frequency``."""
    from commonweal.consultations.models import Delivery, Follow

    def make(frequency: str = "realtime", *, language: str = "en", email: str | None = None):
        user = make_user(email, language=language)
        Delivery.objects.create(user=user, frequency=frequency)
        Follow.objects.create(user=user, kind="proceeding", subject=NEWS_SUBJECT)
        return user

    return make
