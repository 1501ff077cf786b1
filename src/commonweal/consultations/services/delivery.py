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
per batch of people, each event's part of an item is rendered once per language, and the
notifications are linked to their email in one statement per person.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.consultations.models import Delivery, Event, Message, Notification
from commonweal.consultations.unsubscribe import (
    follow_scope,
    site_url,
    unsubscribe_url,
)
from commonweal.core import follows

Frequency = Delivery.Frequency
SOON = datetime.timedelta(days=7)
FAR = datetime.datetime.max.replace(tzinfo=datetime.UTC)
REALTIME_PREFIX = "event:"
BATCH = 500
LINK_CHUNK = 5000
SECTIONS = (
    ("soon", gettext_lazy("Closes within 7 days")),
    ("later", gettext_lazy("Closes later")),
    ("none", gettext_lazy("No deadline")),
)
# A person's part of an email, put together from pieces rendered once per language.
ITEM_HTML = '<li style="margin:0 0 12px">{}<br>{}</li>\n'
ITEM_TEXT = "- {}\n  {}\n"
SECTION_HTML = (
    '<h2 style="margin:24px 0 8px;font-size:16px">{}</h2>\n<ul style="padding:0 20px">{}</ul>\n'
)
SECTION_HTML_UNTITLED = '<ul style="padding:0 20px">{}</ul>\n'
SECTION_TEXT = "\n== {} ==\n\n{}"
MORE_HTML = '<p style="margin:16px 0"><a href="{}">{}</a></p>\n'
# A digest lists the most pressing items (alerts, then the nearest deadlines) and counts
# the rest, which wait on the person's page: nobody reads a hundred items in one email.
DIGEST_ITEMS = 40


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


@dataclass(frozen=True)
class Recipient:
    user_id: int
    email: str
    language: str


@dataclass(frozen=True)
class EventRow:
    pk: int
    kind: str
    subject: str
    event: str
    title: str
    url: str
    deadline: datetime.datetime | None
    happened_at: datetime.datetime
    sender_name: str
    reason: str

    @property
    def is_alert(self) -> bool:
        return self.event == "alert"


EVENT_FIELDS = [f.name for f in EventRow.__dataclass_fields__.values()]


@dataclass(frozen=True)
class Written:
    subject: str
    text: str
    html: str


def _follows_url() -> str:
    try:
        return site_url() + reverse("consultations:follows")
    except NoReverseMatch:  # the "My follows" page is another part of the app
        return site_url() + "/consultations/follows/"


@dataclass
class Writer:
    """Renders emails in one language; what repeats (an event's part of an item, a
    reason) is rendered once and kept."""

    language: str
    now: datetime.datetime
    _events: dict = field(default_factory=dict)
    _whys: dict = field(default_factory=dict)
    _items: dict = field(default_factory=dict)
    _placed: dict = field(default_factory=dict)
    _shells: dict = field(default_factory=dict)
    _follows_url: str = ""

    def __post_init__(self) -> None:
        self._follows_url = _follows_url()

    def event(self, event: EventRow) -> tuple[str, str]:
        if event.pk not in self._events:
            url = event.url if "://" in event.url else site_url() + event.url
            what = follows.EVENTS.get(event.event, event.event)
            context = {"event": event, "what": what, "url": url}
            self._events[event.pk] = (
                get_template("consultations/email/_event.txt").render(context),
                get_template("consultations/email/_event.html").render(context),
            )
        return self._events[event.pk]

    def why(self, why: str, label: str) -> tuple[str, str]:
        if (why, label) not in self._whys:
            reason = Notification.Why(why).label if why in Notification.Why.values else why
            context = {"why": reason, "label": label}
            self._whys[why, label] = (
                get_template("consultations/email/_why.txt").render(context).strip(),
                get_template("consultations/email/_why.html").render(context),
            )
        return self._whys[why, label]

    def item(self, event: EventRow, why: str, label: str) -> tuple[str, str]:
        key = (event.pk, why, label)
        if key not in self._items:
            event_text, event_html = self.event(event)
            why_text, why_html = self.why(why, label)
            self._items[key] = (
                ITEM_TEXT.format(event_text, why_text),
                ITEM_HTML.format(event_html, why_html),
            )
        return self._items[key]

    def place(self, event: EventRow) -> tuple[tuple, str]:
        """Where an event goes in a digest: its order (alerts first, then by deadline)
        and its section."""
        if event.pk not in self._placed:
            if event.deadline is None or event.deadline < self.now:
                # A deadline passed is no longer one to keep: told, not counted this week.
                section = "none"
            else:
                section = "soon" if event.deadline - self.now <= SOON else "later"
            order = (not event.is_alert, event.deadline or FAR, event.happened_at, event.pk)
            self._placed[event.pk] = (order, section)
        return self._placed[event.pk]

    def digest(self, *, user_id: int, items: list[tuple[EventRow, str, str]]) -> Written:
        """Everything waiting for one person, in sections by deadline."""
        place, placed, rendered = self.place, self._placed, self._items
        for event, _why, _label in items:
            if event.pk not in placed:
                place(event)
        ordered = sorted(items, key=lambda item: placed[item[0].pk][0])
        soon = sum(1 for event, _why, _label in ordered if placed[event.pk][1] == "soon")
        grouped: dict[str, tuple[list[str], list[str]]] = {key: ([], []) for key, _t in SECTIONS}
        for event, why, label in ordered[:DIGEST_ITEMS]:
            text, html = rendered.get((event.pk, why, label)) or self.item(event, why, label)
            texts, htmls = grouped[placed[event.pk][1]]
            texts.append(text)
            htmls.append(html)
        subject = self.digest_subject(len(items), soon)
        body_text, body_html = [], []
        for key, title in SECTIONS:
            texts, htmls = grouped[key]
            if texts:
                body_text.append(SECTION_TEXT.format(title, "".join(texts)))
                body_html.append(SECTION_HTML.format(escape(title), "".join(htmls)))
        if len(ordered) > DIGEST_ITEMS:
            more = self.more(len(ordered) - DIGEST_ITEMS)
            body_text.append(f"\n{more}: {self._follows_url}\n")
            body_html.append(MORE_HTML.format(escape(self._follows_url), escape(more)))
        return self.render(
            user_id=user_id,
            subject=subject,
            heading=subject,
            body=("".join(body_text), "".join(body_html)),
        )

    def more(self, count: int) -> str:
        return ngettext(
            "…and %(count)s more, further from their deadline: all of them on your page",
            "…and %(count)s more, further from their deadline: all of them on your page",
            count,
        ) % {"count": count}

    def digest_subject(self, updates: int, soon: int) -> str:
        count = ngettext("%(count)s update", "%(count)s updates", updates) % {"count": updates}
        if not soon:
            return _("Commonweal: %(updates)s") % {"updates": count}
        closing = ngettext(
            "%(count)s deadline this week", "%(count)s deadlines this week", soon
        ) % {"count": soon}
        return _("Commonweal: %(updates)s, %(deadlines)s") % {
            "updates": count,
            "deadlines": closing,
        }

    def single(self, *, user_id: int, event: EventRow, why: str, label: str) -> Written:
        """One piece of news, as it happens."""
        text, html = self.item(event, why, label)
        what = follows.EVENTS.get(event.event, event.event)
        # A title is one line in a subject, whatever it held (a header cannot break).
        title = " ".join(event.title.split())
        subject = _("Commonweal: %(what)s: %(title)s") % {"what": what, "title": title}
        mute = ""
        if event.kind and why == Notification.Why.FOLLOW:
            mute = unsubscribe_url(user_id=user_id, scope=follow_scope(event.kind, event.subject))
        return self.render(
            user_id=user_id,
            subject=subject[:300],
            heading=str(what),
            body=(text, SECTION_HTML_UNTITLED.format(html)),
            mute_url=mute,
        )

    def shell(self, mute: bool) -> tuple[str, str]:
        """The email around its body, rendered once per language with a marker where
        each person's own part goes (rendering it per person would cost more than all
        the rest of a digest)."""
        if mute not in self._shells:
            context = {
                "language": self.language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "follows_url": self._follows_url,
                **{name: _marker(name) for name in SHELL_FIELDS},
            }
            if not mute:
                context["mute_url"] = ""
            self._shells[mute] = (
                get_template("consultations/email/message.txt").render(context),
                get_template("consultations/email/message.html").render(context),
            )
        return self._shells[mute]

    def render(self, *, user_id, subject, heading, body, mute_url="") -> Written:
        text_shell, html_shell = self.shell(bool(mute_url))
        values = {
            "subject": subject,
            "heading": heading,
            "unsubscribe_url": unsubscribe_url(user_id=user_id),
            "mute_url": mute_url,
        }
        text = _fill(text_shell, {**values, "body": body[0]})
        html = _fill(html_shell, {**{k: escape(v) for k, v in values.items()}, "body": body[1]})
        return Written(subject=subject[:300], text=text, html=html)


SHELL_FIELDS = ("subject", "heading", "body", "unsubscribe_url", "mute_url")


def _marker(name: str) -> str:
    return f"\x00{name}\x00"


def _fill(shell: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        shell = shell.replace(_marker(name), value)
    return shell


class Writers(dict):
    """One ``Writer`` per language, made on first use."""

    def __init__(self, now: datetime.datetime) -> None:
        super().__init__()
        self.now = now

    def __missing__(self, language: str) -> Writer:
        self[language] = Writer(language=language, now=self.now)
        return self[language]


def _language(language: str) -> str:
    return language or settings.LANGUAGE_CODE


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
        pk: Recipient(pk, email, _language(language))
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
