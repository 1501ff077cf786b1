"""Follows: what a person may follow, and the news an app announces about it.

Things people follow live on every floor: a group (``community``), a meeting series
(``meetings``), a recommendation, a round, a glossary term (``learning``), a comment
proceeding (``consultations``). Who follows what, and telling them, lives in one app
above them all (``consultations``). As with panels and gates, the lower apps never
import it:

- each app that owns a kind of thing registers it here (``followable_register``): how
  to name one by its key and where its page is;
- a page shows the control to follow it with ``{% follow_control "round" round.pk %}``
  (``core/templatetags/follows.py``), which renders whatever control the app above
  registered (``follow_control_register``), or nothing;
- an app announces news about a thing with ``announce(News(...))``: the signal
  ``happened``, which the app above receives inside the sender's transaction.

A thing is known by ``(kind, key)``: the kind is one of ``KINDS``, the key a string
(a primary key, or a series' name, "ICANN64").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.dispatch import Signal
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

GROUP = "group"
SERIES = "series"
RECOMMENDATION = "recommendation"
ROUND = "round"
PROCEEDING = "proceeding"
TERM = "term"
KINDS = (GROUP, SERIES, RECOMMENDATION, ROUND, PROCEEDING, TERM)

# What a piece of news is, for the levels a follower picks ("decisions only",
# "deadlines only"): each News names one.
DEADLINE = "deadline"  # a period opened, was extended, is about to close
DECISION = "decision"  # a decision was taken, a report or result published
IMPORTANT = "important"  # flagged as important by a board member, staff or a coordinator
UPDATE = "update"  # anything else worth knowing (a new meeting in a series, a new edition)
CATEGORIES = (DEADLINE, DECISION, IMPORTANT, UPDATE)


@dataclass(frozen=True)
class Followable:
    """How to name a thing of one kind and where its page is; ``None`` when the key
    names nothing (deleted, or never there)."""

    kind: str
    label: Callable[[str], str | None]
    url: Callable[[str], str | None]
    # The groups a thing concerns (a proceeding's groups, a round's voters): their
    # members hear of it as if they followed it. Primary keys.
    groups: Callable[[str], list[int]] = field(default=lambda key: [])


_followables: dict[str, Followable] = {}


def followable_table(
    kind: str,
    things,
    *,
    label: Callable[[object], str] = str,
    groups: Callable[[object], list[int]] | None = None,
) -> Followable:
    """A ``Followable`` for things kept in a table and known by their primary key.
    ``things`` is the queryset of those that may be named (only the published ones,
    say), read anew at each call; ``label`` names one; ``groups`` gives those it concerns."""

    def get(key: str):
        if not (key.isdecimal() and len(key) <= 18):
            return None
        return things.filter(pk=int(key)).first()

    def named(key: str) -> str | None:
        thing = get(key)
        return label(thing) if thing is not None else None

    def url(key: str) -> str | None:
        thing = get(key)
        return thing.get_absolute_url() if thing is not None else None

    def concerned(key: str) -> list[int]:
        thing = get(key)
        return groups(thing) if thing is not None and groups is not None else []

    return Followable(kind, label=named, url=url, groups=concerned)


def followable_register(followable: Followable) -> None:
    if followable.kind not in KINDS:
        raise ValueError(f"unknown kind {followable.kind!r}; known: {KINDS}")
    _followables[followable.kind] = followable


def followable(kind: str) -> Followable | None:
    return _followables.get(kind)


def followable_kinds() -> list[str]:
    return [kind for kind in KINDS if kind in _followables]


# What happened, worded in each reader's language when the news is told; a News names
# one of these by its code.
EVENTS = {
    "proceeding.opened": _("Comment period opened"),
    "proceeding.extended": _("Comment period extended"),
    "proceeding.closing": _("Comment period closes soon"),
    "proceeding.report": _("Staff report published"),
    "alert": _("Flagged as important"),
    # Announced when a round is set, which may be before voting opens.
    "round.opened": _("Round set for voting"),
    "round.closing": _("Voting closes soon"),
    "round.counted": _("Priority list published"),
    "recommendation.moved": _("Recommendation moved to a new stage"),
    "series.meeting": _("New meeting record"),
    "term.changed": _("Glossary entry changed"),
}


@dataclass(frozen=True)
class News:
    """Something that happened to a followable thing, as its owning app tells it.

    ``event`` is one of ``EVENTS``; ``title`` names the thing in its own words (a
    document's title), ``category`` is one of ``CATEGORIES``; ``deadline``
    the date a period closes, when the news is about one; ``key`` makes it unique
    (announcing the same key again changes nothing), e.g. ``"round:4:opened"``.
    """

    key: str
    kind: str
    subject: str
    event: str
    category: str
    title: str
    url: str
    deadline: datetime.datetime | None = None
    groups: tuple[int, ...] = ()


# Sent with ``news=News(...)`` inside the sender's transaction.
happened = Signal()


def announce(news: News, *, sender: object = None) -> None:
    if news.kind not in KINDS or news.category not in CATEGORIES or news.event not in EVENTS:
        raise ValueError(f"unknown kind or category in {news!r}")
    happened.send(sender=sender or News, news=news)


# The control a page shows to follow a thing: fn(request, kind, key) -> safe HTML | None.
FollowControl = Callable[[HttpRequest, str, str], str | None]
_controls: dict[str, FollowControl] = {}


def follow_control_register(fn: FollowControl, *, key: str = "default") -> None:
    _controls[key] = fn


def follow_control_html(request: HttpRequest | None, kind: str, key: object) -> SafeString:
    """The registered control for following ``(kind, key)``, or nothing."""
    for fn in _controls.values():
        html = fn(request, kind, str(key))
        if html:
            return mark_safe(html)  # noqa: S308 (the control is its app's rendered template)
    return mark_safe("")  # noqa: S308
