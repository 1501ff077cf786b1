"""Writing the emails that tell people the news: one at once, or a daily or weekly digest.

After an event's fan-out (``events.event_fan_out``) each of its notifications waits,
``message`` empty, until an email carries it. ``realtime_queue`` writes one email per
notification for people who asked to hear as it happens, up to ``ALERTS_PER_HOUR`` an
hour each; beyond that the notification waits for the daily digest, so nothing is lost.
``digest_compose`` writes one email per person per period with everything still waiting,
in sections by deadline. Every email is written whole (subject, text, HTML, in the
person's language) with a unique key before anything is sent (``consultations/sending.py``),
so composing twice writes nothing more.

Composing is built for many people at once: the notifications are read in a few queries
per batch of people, each event's part of an item is rendered once per language (the
writing itself is ``consultations/writing.py``), and the notifications are linked to
their email a few thousand a statement.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone, translation

from commonweal.consultations.models import Delivery, Event, Message, Notification
from commonweal.consultations.writing import (
    EVENT_FIELDS,
    EventRow,
    Recipient,
    Writers,
    Written,
    language_or_default,
)

Frequency = Delivery.Frequency
REALTIME_PREFIX = "event:"
BATCH = 500
LINK_CHUNK = 5000


def alerts_per_hour() -> int:
    return settings.ALERTS_PER_HOUR


def digest_period(frequency: str, now: datetime.datetime) -> str:
    """The period a digest covers: an ISO date (daily) or an ISO year-week (weekly)."""
    day = timezone.localdate(now)
    if frequency == Frequency.WEEKLY:
        year, week, _day = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def digest_key(frequency: str, user_id: int, period: str) -> str:
    return f"digest:{frequency}:{user_id}:{period}"


def _events(pks, known: dict[int, EventRow]) -> dict[int, EventRow]:
    missing = [pk for pk in set(pks) if pk not in known]
    for start in range(0, len(missing), BATCH):
        for row in Event.objects.filter(pk__in=missing[start : start + BATCH]).values(
            *EVENT_FIELDS
        ):
            known[row["pk"]] = EventRow(**row)
    return known


def _reachable(user_ids) -> dict[int, Recipient]:
    """Of these accounts, the active ones with an address that have not unsubscribed."""
    user_ids = set(user_ids)
    unsubscribed = set(
        Delivery.objects.filter(unsubscribed_at__isnull=False).values_list("user_id", flat=True)
    )
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if len(user_ids) <= BATCH:
        users = users.filter(pk__in=user_ids)
    return {
        pk: Recipient(pk, email, language_or_default(language))
        for pk, email, language in users.values_list("pk", "email", "language").iterator(2000)
        if pk in user_ids and pk not in unsubscribed
    }


def _messages_write(rows: list[tuple[Message, list[int]]]) -> list[Message]:
    """Write the emails and link each one's notifications to it; an email whose key is
    already written is left as it is (and its notifications stay with their own)."""
    keys = [message.key for message, _ids in rows]
    taken = set(Message.objects.filter(key__in=keys).values_list("key", flat=True))
    fresh = [(message, ids) for message, ids in rows if message.key not in taken]
    Message.objects.bulk_create([message for message, _ids in fresh], batch_size=BATCH)
    if any(message.pk is None for message, _ids in fresh):  # a backend without RETURNING
        pks = dict(Message.objects.filter(key__in=keys).values_list("key", "pk"))
        for message, _ids in fresh:
            message.pk = pks[message.key]
    _link(fresh)
    return [message for message, _ids in fresh]


def _link(rows: list[tuple[Message, list[int]]]) -> None:
    """Point each email's notifications at it, a few thousand notifications a statement
    (one statement per person, or Django preparing each id, costs more than writing the
    emails). Each person has at most one of the emails."""
    ids: list[int] = []
    owners: list[int] = []
    for index, (message, notification_ids) in enumerate(rows):
        ids.extend(notification_ids)
        owners.extend((message.user_id, message.pk))
        if len(ids) >= LINK_CHUNK or index == len(rows) - 1:
            _link_statement(ids, owners)
            ids, owners = [], []


def _link_statement(ids: list[int], owners: list[int]) -> None:
    if not ids:
        return
    table = connection.ops.quote_name(Notification._meta.db_table)
    cases = " ".join(["WHEN %s THEN %s"] * (len(owners) // 2))
    places = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET message_id = CASE user_id {cases} END "  # noqa: S608 (placeholders only)
            f"WHERE message_id IS NULL AND id IN ({places})",
            [*owners, *ids],
        )


def _message(recipient: Recipient, key: str, written: Written) -> Message:
    return Message(
        user_id=recipient.user_id,
        key=key,
        to=recipient.email,
        language=recipient.language,
        subject=written.subject,
        text=written.text,
        html=written.html,
    )


def _sent_this_hour(user_ids, now: datetime.datetime) -> dict[int, int]:
    return dict(
        Message.objects.filter(
            user_id__in=list(user_ids),
            key__startswith=REALTIME_PREFIX,
            created_at__gte=now - datetime.timedelta(hours=1),
        )
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )


@transaction.atomic
def realtime_queue(*, event_id: int, now: datetime.datetime | None = None) -> list[Message]:
    """An email for each notification of the event waiting for a person who hears as it
    happens, unless they had ``ALERTS_PER_HOUR`` this past hour: then the notification
    waits for the daily digest. Running it again writes nothing more."""
    now = now or timezone.now()
    waiting = list(
        Notification.objects.filter(event_id=event_id, message__isnull=True).values_list(
            "pk", "user_id", "why", "why_label"
        )
    )
    realtime = set(
        Delivery.objects.filter(
            user_id__in=[user_id for _pk, user_id, _w, _l in waiting],
            frequency=Frequency.REALTIME,
        ).values_list("user_id", flat=True)
    )
    recipients = _reachable(realtime)
    if not recipients:
        return []
    sent = _sent_this_hour(recipients, now)
    event = _events([event_id], {})[event_id]
    writers = Writers(now)
    rows = []
    for pk, user_id, why, label in waiting:
        recipient = recipients.get(user_id)
        if recipient is None or sent.get(user_id, 0) >= alerts_per_hour():
            continue
        with translation.override(recipient.language):
            written = writers[recipient.language].single(
                user_id=user_id, event=event, why=why, label=label
            )
        key = f"{REALTIME_PREFIX}{event_id}:{user_id}"
        rows.append((_message(recipient, key, written), [pk]))
    return _messages_write(rows)


def _digest_recipients(frequency: str) -> list[Recipient]:
    """People of this frequency with notifications waiting; the daily digest also carries
    what real-time emails left over (the hourly limit)."""
    wanted = {frequency}
    if frequency == Frequency.DAILY:
        wanted.add(Frequency.REALTIME)
    chosen = dict(Delivery.objects.values_list("user_id", "frequency"))
    waiting = (
        Notification.objects.filter(message__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by()
    )
    user_ids = {user_id for user_id in waiting if chosen.get(user_id, Frequency.DAILY) in wanted}
    return sorted(_reachable(user_ids).values(), key=lambda recipient: recipient.user_id)


def digest_compose(
    *, frequency: str, now: datetime.datetime | None = None, batch_size: int = BATCH
) -> int:
    """Write this period's digest for everyone of ``frequency`` with news waiting: one
    email each, keyed by person and period, so a second run writes nothing new. Returns
    how many emails were written."""
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"a digest is daily or weekly, not {frequency!r}")
    now = now or timezone.now()
    period = digest_period(frequency, now)
    recipients = _digest_recipients(frequency)
    events: dict[int, EventRow] = {}
    writers = Writers(now)
    written = 0
    for start in range(0, len(recipients), batch_size):
        batch = recipients[start : start + batch_size]
        written += _digest_batch(
            frequency=frequency, period=period, batch=batch, events=events, writers=writers
        )
    return written


@transaction.atomic
def _digest_batch(*, frequency, period, batch: list[Recipient], events, writers) -> int:
    keys = {r.user_id: digest_key(frequency, r.user_id, period) for r in batch}
    taken = set(Message.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    waiting: dict[int, list] = defaultdict(list)
    for row in (
        Notification.objects.filter(
            user_id__in=[user_id for user_id, key in keys.items() if key not in taken],
            message__isnull=True,
        )
        .values_list("pk", "user_id", "event_id", "why", "why_label")
        .order_by()
    ):
        waiting[row[1]].append(row)
    _events((row[2] for rows in waiting.values() for row in rows), events)
    rows = []
    for recipient in batch:
        mine = waiting.get(recipient.user_id)
        if not mine:
            continue
        with translation.override(recipient.language):
            written = writers[recipient.language].digest(
                user_id=recipient.user_id,
                items=[(events[event_id], why, label) for _pk, _u, event_id, why, label in mine],
            )
        message = _message(recipient, keys[recipient.user_id], written)
        rows.append((message, [row[0] for row in mine]))
    return len(_messages_write(rows))
