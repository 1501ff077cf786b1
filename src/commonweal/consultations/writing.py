"""Writing the emails of consultations: one piece of news, or a digest in sections by
deadline, in one language, text and HTML.

A ``Writer`` renders in one language and keeps what repeats (an event's part of an item,
a reason, the frame around the body, rendered once with markers where each person's own
part goes), so that thousands of digests cost little more than their text
(``services/delivery.py`` reads the notifications and writes the emails).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.consultations.models import Notification
from commonweal.consultations.unsubscribe import follow_scope, site_url, unsubscribe_url
from commonweal.core import follows

SOON = datetime.timedelta(days=7)
FAR = datetime.datetime.max.replace(tzinfo=datetime.UTC)
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
        self._follows_url = site_url() + reverse("consultations:follows")

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


def language_or_default(language: str) -> str:
    return language or settings.LANGUAGE_CODE
