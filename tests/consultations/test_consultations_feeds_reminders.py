"""Reminders of deadlines: announced once per deadline, again after an extension."""

from __future__ import annotations

import datetime

from django.utils import timezone

from commonweal.consultations.models import Event, Extension
from commonweal.consultations.services.reminders import reminders_announce


def test_a_proceeding_closing_in_two_days_is_reminded_of_once(role_users, make_proceeding):
    ncsg = role_users["groups"]["ncsg"]
    today = timezone.now().date()
    proceeding = make_proceeding(groups=[ncsg], closes_on=today + datetime.timedelta(days=2))
    make_proceeding(closes_on=today + datetime.timedelta(days=20))  # not yet
    make_proceeding(closes_on=today + datetime.timedelta(days=1), published=False)  # a draft
    now = timezone.now()

    assert reminders_announce(now=now) == 1
    assert reminders_announce(now=now) == 0

    (event,) = Event.objects.filter(event="proceeding.closing")
    assert event.key == f"proceeding:{proceeding.pk}:closing:{proceeding.closes_on.isoformat()}"
    assert event.subject == str(proceeding.pk) and event.category == "deadline"
    assert event.deadline == proceeding.closes_at
    assert list(event.groups.all()) == [ncsg]


def test_an_extension_brings_a_new_reminder_when_the_new_date_comes_near(make_proceeding):
    today = timezone.now().date()
    proceeding = make_proceeding(closes_on=today + datetime.timedelta(days=2))
    now = timezone.now()
    assert reminders_announce(now=now) == 1

    new_day = proceeding.closes_on + datetime.timedelta(days=10)
    Extension.objects.create(
        proceeding=proceeding,
        previous_closes_on=proceeding.closes_on,
        closes_on=new_day,
        reason="More time asked for.",
    )
    proceeding.closes_on = new_day
    proceeding.save()

    assert reminders_announce(now=now) == 0
    later = now + datetime.timedelta(days=10)
    assert reminders_announce(now=later) == 1
    assert reminders_announce(now=later) == 0
    assert Event.objects.filter(event="proceeding.closing").count() == 2


def test_a_round_closing_soon_is_reminded_of_to_its_voters(role_users, make_round, settings):
    settings.REMINDER_DAYS = 1
    ncsg = role_users["groups"]["ncsg"]
    now = timezone.now()
    soon = make_round(voter_groups=[ncsg], closes_at=now + datetime.timedelta(hours=20))
    make_round(closes_at=now + datetime.timedelta(days=2))  # outside one day

    assert reminders_announce(now=now) == 1

    (event,) = Event.objects.filter(event="round.closing")
    closes_on = soon.closes_at.astimezone(datetime.UTC).date()
    assert event.key == f"round:{soon.pk}:closing:{closes_on.isoformat()}"
    assert list(event.groups.all()) == [ncsg]
    assert reminders_announce(now=now) == 0
