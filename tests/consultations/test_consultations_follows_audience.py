"""Who hears of news: an explicit follow beats a membership, a mute on a group silences
what concerns it, a level lets only its kind of news through; and the lower apps' news
(a meeting of a series, a recommendation's move, a round, a glossary term) is recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commonweal.consultations.audience import audience
from commonweal.consultations.models import Event, Follow, Notification
from commonweal.consultations.services.follows import follow_set
from commonweal.core.follows import DEADLINE, DECISION, IMPORTANT, UPDATE, News
from tests.consultations.fixtures_follows import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_follows import received

pytestmark = pytest.mark.django_db


def test_a_member_hears_of_what_concerns_their_group_without_following_it(
    role_users, ncsg_member, news, tell
):
    ncsg = role_users["groups"]["ncsg"]
    event = tell(news("proceeding", "41", groups=[ncsg.pk]))
    reached = {reach.user_id: reach for reach in audience(event)}
    assert reached[ncsg_member.pk].why == Notification.Why.MEMBER
    assert reached[ncsg_member.pk].label == "NCSG"
    assert received(ncsg_member) == [event.title]
    assert role_users["participant"].pk not in reached


def test_an_explicit_follow_of_the_thing_beats_the_membership(role_users, ncsg_member, news, tell):
    ncsg = role_users["groups"]["ncsg"]
    Follow.objects.create(user=ncsg_member, kind="proceeding", subject="41", level="deadlines")
    update = tell(news("proceeding", "41", groups=[ncsg.pk], category=UPDATE))
    deadline = tell(news("proceeding", "41", groups=[ncsg.pk], category=DEADLINE))
    assert received(ncsg_member) == [deadline.title]
    assert update.title not in received(ncsg_member)
    # The coordinator, also a member, follows by default and hears of both.
    assert received(role_users["coordinator"]) == [update.title, deadline.title]


def test_a_mute_on_the_group_silences_its_proceedings_for_a_member(
    role_users, ncsg_member, news, tell
):
    ncsg = role_users["groups"]["ncsg"]
    follow_set(user=ncsg_member, kind="group", subject=str(ncsg.pk), level="mute")
    tell(news("proceeding", "41", groups=[ncsg.pk], category=DEADLINE))
    alert = tell(
        news("proceeding", "41", category=IMPORTANT, event="alert"),
        sender=role_users["board"],
        reason="Read it",
        groups=[ncsg],
    )
    assert received(ncsg_member) == []
    assert alert.title in received(role_users["coordinator"])


def test_a_decisions_only_follower_gets_no_deadline_but_does_get_an_alert(role_users, news, tell):
    follower = role_users["participant"]
    Follow.objects.create(user=follower, kind="proceeding", subject="41", level="decisions")
    tell(news("proceeding", "41", category=DEADLINE))
    decided = tell(news("proceeding", "41", category=DECISION, event="proceeding.report"))
    alert = tell(
        news("proceeding", "41", category=IMPORTANT, event="alert"),
        sender=role_users["board"],
        reason="The draft cuts our budget",
        groups=[role_users["groups"]["board"]],
    )
    assert received(follower) == [decided.title, alert.title]
    why = Notification.objects.get(user=follower, event=alert)
    assert why.why == Notification.Why.FOLLOW


def test_someone_who_follows_a_group_hears_what_concerns_it_and_says_so(role_users, news, tell):
    ncsg = role_users["groups"]["ncsg"]
    follower = role_users["participant"]
    follow_set(user=follower, kind="group", subject=str(ncsg.pk))
    event = tell(news("proceeding", "41", groups=[ncsg.pk]))
    notification = Notification.objects.get(user=follower, event=event)
    assert (notification.why, notification.why_label) == ("group_follow", "NCSG")


def test_a_moved_recommendation_is_news_to_its_followers_and_a_decision_is_a_decision(
    role_users, make_recommendation, django_capture_on_commit_callbacks
):
    from commonweal.recommendations.services import recommendation_decide

    recommendation = make_recommendation()
    follower = role_users["participant"]
    follow_set(user=follower, kind="recommendation", subject=str(recommendation.pk))
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_decide(
            recommendation=recommendation,
            decision="approved",
            rationale="Worth it",
            serves="Everyone",
            consultation="Public comment",
            alternatives="None cheaper",
        )
    event = Event.objects.get(
        event="recommendation.moved", subject=str(recommendation.pk), category=DECISION
    )
    assert event.key.startswith(f"recommendation:{recommendation.pk}:moved:")
    assert Notification.objects.filter(user=follower, event=event).exists()
    # The move to "assessed" when it was costed was news too, but not a decision.
    assert Event.objects.filter(
        event="recommendation.moved", subject=str(recommendation.pk), category=UPDATE
    ).exists()


def test_a_round_set_for_voting_tells_its_voters_when_it_closes_and_its_count_decides(
    role_users, make_round, ncsg_member, django_capture_on_commit_callbacks
):
    from commonweal.rounds.services import round_close

    ncsg = role_users["groups"]["ncsg"]
    with django_capture_on_commit_callbacks(execute=True):
        voting_round = make_round(voter_groups=[ncsg])
    opened = Event.objects.get(key=f"round:{voting_round.pk}:opened")
    assert (opened.category, opened.deadline) == (DEADLINE, voting_round.closes_at)
    assert list(opened.groups.values_list("pk", flat=True)) == [ncsg.pk]
    assert received(ncsg_member) == [voting_round.title]
    with django_capture_on_commit_callbacks(execute=True):
        round_close(voting_round=voting_round, now=timezone.now())
    counted = Event.objects.get(key=f"round:{voting_round.pk}:counted")
    assert counted.category == DECISION
    assert counted.url.endswith(f"/{voting_round.pk}/priorities/")
    assert received(ncsg_member) == [voting_round.title, voting_round.title]


def test_a_glossary_term_whose_meaning_changes_is_news_and_the_same_file_again_is_not(
    role_users,
):
    from commonweal.learning.glossary.services import glossary_import
    from commonweal.learning.glossary.spec import MeaningSpec, TermSpec

    def spec(expansion):
        return TermSpec(written="GNSO", meanings=[MeaningSpec(expansions={"en": expansion})])

    (term,) = glossary_import(terms=[spec("Generic Names Supporting Organization")], source="t")
    assert not Event.objects.filter(event="term.changed").exists()  # a new term is no change
    glossary_import(terms=[spec("Generic Names Supporting Organization")], source="t")
    assert not Event.objects.filter(event="term.changed").exists()
    glossary_import(terms=[spec("Generic Names Supporting Organisation")], source="t")
    event = Event.objects.get(event="term.changed")
    assert (event.kind, event.subject, event.title) == ("term", str(term.pk), "GNSO")


def test_a_meeting_of_a_series_is_news_to_the_series_followers(
    role_users, kobe_files, django_capture_on_commit_callbacks
):
    from commonweal.community.services import roster_import
    from commonweal.meetings.services import meeting_ingest

    transcript, roster = kobe_files
    roster_import(data=roster.read_bytes(), source=str(roster))
    follower = role_users["participant"]
    Follow.objects.create(user=follower, kind="series", subject="ICANN64")
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_ingest(
            data=transcript.read_bytes(), source_name=transcript.name, roster=roster.read_bytes()
        ).meeting
    assert meeting.event == "ICANN64"
    event = Event.objects.get(key=f"series:ICANN64:meeting:{meeting.pk}")
    assert (event.event, event.category) == ("series.meeting", UPDATE)
    notification = Notification.objects.get(user=follower, event=event)
    assert notification.why_label == "ICANN64"


def test_news_recorded_twice_reaches_nobody_twice(role_users, ncsg_member, tell):
    ncsg = role_users["groups"]["ncsg"]
    once = News(
        key="round:99:opened",
        kind="round",
        subject="99",
        event="round.opened",
        category=DEADLINE,
        title="Budget round",
        url="/rounds/99/",
        deadline=timezone.now() + datetime.timedelta(days=3),
        groups=(ncsg.pk,),
    )
    tell(once)
    tell(once)
    assert received(ncsg_member) == ["Budget round"]
