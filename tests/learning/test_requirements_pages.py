"""Who sets the courses a round or group asks for, and a course's prerequisites holding
its quizzes back. The pages need their routes in ``learning/urls.py`` and the quiz view
its check; each test says so and skips until they are there."""

from __future__ import annotations

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from commonweal.learning.models import Certificate, Course, CourseRequirement, GroupPrimer, Quiz
from commonweal.learning.requirements import prerequisites_unmet
from commonweal.learning.services.importing import courses_import
from commonweal.learning.views import quizzes
from tests.learning.sample import newcomers_spec

pytestmark = pytest.mark.django_db


def _mounted() -> bool:
    try:
        reverse("learning:round_requirements", kwargs={"pk": 1})
    except NoReverseMatch:
        return False
    return True


needs_pages = pytest.mark.skipif(
    not _mounted(), reason="the requirement pages are not in learning/urls.py yet"
)
needs_quiz_check = pytest.mark.skipif(
    not hasattr(quizzes, "prerequisites_unmet"),
    reason="the quiz view does not check prerequisites yet",
)


@pytest.fixture
def advanced(newcomers):
    """A second course that asks for the first one first."""
    spec = newcomers_spec()
    spec.slug, spec.titles = "advanced", {"en": "Advanced process"}
    course = courses_import(courses=[spec])[0]
    course.prerequisites.add(newcomers)
    return course


def _certify(user, course):
    Certificate.objects.create(course=course, learner=user, issued_on=datetime.date(2027, 1, 5))


def test_a_course_lists_the_prerequisites_not_yet_completed_with_links(
    advanced, newcomers, make_user
):
    learner = make_user()
    [unmet] = prerequisites_unmet(learner, advanced)
    assert "Welcome to the community" in unmet.message
    assert unmet.url == newcomers.get_absolute_url()
    _certify(learner, newcomers)
    assert prerequisites_unmet(learner, advanced) == []


@needs_quiz_check
def test_the_quiz_waits_for_the_prerequisites_on_get_and_on_post(
    client, advanced, newcomers, make_user
):
    learner = make_user()
    client.force_login(learner)
    quiz = Quiz.objects.get(module__course=advanced)
    url = reverse("learning:quiz", kwargs={"slug": "advanced", "module": "basics"})
    page = client.get(url).content.decode()
    assert "Courses to take first" in page and "Submit the answers" not in page
    assert f'href="{newcomers.get_absolute_url()}"' in page
    right = quiz.questions.get().choices.get(correct=True)
    refused = client.post(url, {f"q{right.question_id}": right.pk})
    assert refused.status_code == 400 and not quiz.attempts.exists()
    lesson = reverse("learning:lesson", kwargs={"slug": "advanced", "lesson": "acronyms"})
    assert client.get(lesson).status_code == 200

    _certify(learner, newcomers)
    assert "Submit the answers" in client.get(url).content.decode()
    assert client.post(url, {f"q{right.question_id}": right.pk}).status_code == 302
    assert quiz.attempts.get().passed


def _round_page(voting_round):
    return reverse("learning:round_requirements", kwargs={"pk": voting_round.pk})


@needs_pages
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("coordinator", 403),
        ("board", 403),
        ("ombudsman", 403),
        ("secretariat", 200),
        ("administrator", 200),
    ],
)
def test_only_the_secretariat_sets_a_rounds_courses(client, role_users, make_round, role, status):
    voting_round = make_round()
    if role_users[role]:
        client.force_login(role_users[role])
    assert client.get(_round_page(voting_round)).status_code == status


@needs_pages
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("board", 403),
        ("ombudsman", 403),
        ("coordinator", 200),
        ("secretariat", 200),
        ("administrator", 200),
    ],
)
def test_a_groups_coordinators_and_the_secretariat_set_its_courses(
    client, role_users, role, status
):
    url = reverse("learning:group_requirements", kwargs={"slug": "ncsg"})
    if role_users[role]:
        client.force_login(role_users[role])
    assert client.get(url).status_code == status


@needs_pages
def test_the_secretariat_requires_a_course_for_a_round_and_removes_it(
    client, role_users, make_round, newcomers
):
    voting_round = make_round()
    client.force_login(role_users["secretariat"])
    detail = client.get(voting_round.get_absolute_url()).content.decode()
    assert _round_page(voting_round) in detail
    response = client.post(_round_page(voting_round), {"action": "add", "course": newcomers.pk})
    assert response.status_code == 302
    requirement = CourseRequirement.objects.get(round=voting_round)
    assert requirement.course == newcomers
    page = client.get(_round_page(voting_round)).content.decode()
    assert "Welcome to the community" in page
    client.post(_round_page(voting_round), {"action": "remove", "requirement": requirement.pk})
    assert not CourseRequirement.objects.exists()


@needs_pages
def test_a_coordinator_sets_the_primer_and_the_group_page_suggests_it(
    client, role_users, ncsg_course
):
    ncsg = role_users["groups"]["ncsg"]
    url = reverse("learning:group_requirements", kwargs={"slug": "ncsg"})
    client.force_login(role_users["coordinator"])
    assert url in client.get(ncsg.get_absolute_url()).content.decode()
    client.post(url, {"action": "primer", "course": ncsg_course.pk})
    assert GroupPrimer.objects.get(group=ncsg).course == ncsg_course
    assert "Start with" in client.get(ncsg.get_absolute_url()).content.decode()
    client.post(url, {"action": "primer", "course": ""})
    assert not GroupPrimer.objects.exists()


@needs_pages
def test_a_course_that_is_not_there_is_refused_and_nothing_is_written(client, role_users):
    url = reverse("learning:group_requirements", kwargs={"slug": "ncsg"})
    client.force_login(role_users["coordinator"])
    missing = (Course.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    response = client.post(url, {"action": "add", "course": missing})
    assert response.status_code == 400
    assert not CourseRequirement.objects.exists()
