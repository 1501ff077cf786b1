"""Emails as it happens, through a real SMTP server: both parts, the reason, one-click
unsubscribe (RFC 8058), the hourly limit."""

from urllib.parse import urlsplit

import pytest

from commonweal.consultations.models import Delivery, Follow, Message, Notification
from commonweal.consultations.sending import messages_send
from commonweal.consultations.services.delivery import digest_compose
from tests.consultations.fixtures_delivery import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_delivery import news, parts

pytestmark = pytest.mark.django_db


def unsubscribe_path(message) -> str:
    header = str(message["List-Unsubscribe"]).strip()
    assert header.startswith("<https://commonweal.example.org/consultations/email/unsubscribe/")
    return urlsplit(header.strip("<>")).path


def test_a_realtime_follower_gets_one_email_with_both_parts_and_why(smtp_inbox, follower, announce):
    person = follower("realtime")
    announce(news(1, title="Budget 2027 «draft»"))
    announce(news(1, title="Budget 2027 «draft»"))  # the same news again: nothing more
    [received] = smtp_inbox.to(person.email)
    text, html = parts(received)
    assert "Budget 2027 «draft»" in received["Subject"]
    assert "Comment period opened: Budget 2027 «draft»" in text
    assert "You get this because you follow it" in text
    assert "<bdi>Budget 2027 «draft»</bdi>" in html
    assert "https://commonweal.example.org/consultations/7/" in html
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["Message-ID"].startswith("<event.")
    unsubscribe_path(received)
    assert Message.objects.get().state == Message.State.SENT


def test_one_click_post_unsubscribes_without_signing_in(client, smtp_inbox, follower, announce):
    person = follower("realtime")
    announce(news(1))
    path = unsubscribe_path(smtp_inbox.to(person.email)[0])
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert Delivery.objects.get(user=person).unsubscribed_at is not None
    announce(news(2))
    assert len(smtp_inbox.to(person.email)) == 1
    assert digest_compose(frequency="daily") == 0


def test_opening_the_link_only_asks(client, smtp_inbox, follower, announce):
    person = follower("realtime")
    announce(news(1))
    response = client.get(unsubscribe_path(smtp_inbox.to(person.email)[0]))
    assert response.status_code == 200
    assert '<form method="post"' in response.text
    assert Delivery.objects.get(user=person).unsubscribed_at is None


def test_a_changed_link_is_refused_with_a_readable_page(client, smtp_inbox, follower, announce):
    person = follower("realtime")
    announce(news(1))
    path = unsubscribe_path(smtp_inbox.to(person.email)[0])
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 400
        assert "This link does not work" in response.text
    assert Delivery.objects.get(user=person).unsubscribed_at is None


def test_the_mute_link_stops_only_that_thing(client, smtp_inbox, follower, announce):
    person = follower("realtime")
    announce(news(1))
    text, _html = parts(smtp_inbox.to(person.email)[0])
    mute = next(line for line in text.splitlines() if line.startswith("Stop news about this:"))
    assert client.post(urlsplit(mute.split(": ", 1)[1]).path).status_code == 200
    assert Follow.objects.get(user=person).level == Follow.Level.MUTE
    assert Delivery.objects.get(user=person).unsubscribed_at is None


def test_the_seventh_news_in_an_hour_waits_for_the_daily_digest(smtp_inbox, follower, announce):
    person = follower("realtime")
    for number in range(1, 8):
        announce(news(number))
    assert len(smtp_inbox.to(person.email)) == 6
    waiting = Notification.objects.get(user=person, message=None)
    assert waiting.event.title == "Draft plan, part 7"
    assert digest_compose(frequency="daily") == 1
    messages_send()
    digest = smtp_inbox.to(person.email)[-1]
    assert "1 update" in digest["Subject"]
    assert "Draft plan, part 7" in parts(digest)[0]
    assert "Draft plan, part 6" not in parts(digest)[0]


def test_an_email_written_before_unsubscribing_is_dropped(client, smtp_inbox, follower, announce):
    person = follower("daily")
    announce(news(1))
    assert digest_compose(frequency="daily") == 1
    Delivery.objects.filter(user=person).update(unsubscribed_at="2030-01-01T00:00Z")
    assert messages_send().dropped == 1
    assert Message.objects.get().state == Message.State.DROPPED
    assert smtp_inbox.messages == []


def test_a_refused_address_is_failed_with_the_servers_answer(smtp_inbox, follower, announce):
    person = follower("daily", email="gone@example.org")
    smtp_inbox.refused.add("gone@example.org")
    announce(news(1))
    digest_compose(frequency="daily")
    assert messages_send().failed == 1
    message = Message.objects.get()
    assert message.state == Message.State.FAILED
    assert "550" in message.error
    assert messages_send().sent == 0  # never tried again
    assert smtp_inbox.to(person.email) == []
