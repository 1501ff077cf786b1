"""Daily and weekly digests: one email per person per period, in sections by deadline,
in the person's language, written once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from commonweal.consultations.models import Message, Notification
from commonweal.consultations.sending import messages_send
from commonweal.consultations.services.delivery import digest_compose
from tests.consultations.fixtures_delivery import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_delivery import news, parts

pytestmark = pytest.mark.django_db

SECTIONS = ("Closes within 7 days", "Closes later", "No deadline")


def four_news(announce, flagged_by=None):
    now = timezone.now()
    announce(news(1, title="Later plan", deadline=now + datetime.timedelta(days=30)))
    announce(news(2, title="Undated report", category="decision", event="proceeding.report"))
    announce(news(3, title="Soon plan", deadline=now + datetime.timedelta(days=3)))
    announce(
        news(
            4,
            title="Flagged plan",
            event="alert",
            category="important",
            deadline=now + datetime.timedelta(days=40),
        ),
        sender=flagged_by,
        reason="It changes the budget.",
    )


def test_a_daily_digest_groups_news_by_deadline_alerts_first(
    smtp_inbox, follower, announce, make_user
):
    person = follower("daily")
    four_news(announce, flagged_by=make_user("chair@example.org"))
    assert smtp_inbox.messages == []  # nothing at once for a daily reader
    assert digest_compose(frequency="daily") == 1
    assert messages_send().sent == 1
    [received] = smtp_inbox.to(person.email)
    assert received["Subject"] == "Commonweal: 4 updates, 1 deadline this week"
    text, html = parts(received)
    positions = [text.index(title) for title in SECTIONS]
    assert positions == sorted(positions)
    soon, later, undated = (text.split(f"== {title} ==")[1] for title in SECTIONS)
    assert "Soon plan" in soon.split("==")[0]
    assert later.index("Flagged plan") < later.index("Later plan")  # alerts first
    assert "[Important]" in later and "It changes the budget." in later
    assert "Undated report" in undated
    assert text.count("You get this because you follow it") == 4
    assert '<html lang="en" dir="ltr">' in html
    assert Notification.objects.filter(user=person, message=None).count() == 0


def test_the_digest_is_in_the_readers_language(smtp_inbox, follower, announce):
    french = follower("daily", language="fr")
    chinese = follower("daily", language="zh-hans")
    arabic = follower("daily", language="ar")
    deadline = datetime.datetime(2031, 3, 15, 12, tzinfo=datetime.UTC)
    announce(news(1, title="Plan", deadline=deadline))
    assert digest_compose(frequency="daily") == 3
    messages_send()
    french_text, french_html = parts(smtp_inbox.to(french.email)[0])
    assert "15 mars 2031" in french_text
    assert '<html lang="fr" dir="ltr">' in french_html
    assert "2031年3月15日" in parts(smtp_inbox.to(chinese.email)[0])[0]
    assert 'dir="rtl"' in parts(smtp_inbox.to(arabic.email)[0])[1]


def test_running_the_digest_again_writes_nothing_new(smtp_inbox, follower, announce):
    follower("daily")
    announce(news(1))
    assert digest_compose(frequency="daily") == 1
    assert digest_compose(frequency="daily") == 0
    announce(news(2))
    assert digest_compose(frequency="daily") == 0  # today's is written; tomorrow's takes it
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert digest_compose(frequency="daily", now=tomorrow) == 1
    assert Message.objects.count() == 2


def test_weekly_readers_wait_for_the_weekly_digest(smtp_inbox, follower, announce):
    person = follower("weekly")
    announce(news(1))
    assert digest_compose(frequency="daily") == 0
    assert digest_compose(frequency="weekly") == 1
    year, week, _day = timezone.localdate().isocalendar()
    assert Message.objects.get().key == f"digest:weekly:{person.pk}:{year}-W{week:02d}"


def test_the_command_writes_and_sends_digests_and_says_how_many(smtp_inbox, follower, announce):
    person = follower("daily")
    announce(news(1))
    out = io.StringIO()
    call_command("alerts", "digest", "daily", "--send", stdout=out)
    assert "daily digests written: 1" in out.getvalue()
    assert "sent 1" in out.getvalue()
    assert len(smtp_inbox.to(person.email)) == 1
    out = io.StringIO()
    call_command("alerts", "send", stdout=out)
    assert "sent 0" in out.getvalue()


def test_a_long_digest_lists_the_nearest_deadlines_and_counts_the_rest(
    smtp_inbox, follower, announce
):
    person = follower("daily")
    now = timezone.now()
    for number in range(45):
        deadline = now + datetime.timedelta(days=number + 1)
        announce(news(100 + number, title=f"Plan {number:02d}", deadline=deadline))
    digest_compose(frequency="daily")
    messages_send()
    [received] = smtp_inbox.to(person.email)
    assert received["Subject"].startswith("Commonweal: 45 updates, 7 deadlines this week")
    text, html = parts(received)
    listed = [number for number in range(45) if f"Plan {number:02d}" in text]
    assert listed == list(range(40))  # the 40 nearest deadlines
    assert "…and 5 more" in text and "/consultations/follows/" in text
    assert "…and 5 more" in html
    # Everything waiting was told of, in the list or in the count.
    assert Notification.objects.filter(user=person, message=None).count() == 0
