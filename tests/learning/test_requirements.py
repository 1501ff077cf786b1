"""Learning that participation asks for: a round's ballot and a group's request to join
wait for a course's certificate, say so with a link, and open once it is held; a group's
page suggests its primer. With no requirement nothing changes (the round and community
tests run without any)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from commonweal.community.models import Membership, MembershipRequest
from commonweal.core.gates import ROUNDS_VOTE, Unmet, gate_register, gates_unmet
from commonweal.learning.models import Certificate, CourseRequirement, GroupPrimer
from commonweal.rounds.models import Ballot

pytestmark = pytest.mark.django_db

TITLE = "Welcome to the community"
COMPLETE_FIRST = f"Complete “{TITLE}” first: this round asks for it."
JOIN_FIRST = f"Complete “{TITLE}” first: this group asks for it."


@pytest.fixture
def voter(make_user, make_group):
    user = make_user()
    Membership.objects.create(person=user.person, group=make_group("ncuc", name="NCUC"))
    return user


@pytest.fixture
def voting_round(make_round, make_recommendation, voter):
    group = voter.person.memberships.get().group
    return make_round(recommendations=[make_recommendation("WS2-1")], voter_groups=[group])


def _certify(user, course):
    Certificate.objects.create(course=course, learner=user, issued_on=datetime.date(2027, 1, 5))


def _ballot_url(voting_round):
    return reverse("rounds:ballot", kwargs={"pk": voting_round.pk})


def test_an_action_nobody_gates_has_nothing_unmet(voter, voting_round):
    assert gates_unmet(ROUNDS_VOTE, voter, voting_round) == []


def test_an_unknown_action_is_refused_at_once():
    with pytest.raises(ValueError, match="unknown gated action"):
        gate_register("rounds.count", lambda user, subject: [])
    with pytest.raises(ValueError, match="unknown gated action"):
        gates_unmet("rounds.count", None, None)


def test_registering_the_same_gate_twice_asks_once(voter, voting_round):
    def always(user, subject):
        return [Unmet("Say hello first.", "/hello/", "Hello")]

    try:
        gate_register(ROUNDS_VOTE, always)
        gate_register(ROUNDS_VOTE, always)
        assert gates_unmet(ROUNDS_VOTE, voter, voting_round) == [
            Unmet("Say hello first.", "/hello/", "Hello")
        ]
    finally:
        from commonweal.core import gates

        gates._registry[ROUNDS_VOTE].pop(f"{always.__module__}.{always.__qualname__}")


def test_a_required_course_replaces_the_ballot_with_a_link_to_the_course(
    client, newcomers, voter, voting_round
):
    CourseRequirement.objects.create(course=newcomers, round=voting_round)
    client.force_login(voter)
    page = client.get(_ballot_url(voting_round)).content.decode()
    assert COMPLETE_FIRST in page
    assert f'href="{newcomers.get_absolute_url()}"' in page
    assert "Submit my ballot" not in page
    detail = client.get(voting_round.get_absolute_url()).content.decode()
    assert COMPLETE_FIRST in detail and "Vote in this round" not in detail


def test_a_ballot_posted_without_the_course_is_refused_and_nothing_is_written(
    client, newcomers, voter, voting_round
):
    CourseRequirement.objects.create(course=newcomers, round=voting_round)
    client.force_login(voter)
    response = client.post(_ballot_url(voting_round), {"choice": ["WS2-1"]})
    assert response.status_code == 400
    assert "Your ballot was not saved" in response.content.decode()
    assert COMPLETE_FIRST in response.content.decode()
    assert not Ballot.objects.exists()


def test_with_the_certificate_the_ballot_is_offered_and_saved(
    client, newcomers, voter, voting_round
):
    CourseRequirement.objects.create(course=newcomers, round=voting_round)
    _certify(voter, newcomers)
    client.force_login(voter)
    assert "Submit my ballot" in client.get(_ballot_url(voting_round)).content.decode()
    response = client.post(_ballot_url(voting_round), {"choice": ["WS2-1"]})
    assert response.status_code == 302
    assert Ballot.objects.get(round=voting_round).choices == [["WS2-1", 1]]
    detail = client.get(voting_round.get_absolute_url()).content.decode()
    assert "Vote in this round" in detail and "you have completed it" in detail


def test_a_withdrawal_needs_no_course(client, newcomers, voter, voting_round):
    client.force_login(voter)
    client.post(_ballot_url(voting_round), {"choice": ["WS2-1"]})
    CourseRequirement.objects.create(course=newcomers, round=voting_round)
    client.post(_ballot_url(voting_round), {"action": "withdraw", "confirm": "yes"})
    assert not Ballot.objects.exists()


def test_a_group_that_asks_for_a_course_refuses_a_request_to_join_until_it_is_held(
    client, newcomers, role_users
):
    participant, ncsg = role_users["participant"], role_users["groups"]["ncsg"]
    CourseRequirement.objects.create(course=newcomers, group=ncsg)
    url = reverse("community:request_join", kwargs={"slug": "ncsg"})
    client.force_login(participant)
    page = client.get(url).content.decode()
    assert JOIN_FIRST in page and f'href="{newcomers.get_absolute_url()}"' in page
    assert "Send my request" not in page
    refused = client.post(url, {"note": "I run a clinic."})
    assert refused.status_code == 400 and JOIN_FIRST in refused.content.decode()
    assert not MembershipRequest.objects.exists()

    _certify(participant, newcomers)
    assert client.post(url, {"note": "I run a clinic."}).status_code == 302
    assert MembershipRequest.objects.get().person == participant.person


def test_the_group_page_lists_its_required_courses(client, newcomers, role_users):
    ncsg = role_users["groups"]["ncsg"]
    CourseRequirement.objects.create(course=newcomers, group=ncsg)
    client.force_login(role_users["participant"])
    page = client.get(ncsg.get_absolute_url()).content.decode()
    assert "Courses before joining" in page and TITLE in page


def test_the_group_page_suggests_its_primer_in_the_readers_language(
    client, ncsg_course, role_users
):
    ncsg = role_users["groups"]["ncsg"]
    GroupPrimer.objects.create(group=ncsg, course=ncsg_course)
    page = client.get(ncsg.get_absolute_url()).content.decode()
    assert "New to <bdi>NCSG</bdi>?" in page
    assert f'<a href="{ncsg_course.get_absolute_url()}" lang="en" dir="auto">{TITLE}</a>' in page
    chinese = client.get(ncsg.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert "欢迎加入社区" in chinese.decode()


def test_a_group_with_no_primer_and_no_requirement_shows_nothing_of_the_learning_center(
    client, role_users
):
    page = client.get(role_users["groups"]["ncsg"].get_absolute_url()).content.decode()
    assert "New to" not in page and "Courses before joining" not in page


def test_a_course_without_a_quiz_is_not_certified_before_its_prerequisites(db, make_user):
    from commonweal.learning.models import Certificate
    from commonweal.learning.services.authoring import course_create, lesson_create, module_save
    from commonweal.learning.services.progress import lesson_done

    first = course_create(slug="first", title="First", source_language="en")
    first_lesson = lesson_create(
        module=module_save(course=first, slug="m", language="en", title="M"),
        slug="only",
        title="Only",
        body="Read me.",
    )
    second = course_create(slug="second", title="Second", source_language="en")
    second.prerequisites.add(first)
    second_lesson = lesson_create(
        module=module_save(course=second, slug="m", language="en", title="M"),
        slug="only",
        title="Only",
        body="Read me too.",
    )
    learner = make_user("learner@example.org")
    assert lesson_done(user=learner, lesson=second_lesson) is None
    assert not Certificate.objects.filter(course=second).exists()
    lesson_done(user=learner, lesson=first_lesson)
    assert Certificate.objects.filter(course=first, learner=learner).exists()
