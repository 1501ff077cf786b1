"""Atom feeds of events: a group's public feed, a person's feed per follow and of all
that reached them; and the private key in the addresses of a person's feeds.

Each entry is one ``Event``; its id is a tag URI (RFC 4151) that never changes,
``tag:<host>,2026:event/<pk>``, so a reader shows an entry once however often the feed
is read. Entries are worded in the feed's language (``?lang=``, else the site default:
a feed reader sends no cookie), dates are UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from commonweal.community.models import StakeholderGroup
from commonweal.consultations.models import (
    LEVEL_CATEGORIES,
    Delivery,
    Event,
    Follow,
    Notification,
    Proceeding,
)
from commonweal.consultations.models.alerts import feed_token
from commonweal.core import follows
from commonweal.rounds.models import Round

FEED_LENGTH = 50
# The year in every tag URI: the day this naming began; it never changes.
TAG_YEAR = 2026


# --- Reads -----------------------------------------------------------------------------


def events_of_group(group: StakeholderGroup) -> QuerySet[Event]:
    """The events that concern ``group``, newest first, in one query: what was sent to
    it (alerts and news naming it), news of the published proceedings it is asked about
    and of the rounds it votes in, and news of the group itself."""
    as_key = Cast("pk", output_field=CharField())
    proceedings = (
        Proceeding.objects.filter(groups=group, published_at__isnull=False)
        .annotate(key=as_key)
        .values("key")
    )
    rounds = Round.objects.filter(voter_groups=group).annotate(key=as_key).values("key")
    sent_to = Event.groups.through.objects.filter(stakeholdergroup=group).values("event_id")
    return Event.objects.filter(
        Q(pk__in=sent_to)
        | Q(kind=follows.PROCEEDING, subject__in=proceedings)
        | Q(kind=follows.ROUND, subject__in=rounds)
        | Q(kind=follows.GROUP, subject=str(group.pk))
    ).order_by("-happened_at", "-pk")


def events_of_follow(follow: Follow) -> QuerySet[Event]:
    """The events of the followed thing that the follow's level lets through (none when
    muted); following a group, every event that concerns it."""
    categories = LEVEL_CATEGORIES[follow.level]
    if follow.kind == follows.GROUP:
        group = StakeholderGroup.objects.filter(pk=_int_or_none(follow.subject)).first()
        events = events_of_group(group) if group else Event.objects.none()
    else:
        events = Event.objects.filter(kind=follow.kind, subject=follow.subject)
    return events.filter(category__in=categories).order_by("-happened_at", "-pk")


def notifications_of(user) -> QuerySet[Notification]:
    """Everything that reached ``user``, newest first, with the event."""
    return (
        Notification.objects.filter(user=user)
        .select_related("event")
        .order_by("-event__happened_at", "-event__pk")
    )


def _int_or_none(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def delivery_by_token(token: str) -> Delivery:
    """The delivery preference whose feeds ``token`` opens, of an active account; 404
    otherwise, so a wrong key and a withdrawn one look the same."""
    delivery = (
        Delivery.objects.select_related("user")
        .filter(feed_token=token, user__is_active=True)
        .first()
    )
    if delivery is None or not token:
        raise Http404("no such feed")
    return delivery


def follow_of(delivery: Delivery, follow_pk: int) -> Follow:
    """The token owner's follow ``follow_pk``; 404 for anyone else's."""
    follow = Follow.objects.filter(pk=follow_pk, user_id=delivery.user_id).first()
    if follow is None:
        raise Http404("no such follow")
    return follow


def follow_label(follow: Follow) -> str:
    """The followed thing in its own words, or its kind and key when its app is silent."""
    owner = follows.followable(follow.kind)
    label = owner.label(follow.subject) if owner else None
    return label or f"{follow.kind} {follow.subject}"


# --- Writes ----------------------------------------------------------------------------


@transaction.atomic
def feed_token_renew(*, user) -> Delivery:
    """Give ``user``'s feeds a new key: every address with the old one stops working."""
    delivery, _created = Delivery.objects.select_for_update().get_or_create(user=user)
    delivery.feed_token = feed_token()
    delivery.save(update_fields=["feed_token"])
    return delivery


# --- Writing Atom ----------------------------------------------------------------------


@dataclass(frozen=True)
class FeedHead:
    """What a feed says about itself: its title, the page it stands for, its own address
    and its tag (the part of its id after the host)."""

    title: str
    page: str
    self_url: str
    tag: str
    subtitle: str = ""


@dataclass(frozen=True)
class Entry:
    event: Event
    # Why it reached the reader (the personal feed): the reason in the feed's language
    # and what it names (the thing or the group).
    why: str = ""
    why_label: str = ""


def site_host(request: HttpRequest) -> str:
    """The host name in tag URIs: the site's public address when set, else the request's
    (without a port, which a tag URI may not carry)."""
    configured = settings.SITE_URL
    host = urlsplit(configured).hostname if configured else None
    return host or request.get_host().rsplit(":", 1)[0].strip("[]")


def event_tag(host: str, event: Event) -> str:
    return f"tag:{host},{TAG_YEAR}:event/{event.pk}"


def event_title(event: Event) -> str:
    """What happened, in the active language, then the thing's own title."""
    what = follows.EVENTS.get(event.event, event.event)
    return _("%(what)s: %(title)s") % {"what": what, "title": event.title}


def atom_write(request: HttpRequest, head: FeedHead, entries: list[Entry], *, language: str):
    """The feed as an Atom 1.0 document (``Atom1Feed``); call with ``language`` active."""
    host = site_host(request)
    site_name = _("Commonweal")
    feed = feedgenerator.Atom1Feed(
        title=head.title,
        link=request.build_absolute_uri(head.page),
        description=head.subtitle,
        subtitle=head.subtitle or None,
        language=language,
        author_name=site_name,
        feed_url=request.build_absolute_uri(head.self_url),
        feed_guid=f"tag:{host},{TAG_YEAR}:{head.tag}",
    )
    for entry in entries:
        event = entry.event
        feed.add_item(
            title=event_title(event),
            link=request.build_absolute_uri(event.url or "/"),
            description=render_to_string(
                "consultations/feeds/_summary.html",
                {"event": event, "why": entry.why, "why_label": entry.why_label},
            ),
            author_name=event.sender_name or site_name,
            pubdate=event.happened_at,
            updateddate=event.happened_at,
            unique_id=event_tag(host, event),
            categories=[event.category],
        )
    return feed


def feed_language(request: HttpRequest) -> str:
    """``?lang=`` when it names one of the site's languages, else the site default."""
    asked = request.GET.get("lang", "")
    known = {code for code, _name in settings.LANGUAGES}
    return asked if asked in known else settings.LANGUAGE_CODE
