"""Fixtures for the feeds' tests: news as the apps announce it, and reading a feed back.

A test module names the fixtures it uses at its top
(``feed_token_of = fixtures_feeds.feed_token_of``), so pytest finds them by name.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree

ATOM_SCHEMA = Path(__file__).with_name("atom.rng")


def atom_check(body: bytes) -> feedparser.FeedParserDict:
    """The feed, read back, after checking it against our RELAX NG schema of RFC 4287
    and that feedparser reads it without complaint."""
    schema = etree.RelaxNG(etree.parse(str(ATOM_SCHEMA)))
    document = etree.fromstring(body)
    assert schema.validate(document), schema.error_log
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def announce_news(db):
    """Announce news about a thing as its app would; returns the recorded Event."""
    from commonweal.consultations.models import Event
    from commonweal.core import follows

    def announce(thing, *, kind: str, event: str, category: str, key: str, groups=()):
        news = follows.News(
            key=key,
            kind=kind,
            subject=str(thing.pk),
            event=event,
            category=category,
            title=thing.title,
            url=thing.get_absolute_url(),
            deadline=getattr(thing, "closes_at", None),
            groups=tuple(groups),
        )
        follows.announce(news)
        return Event.objects.get(key=key)

    return announce


@pytest.fixture
def flag_alert(db):
    """An alert flagged by ``sender`` about a thing, sent to ``groups``."""
    from commonweal.consultations.services.events import event_record
    from commonweal.core import follows

    def flag(thing, *, kind: str, sender, reason: str, groups, key: str):
        news = follows.News(
            key=key,
            kind=kind,
            subject=str(thing.pk),
            event="alert",
            category=follows.IMPORTANT,
            title=thing.title,
            url=thing.get_absolute_url(),
        )
        return event_record(news=news, sender=sender, reason=reason, groups=groups)

    return flag


@pytest.fixture
def feed_token_of(db):
    from commonweal.consultations.models import delivery_for

    def token(user) -> str:
        return delivery_for(user).feed_token

    return token
