"""What the learning center's views share: finding a course or lesson, or 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from commonweal.learning import selectors
from commonweal.learning.models import Course, Lesson, QuizAttempt


def course_or_404(request, slug: str, **_kwargs) -> Course:
    course = selectors.course_access(slug)
    if course is None:
        raise Http404
    return course


def lesson_or_404(course: Course, slug: str) -> Lesson:
    lesson = selectors.lesson_access(course, slug)
    if lesson is None:
        raise Http404
    return lesson


def attempt_or_404(request, pk: int, **_kwargs) -> QuizAttempt:
    return get_object_or_404(
        QuizAttempt.objects.select_related("quiz__module__course", "enrolment__user__person"),
        pk=pk,
    )


def attempt_course(request, pk: int, **_kwargs) -> Course:
    return attempt_or_404(request, pk).quiz.module.course


def can_author(user, course: Course) -> bool:
    return user.is_authenticated and user.has_perm("learning.author_course", course)
