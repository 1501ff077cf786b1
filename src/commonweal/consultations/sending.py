"""Sending the written emails (``Message``), each at most once.

Each queued email is first *claimed* in its own committed transaction (``queued`` →
``sending``, which only one worker can win), then handed to the mail server, then marked
``sent``. A worker killed between the claim and the mark leaves the email ``sending``;
the next run finds it there, older than a minute, and marks it ``uncertain``: the server
may or may not have it, and sending it again could make a second copy, so it is never
sent again (the admin lists them). What the server refuses for good (a 5xx answer) is
``failed`` with its answer; what it refuses for now (4xx) goes back to the queue. An email
whose person unsubscribed or left after it was written is ``dropped``.
"""

from __future__ import annotations

import datetime
import logging
import re
import smtplib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from commonweal.consultations.models import Delivery, Message
from commonweal.consultations.unsubscribe import site_url, unsubscribe_url

logger = logging.getLogger(__name__)
State = Message.State
# Comfortably above EMAIL_TIMEOUT: a send still waiting on a slow server is not taken
# for a dead worker's.
STALE = datetime.timedelta(minutes=5)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    dropped: int = 0
    deferred: int = 0  # refused for now: back in the queue
    uncertain: int = 0  # interrupted while sending: never sent again
    stopped: str = ""  # why the run ended early (the mail server unreachable)

    def __str__(self) -> str:
        line = (
            f"sent {self.sent}, failed {self.failed}, dropped {self.dropped}, "
            f"deferred {self.deferred}, uncertain {self.uncertain}"
        )
        return f"{line}; stopped: {self.stopped}" if self.stopped else line


def alerts_from() -> str:
    return settings.ALERTS_FROM or settings.DEFAULT_FROM_EMAIL


def message_id(key: str) -> str:
    """A Message-ID made from the email's key, so a second copy would be recognisable."""
    local = re.sub(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+", ".", key).strip(".")
    domain = urlsplit(site_url()).hostname or "localhost"
    return f"<{local}@{domain}>"


def messages_mark_uncertain(*, older_than: datetime.timedelta = STALE, now=None) -> int:
    """Emails left ``sending`` by a worker that stopped: never sent again."""
    now = now or timezone.now()
    with transaction.atomic():
        return Message.objects.filter(state=State.SENDING, claimed_at__lte=now - older_than).update(
            state=State.UNCERTAIN, error="interrupted while sending; not sent again"
        )


def _claim(pk: int) -> bool:
    """``queued`` → ``sending``, committed before anything is sent; ``False`` when
    another worker took it first or it is no longer queued."""
    with transaction.atomic():
        claimed = Message.objects.filter(pk=pk, state=State.QUEUED).update(
            state=State.SENDING, claimed_at=timezone.now()
        )
    return claimed == 1


def _finish(pk: int, state: str, *, error: str = "") -> None:
    fields = {"state": state, "error": error[:2000]}
    if state == State.SENT:
        fields["sent_at"] = timezone.now()
    if state == State.QUEUED:
        fields["claimed_at"] = None
    with transaction.atomic():
        Message.objects.filter(pk=pk, state=State.SENDING).update(**fields)


def _stopped(message: Message) -> bool:
    """The person unsubscribed or left after the email was written."""
    if not message.user.is_active:
        return True
    return Delivery.objects.filter(user_id=message.user_id, unsubscribed_at__isnull=False).exists()


def message_email(message: Message, *, connection=None) -> EmailMultiAlternatives:
    """The email as it goes out: text and HTML parts, one-click unsubscribe (RFC 8058)."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=alerts_from(),
        to=[message.to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url(user_id=message.user_id)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Message-ID": message_id(message.key),
        },
    )
    email.attach_alternative(message.html, "text/html")
    return email


def _refused(error: Exception) -> tuple[int, str]:
    """The SMTP code and answer of a refusal."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        code = min(answer[0] for answer in answers) if answers else 550
        return code, "; ".join(f"{c} {m!r}" for c, m in answers)
    return error.smtp_code, f"{error.smtp_code} {error.smtp_error!r}"


def _send_one(pk: int, connection, report: SendReport) -> bool:
    """Send one queued email; ``False`` when the connection broke and the run must stop."""
    if not _claim(pk):
        return True
    message = Message.objects.select_related("user").get(pk=pk)
    if _stopped(message):
        _finish(pk, State.DROPPED)
        report.dropped += 1
        return True
    try:
        message_email(message, connection=connection).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
        code, answer = _refused(error)
        if 400 <= code < 500:
            _finish(pk, State.QUEUED, error=answer)
            report.deferred += 1
        else:
            _finish(pk, State.FAILED, error=answer)
            report.failed += 1
        return True
    except ValueError as error:
        # An email Django refuses to write (a header with a line break): never sendable.
        _finish(pk, State.FAILED, error=f"not writable as an email: {error}")
        report.failed += 1
        return True
    except (smtplib.SMTPException, OSError) as error:
        # The connection broke mid-conversation: the server may have the email.
        _finish(pk, State.UNCERTAIN, error=f"connection lost while sending: {error}")
        report.uncertain += 1
        report.stopped = str(error)
        return False
    _finish(pk, State.SENT)
    report.sent += 1
    return True


def messages_send(
    *, limit: int | None = None, pks=None, stale_after: datetime.timedelta = STALE
) -> SendReport:
    """Send queued emails, oldest first (only ``pks`` when given), at most ``limit``."""
    report = SendReport(uncertain=messages_mark_uncertain(older_than=stale_after))
    queued = Message.objects.filter(state=State.QUEUED).order_by("pk")
    if pks is not None:
        queued = queued.filter(pk__in=list(pks))
    pending = list(queued.values_list("pk", flat=True)[:limit])
    if not pending:
        return report
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        report.stopped = f"mail server unreachable: {error}"
        logger.warning("alerts: %s", report.stopped)
        return report
    try:
        for pk in pending:
            if not _send_one(pk, connection, report):
                break
    finally:
        connection.close()
    return report
