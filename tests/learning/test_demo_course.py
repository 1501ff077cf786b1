"""The demo course, "Taking part in your first ICANN meeting": its folder imports as written,
in the languages the demo promises, and loading it again changes nothing."""

from __future__ import annotations

import pytest

from commonweal.learning.demo import DEMO_COURSES, courses_load_demo
from commonweal.learning.folder import read_courses
from commonweal.learning.models import Course, LessonEdition, Question

pytestmark = pytest.mark.django_db

SLUG = "first-icann-meeting"
FIRST_LESSON_LANGUAGES = {"en", "zh-hans", "fr", "es", "ru", "ar"}


def test_the_demo_folder_reads_without_a_problem():
    (course,) = read_courses(DEMO_COURSES)
    assert course.slug == SLUG
    assert course.owner == ""  # the secretariat's, no group's
    assert [len(module.lessons) for module in course.modules] == [2, 2]
    quiz = course.modules[-1].quiz
    assert {question.kind for question in quiz.questions} == {"single", "multiple"}
    assert 3 <= len(quiz.questions) <= 4


def test_the_demo_course_loads_in_english_chinese_and_the_first_lesson_in_six_languages():
    assert courses_load_demo() == 1
    course = Course.objects.get(slug=SLUG)
    assert course.source_language == "en"
    assert course.owner_group is None
    assert set(course.titles) == FIRST_LESSON_LANGUAGES
    editions = LessonEdition.objects.filter(lesson__module__course=course)
    languages = {}
    for edition in editions:
        languages.setdefault(edition.lesson.slug, set()).add(edition.language)
    assert languages.pop("who-is-who") == FIRST_LESSON_LANGUAGES
    assert languages == {slug: {"en", "zh-hans"} for slug in languages}
    assert len(languages) == 3
    # Every translation was written from today's English text: none shows as outdated.
    for edition in editions.exclude(language="en"):
        source = editions.get(lesson=edition.lesson, language="en")
        assert edition.status_against(source) == "current", edition


def test_loading_the_demo_course_twice_changes_nothing():
    courses_load_demo()
    editions = list(LessonEdition.objects.values_list("pk", "updated_at", "body_hash"))
    questions = list(Question.objects.values_list("pk", "texts"))
    assert courses_load_demo() == 0
    assert list(LessonEdition.objects.values_list("pk", "updated_at", "body_hash")) == editions
    assert list(Question.objects.values_list("pk", "texts")) == questions
    assert Course.objects.count() == 1


def test_a_chinese_reader_reads_the_demo_course_in_chinese(client):
    courses_load_demo()
    page = client.get(f"/learn/courses/{SLUG}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "首次参加 ICANN 会议" in text and "会场里都有谁" in text
    lesson = client.get(
        f"/learn/courses/{SLUG}/lessons/who-is-who/", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert "مجموعة أصحاب المصلحة غير التجاريين" in lesson
