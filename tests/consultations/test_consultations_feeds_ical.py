"""The calendar of deadlines, read back with the icalendar library as a calendar
program reads it; and the page that lists a person's feed addresses and renews their key."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse

from commonweal.consultations.models import Delivery, Extension, Follow, delivery_for
from tests.consultations import fixtures_feeds

feed_token_of = fixtures_feeds.feed_token_of


def read_calendar(client, token) -> icalendar.Calendar:
    response = client.get(reverse("consultations:feed_deadlines", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def deadlines(role_users, make_proceeding, make_round, make_group):
    """The coordinator chairs NCSG and is a member of a muted group; they follow one
    proceeding of nobody's group."""
    coordinator = role_users["coordinator"]
    ncsg = role_users["groups"]["ncsg"]
    muted = make_group("muted")
    from commonweal.community.models import Membership

    Membership.objects.create(person=coordinator.person, group=muted)
    Follow.objects.create(user=coordinator, kind="group", subject=str(muted.pk), level="mute")
    followed = make_proceeding(title="Followed plan")
    Follow.objects.create(user=coordinator, kind="proceeding", subject=str(followed.pk))
    return {
        "user": coordinator,
        "ncsg": make_proceeding(title="NCSG plan", groups=[ncsg]),
        "followed": followed,
        "draft": make_proceeding(title="Draft", groups=[ncsg], published=False),
        "muted": make_proceeding(title="Muted plan", groups=[muted]),
        "unrelated": make_proceeding(title="Unrelated plan", groups=[make_group()]),
        "round": make_round(title="Priorities 2027", voter_groups=[ncsg]),
        "other_round": make_round(title="Not ours", voter_groups=[muted]),
    }


def test_the_calendar_holds_the_deadlines_the_person_should_see(client, deadlines, feed_token_of):
    calendar = read_calendar(client, feed_token_of(deadlines["user"]))

    assert str(calendar["VERSION"]) == "2.0"
    assert "Commonweal" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Commonweal deadlines"
    events = vevents(calendar)
    ncsg, followed, voting = deadlines["ncsg"], deadlines["followed"], deadlines["round"]
    assert set(events) == {
        f"proceeding-{ncsg.pk}-close@testserver",
        f"proceeding-{followed.pk}-close@testserver",
        f"round-{voting.pk}-close@testserver",
    }
    event = events[f"proceeding-{ncsg.pk}-close@testserver"]
    assert str(event["SUMMARY"]) == "Comments close: NCSG plan"
    assert str(event["URL"]) == f"http://testserver/consultations/{ncsg.pk}/"
    assert event.decoded("DTSTART") == ncsg.closes_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=1)
    assert event.decoded("SEQUENCE") == 0
    assert events[f"round-{voting.pk}-close@testserver"].decoded(
        "DTSTART"
    ) == voting.closes_at.replace(microsecond=0)


def test_an_extension_moves_the_same_event_with_a_higher_sequence(client, deadlines, feed_token_of):
    proceeding = deadlines["ncsg"]
    uid = f"proceeding-{proceeding.pk}-close@testserver"
    token = feed_token_of(deadlines["user"])
    before = vevents(read_calendar(client, token))[uid]

    new_day = proceeding.closes_on + datetime.timedelta(days=7)
    Extension.objects.create(
        proceeding=proceeding,
        previous_closes_on=proceeding.closes_on,
        closes_on=new_day,
        reason="Translations were late.",
    )
    proceeding.closes_on = new_day
    proceeding.save()
    after = vevents(read_calendar(client, token))[uid]

    assert after.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + datetime.timedelta(days=7)
    assert after.decoded("DTSTART") == proceeding.closes_at


def test_the_reminder_alarm_follows_the_persons_choice(client, deadlines, feed_token_of):
    user = deadlines["user"]
    token = feed_token_of(user)
    Delivery.objects.filter(user=user).update(reminder_days=5)

    event = next(iter(vevents(read_calendar(client, token)).values()))
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].to_ical() == b"-P5D"

    Delivery.objects.filter(user=user).update(reminder_days=0)
    for event in vevents(read_calendar(client, token)).values():
        assert event.walk("VALARM") == []


def test_a_proceeding_followed_for_decisions_only_leaves_the_calendar(
    client, deadlines, feed_token_of
):
    user, ncsg = deadlines["user"], deadlines["ncsg"]
    Follow.objects.create(user=user, kind="proceeding", subject=str(ncsg.pk), level="decisions")

    events = vevents(read_calendar(client, feed_token_of(user)))

    assert f"proceeding-{ncsg.pk}-close@testserver" not in events


def test_a_wrong_key_has_no_calendar(client, db):
    url = reverse("consultations:feed_deadlines", kwargs={"token": "guessed"})
    assert client.get(url).status_code == 404


def test_the_feeds_page_lists_the_addresses_and_a_new_key_ends_the_old_ones(
    client, deadlines, feed_token_of
):
    user = deadlines["user"]
    old = feed_token_of(user)
    old_calendar = reverse("consultations:feed_deadlines", kwargs={"token": old})
    client.force_login(user)

    page = client.get(reverse("consultations:feeds")).content.decode()
    assert f"http://testserver{old_calendar}" in page
    assert f"/consultations/feeds/{old}/all.atom" in page
    assert "These addresses are private." in page
    follow = Follow.objects.get(user=user, kind="proceeding")
    assert f"/consultations/feeds/{old}/follows/{follow.pk}.atom" in page
    assert "/consultations/feeds/groups/ncsg.atom" in page

    asked = client.post(reverse("consultations:feeds_rekey"))
    assert "Make a new key for your feeds?" in asked.content.decode()
    assert delivery_for(user).feed_token == old

    done = client.post(reverse("consultations:feeds_rekey"), {"confirm": "yes"}, follow=True)
    new = delivery_for(user).feed_token
    assert new != old
    assert f"/consultations/feeds/{new}/deadlines.ics" in done.content.decode()
    assert client.get(old_calendar).status_code == 404
    read_calendar(client, new)


def test_the_feeds_page_asks_to_sign_in(client, db):
    response = client.get(reverse("consultations:feeds"))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
