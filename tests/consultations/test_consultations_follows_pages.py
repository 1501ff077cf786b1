"""Following through the pages: the control on each followable page, following, changing
the level, stopping, muting one's group, how one hears, and why each piece of news came."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from commonweal.consultations.models import Delivery, Follow, delivery_for
from commonweal.core.follows import IMPORTANT
from tests.consultations.fixtures_follows import *  # noqa: F403  (fixtures, found by name)

pytestmark = pytest.mark.django_db

FOLLOW = reverse("consultations:follow")
FOLLOWS = reverse("consultations:follows")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_visitor_signed_out_is_asked_to_sign_in_to_follow_a_group(client, role_users):
    ncsg = role_users["groups"]["ncsg"]
    page = client.get(ncsg.get_absolute_url()).content.decode()
    assert "Sign in to follow" in page
    login = reverse("accounts:login")
    assert f"{login}?{urlencode({'next': ncsg.get_absolute_url()})}" in page


def test_a_participant_follows_a_round_changes_the_level_and_stops(client, role_users, make_round):
    voting_round = make_round()
    page_url = voting_round.get_absolute_url()
    client = signed_in(client, role_users["participant"])
    assert ">Follow</button>" in client.get(page_url).content.decode()

    subject = {"kind": "round", "subject": str(voting_round.pk), "next": page_url}
    answer = client.post(FOLLOW, {**subject, "level": "all"}, follow=True)
    assert answer.redirect_chain[-1][0] == page_url
    page = answer.content.decode()
    assert f"You follow “{voting_round.title}”: everything." in page
    assert "You follow this:" in page and "Stop following" in page

    client.post(FOLLOW, {**subject, "level": "decisions"})
    follow = Follow.objects.get(user=role_users["participant"], kind="round")
    assert follow.level == "decisions"

    page = client.post(FOLLOW, {**subject, "stop": "1"}, follow=True).content.decode()
    assert "You no longer follow this." in page
    assert not Follow.objects.filter(user=role_users["participant"]).exists()


def test_a_member_is_told_they_follow_their_group_and_can_mute_it_on_my_follows(
    client, role_users, ncsg_member
):
    ncsg = role_users["groups"]["ncsg"]
    client = signed_in(client, ncsg_member)
    assert (
        "You follow this as a member of <bdi>NCSG</bdi>."
        in client.get(ncsg.get_absolute_url()).content.decode()
    )
    page = client.get(FOLLOWS).content.decode()
    assert "Followed as a member" in page and "Mute NCSG" in page

    answer = client.post(
        FOLLOW,
        {"kind": "group", "subject": str(ncsg.pk), "level": "mute", "next": FOLLOWS},
        follow=True,
    )
    assert Follow.objects.get(user=ncsg_member, kind="group").level == "mute"
    assert "Unmute" in answer.content.decode()


def test_a_page_elsewhere_is_not_where_the_follow_form_sends_you_back(
    client, role_users, make_round
):
    voting_round = make_round()
    answer = signed_in(client, role_users["participant"]).post(
        FOLLOW,
        {"kind": "round", "subject": str(voting_round.pk), "next": "https://evil.example/"},
    )
    assert answer.url == FOLLOWS


def test_following_something_that_does_not_exist_says_so_and_writes_nothing(client, role_users):
    answer = signed_in(client, role_users["participant"]).post(
        FOLLOW, {"kind": "round", "subject": "999999", "level": "all"}, follow=True
    )
    assert "it does not exist" in answer.content.decode()
    assert not Follow.objects.exists()


def test_the_follow_control_is_on_recommendation_term_and_meeting_pages(
    client, role_users, make_recommendation
):
    from commonweal.learning.models import Term
    from commonweal.meetings.models import Meeting

    recommendation = make_recommendation()
    term = Term.objects.create(written="ALAC", slug="alac")
    meeting = Meeting.objects.create(
        title="Public forum", event="ICANN64", identity="m1", source_name="f.txt"
    )
    client = signed_in(client, role_users["participant"])
    for url, kind, key in (
        (recommendation.get_absolute_url(), "recommendation", recommendation.pk),
        (term.get_absolute_url(), "term", term.pk),
        (meeting.get_absolute_url(), "series", "ICANN64"),
    ):
        page = client.get(url).content.decode()
        assert f'name="kind" value="{kind}"' in page, url
        assert f'name="subject" value="{key}"' in page, url


def test_my_follows_says_why_each_piece_of_news_came(client, role_users, ncsg_member, news, tell):
    from commonweal.meetings.models import Meeting

    Meeting.objects.create(title="Forum", event="ICANN64", identity="m2", source_name="f.txt")
    Follow.objects.create(user=ncsg_member, kind="series", subject="ICANN64")
    tell(news("series", "ICANN64", event="series.meeting"))
    ncsg = role_users["groups"]["ncsg"]
    tell(
        news("proceeding", "5", category=IMPORTANT, event="alert"),
        sender=role_users["board"],
        reason="Our budget is cut by half.",
        groups=[ncsg],
    )
    page = signed_in(client, ncsg_member).get(FOLLOWS).content.decode()
    assert "Why you see this: <bdi>you follow ICANN64</bdi>." in page
    board_name = str(role_users["board"].person)
    assert f"{board_name} flagged this for NCSG, of which you are a member" in page
    assert "Our budget is cut by half." in page
    assert "New meeting record" in page and "Flagged as important" in page


def test_how_one_hears_is_saved_and_turning_email_off_unsubscribes(client, role_users):
    user = role_users["participant"]
    answer = signed_in(client, user).post(
        FOLLOWS, {"frequency": "weekly", "reminder_days": "5"}, follow=True
    )
    assert "Your choices are saved." in answer.content.decode()
    delivery = Delivery.objects.get(user=user)
    assert (delivery.frequency, delivery.reminder_days) == ("weekly", 5)
    assert delivery.unsubscribed_at is not None
    client.post(FOLLOWS, {"frequency": "daily", "reminder_days": "0", "email": "on"})
    assert delivery_for(user).unsubscribed_at is None


def test_a_reminder_too_far_ahead_is_refused_readably(client, role_users):
    page = signed_in(client, role_users["participant"]).post(
        FOLLOWS, {"frequency": "daily", "reminder_days": "400", "email": "on"}
    )
    assert "less than or equal to 30" in page.content.decode()
    assert delivery_for(role_users["participant"]).reminder_days == 3


def test_my_activity_sums_up_what_one_follows(client, role_users, ncsg_member, make_round):
    follow = Follow.objects.create(
        user=ncsg_member, kind="round", subject=str(make_round().pk), level="all"
    )
    assert follow.pk
    page = signed_in(client, ncsg_member).get(reverse("accounts:activity")).content.decode()
    assert "You follow 1 thing." in page
    assert "You also follow what concerns 1 group you are a member of." in page
    assert FOLLOWS in page
