"""Atom feeds: a group's public feed, a person's feed per follow and of all their news.

Every feed is checked against our RELAX NG schema of RFC 4287 and read back with
feedparser, as a feed reader would.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import etree

from commonweal.consultations.feeds import events_of_group
from commonweal.consultations.models import Follow, Notification
from commonweal.consultations.services.events import event_fan_out
from commonweal.core import follows
from tests.consultations import fixtures_feeds
from tests.consultations.fixtures_feeds import ATOM_SCHEMA, atom_check

announce_news = fixtures_feeds.announce_news
flag_alert = fixtures_feeds.flag_alert
feed_token_of = fixtures_feeds.feed_token_of


@pytest.fixture
def news(role_users, make_proceeding, make_round, make_group, announce_news, flag_alert):
    """NCSG is asked about one proceeding and votes in one round; another group's
    proceeding is none of its business. The board flags the proceeding to NCSG."""
    ncsg = role_users["groups"]["ncsg"]
    ours = make_proceeding(title="Draft budget FY27", groups=[ncsg])
    theirs = make_proceeding(title="Other plan", groups=[make_group()])
    voting = make_round(title="Priorities 2027", voter_groups=[ncsg])
    opened = announce_news(
        ours,
        kind="proceeding",
        event="proceeding.opened",
        category=follows.DEADLINE,
        key=f"test:proceeding:{ours.pk}:opened",
        groups=[ncsg.pk],
    )
    other = announce_news(
        theirs,
        kind="proceeding",
        event="proceeding.opened",
        category=follows.DEADLINE,
        key=f"test:proceeding:{theirs.pk}:opened",
    )
    report = announce_news(
        ours,
        kind="proceeding",
        event="proceeding.report",
        category=follows.DECISION,
        key=f"test:proceeding:{ours.pk}:report",
    )
    round_opened = announce_news(
        voting,
        kind="round",
        event="round.opened",
        category=follows.DEADLINE,
        key=f"test:round:{voting.pk}:opened",
    )
    alert = flag_alert(
        ours,
        kind="proceeding",
        sender=role_users["board"],
        groups=[ncsg],
        reason="The budget cuts outreach by half.",
        key="alert:1",
    )
    return {
        "ours": ours,
        "voting": voting,
        "opened": opened,
        "other": other,
        "report": report,
        "round_opened": round_opened,
        "alert": alert,
    }


def ours(feed, news) -> list[str]:
    """The titles of the test's own entries, in the feed's order."""
    ids = {
        f"tag:testserver,2026:event/{event.pk}"
        for key, event in news.items()
        if key not in ("ours", "voting")
    }
    return [entry.title for entry in feed.entries if entry.id in ids]


def test_a_group_feed_shows_what_concerns_the_group_and_nothing_else(client, role_users, news):
    response = client.get(reverse("consultations:feed_group", kwargs={"slug": "ncsg"}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = atom_check(response.content)
    assert "Comment period opened: Other plan" not in [entry.title for entry in feed.entries]
    assert ours(feed, news) == [
        "Flagged as important: Draft budget FY27",
        "Round set for voting: Priorities 2027",
        "Staff report published: Draft budget FY27",
        "Comment period opened: Draft budget FY27",
    ]
    alert = next(entry for entry in feed.entries if entry.title.startswith("Flagged"))
    assert alert.id == f"tag:testserver,2026:event/{news['alert'].pk}"
    assert alert.link == f"http://testserver/consultations/{news['ours'].pk}/"
    assert "The budget cuts outreach by half." in alert.summary
    assert alert.author == str(role_users["board"].person)
    voting = next(entry for entry in feed.entries if entry.title.startswith("Round set for voting"))
    assert voting.link == f"http://testserver/rounds/{news['voting'].pk}/"
    opened = next(entry for entry in feed.entries if entry.title.startswith("Comment period"))
    assert "Deadline:" in opened.summary and "UTC" in opened.summary
    assert feed.feed.author == "Commonweal"


def test_a_group_feed_is_read_in_one_query(role_users, news, django_assert_num_queries):
    with django_assert_num_queries(1):
        events = list(events_of_group(role_users["groups"]["ncsg"]))
    assert news["other"] not in events
    assert {news[key] for key in ("opened", "report", "round_opened", "alert")} <= set(events)


def test_a_feed_speaks_the_language_asked_for(client, news):
    url = reverse("consultations:feed_group", kwargs={"slug": "ncsg"})

    body = client.get(url, {"lang": "zh-hans"}).content

    assert etree.fromstring(body).get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"
    atom_check(body)


def test_an_unknown_group_has_no_feed(client, db):
    response = client.get(reverse("consultations:feed_group", kwargs={"slug": "nobody"}))
    assert response.status_code == 404


def test_a_follow_feed_lets_through_what_the_level_asks_for(
    client, role_users, news, feed_token_of
):
    participant = role_users["participant"]
    follow = Follow.objects.create(
        user=participant, kind="proceeding", subject=str(news["ours"].pk), level="decisions"
    )
    url = reverse(
        "consultations:feed_follow",
        kwargs={"token": feed_token_of(participant), "follow_pk": follow.pk},
    )

    feed = atom_check(client.get(url).content)

    assert ours(feed, news) == [
        "Flagged as important: Draft budget FY27",
        "Staff report published: Draft budget FY27",
    ]
    assert feed.feed.title.startswith("Following:")


def test_a_group_follow_feed_is_the_group_news_at_its_level(
    client, role_users, news, feed_token_of
):
    participant = role_users["participant"]
    ncsg = role_users["groups"]["ncsg"]
    follow = Follow.objects.create(
        user=participant, kind="group", subject=str(ncsg.pk), level="deadlines"
    )
    url = reverse(
        "consultations:feed_follow",
        kwargs={"token": feed_token_of(participant), "follow_pk": follow.pk},
    )

    feed = atom_check(client.get(url).content)

    assert ours(feed, news) == [
        "Flagged as important: Draft budget FY27",
        "Round set for voting: Priorities 2027",
        "Comment period opened: Draft budget FY27",
    ]


def test_a_muted_follow_gives_a_valid_empty_feed(client, role_users, news, feed_token_of):
    participant = role_users["participant"]
    follow = Follow.objects.create(
        user=participant, kind="proceeding", subject=str(news["ours"].pk), level="mute"
    )
    url = reverse(
        "consultations:feed_follow",
        kwargs={"token": feed_token_of(participant), "follow_pk": follow.pk},
    )

    assert atom_check(client.get(url).content).entries == []


def test_a_wrong_key_or_someone_elses_follow_is_not_found(client, role_users, news, feed_token_of):
    coordinator, participant = role_users["coordinator"], role_users["participant"]
    theirs = Follow.objects.create(user=coordinator, kind="round", subject=str(news["voting"].pk))
    feed_token_of(coordinator)

    wrong_key = reverse(
        "consultations:feed_follow", kwargs={"token": "not-a-key", "follow_pk": theirs.pk}
    )
    other_follow = reverse(
        "consultations:feed_follow",
        kwargs={"token": feed_token_of(participant), "follow_pk": theirs.pk},
    )

    assert client.get(wrong_key).status_code == 404
    assert client.get(other_follow).status_code == 404
    assert client.get(reverse("consultations:feed_all", kwargs={"token": "x"})).status_code == 404


def test_the_personal_feed_says_why_each_entry_reached_the_person(
    client, role_users, news, feed_token_of
):
    coordinator = role_users["coordinator"]  # chairs NCSG
    for event in (news["opened"], news["alert"], news["other"]):
        event_fan_out(event_id=event.pk)
    assert not Notification.objects.filter(user=coordinator, event=news["other"]).exists()
    url = reverse("consultations:feed_all", kwargs={"token": feed_token_of(coordinator)})

    response = client.get(url)

    assert response["Cache-Control"] == "private, max-age=300"
    feed = atom_check(response.content)
    by_title = {entry.title: entry for entry in feed.entries}
    assert set(by_title) == {
        "Flagged as important: Draft budget FY27",
        "Comment period opened: Draft budget FY27",
    }
    alert = by_title["Flagged as important: Draft budget FY27"]
    assert "it was sent to a group you are a member of" in alert.summary
    assert "The budget cuts outreach by half." in alert.summary
    opened = by_title["Comment period opened: Draft budget FY27"]
    assert "you are a member of a group it concerns" in opened.summary
    assert "NCSG" in opened.summary


def test_the_schema_refuses_what_rfc_4287_forbids():
    schema = etree.RelaxNG(etree.parse(str(ATOM_SCHEMA)))
    ns = 'xmlns="http://www.w3.org/2005/Atom"'
    entry = (
        "<entry><id>tag:x,2026:e/1</id><title>t</title>"
        "<updated>2026-01-01T00:00:00Z</updated>{link}</entry>"
    )
    link = '<link href="http://x/"/>'
    good = (
        f"<feed {ns}><id>tag:x,2026:f</id><title>f</title>"
        "<updated>2026-01-01T00:00:00Z</updated><author><name>a</name></author>{}</feed>"
    )
    assert schema.validate(etree.fromstring(good.format(entry.format(link=link))))
    # An entry without an alternate link.
    assert not schema.validate(
        etree.fromstring(good.format(entry.format(link='<link rel="self" href="http://x/"/>')))
    )
    # No author on the feed nor on the entry.
    no_author = good.replace("<author><name>a</name></author>", "")
    assert not schema.validate(etree.fromstring(no_author.format(entry.format(link=link))))
    # A date that is not RFC 3339; two ids.
    assert not schema.validate(
        etree.fromstring(good.replace("2026-01-01T00:00:00Z", "1 Jan 2026", 1).format(""))
    )
    assert not schema.validate(
        etree.fromstring(good.replace("</id>", "</id><id>tag:x,2026:g</id>", 1).format(""))
    )
