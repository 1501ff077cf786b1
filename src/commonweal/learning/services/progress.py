"""A learner's progress: where to resume, lessons done, quiz attempts and their marking,
and the certificate that follows when everything is done.

A course is complete when every lesson is done and every quiz passed; the certificate
is issued by whichever write completes it (a lesson marked done, a quiz passed, a
written answer marked right), once: ``certificate_issue`` is safe to call twice.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.learning.models import (
    Certificate,
    Course,
    Enrolment,
    Lesson,
    LessonDone,
    Question,
    Quiz,
    QuizAttempt,
)
from commonweal.learning.services import LearningError

MAX_WRITTEN_ANSWER = 4000


def _enrolment(user, course: Course) -> Enrolment:
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def lesson_visit(*, user, lesson: Lesson) -> Enrolment:
    """Remember the lesson as where the learner resumes the course."""
    enrolment = _enrolment(user, lesson.module.course)
    if enrolment.resume_lesson_id != lesson.pk:
        enrolment.resume_lesson = lesson
        enrolment.save(update_fields=["resume_lesson"])
    return enrolment


@transaction.atomic
def lesson_done(*, user, lesson: Lesson) -> Certificate | None:
    """Mark the lesson done; the certificate when that completes the course."""
    enrolment = lesson_visit(user=user, lesson=lesson)
    LessonDone.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    return certificate_issue(enrolment=enrolment)


def _chosen(question: Question, answer) -> set[int]:
    if answer is None:
        return set()
    values = answer if isinstance(answer, list) else [answer]
    known = {choice.pk for choice in question.choices.all()}
    chosen = {int(value) for value in values if str(value).isdigit()}
    if not chosen <= known:
        raise LearningError(_("An answer is not one of the question's choices."))
    return chosen


def _clean_answers(quiz: Quiz, answers: dict) -> dict[str, object]:
    cleaned: dict[str, object] = {}
    for question in quiz.questions.prefetch_related("choices"):
        answer = answers.get(question.pk)
        if question.kind == Question.Kind.FREE:
            text = (answer or "").strip() if isinstance(answer, str) else ""
            if len(text) > MAX_WRITTEN_ANSWER:
                raise LearningError(_("A written answer is too long."))
            cleaned[str(question.pk)] = text
            continue
        chosen = _chosen(question, answer)
        if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
            raise LearningError(_("Choose one answer to a one-answer question."))
        cleaned[str(question.pk)] = sorted(chosen)
    return cleaned


def attempt_grade(attempt: QuizAttempt) -> None:
    """Score the attempt: a choice question is right when exactly its correct choices were
    chosen; a written one when its marker said so. No score while one waits for marking."""
    questions = list(attempt.quiz.questions.prefetch_related("choices"))
    right = 0
    for question in questions:
        key = str(question.pk)
        if question.kind == Question.Kind.FREE:
            if key not in attempt.marks:
                attempt.score = attempt.passed = None
                return
            right += bool(attempt.marks[key])
        else:
            correct = sorted(choice.pk for choice in question.choices.all() if choice.correct)
            right += attempt.answers.get(key) == correct
    attempt.score = round(100 * right / len(questions)) if questions else 100
    attempt.passed = attempt.score >= attempt.quiz.pass_percent


@transaction.atomic
def quiz_submit(*, user, quiz: Quiz, answers: dict) -> QuizAttempt:
    """A new attempt; ``answers`` maps a question's id to chosen choice ids or a text."""
    enrolment = _enrolment(user, quiz.module.course)
    attempt = QuizAttempt(enrolment=enrolment, quiz=quiz, answers=_clean_answers(quiz, answers))
    attempt_grade(attempt)
    attempt.save()
    if attempt.passed:
        certificate_issue(enrolment=enrolment)
    return attempt


@transaction.atomic
def attempt_mark(*, attempt: QuizAttempt, by, marks: dict[int, bool]) -> QuizAttempt:
    """A person's verdict on each written answer; the score follows."""
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    attempt.marks = {**attempt.marks, **{str(pk): bool(right) for pk, right in marks.items()}}
    attempt.marked_by, attempt.marked_at = by, timezone.now()
    attempt_grade(attempt)
    attempt.save()
    if attempt.passed:
        certificate_issue(enrolment=attempt.enrolment)
    return attempt


def is_complete(enrolment: Enrolment) -> bool:
    course = enrolment.course
    lessons = set(Lesson.objects.filter(module__course=course).values_list("pk", flat=True))
    done = set(enrolment.done.values_list("lesson_id", flat=True))
    quizzes = set(Quiz.objects.filter(module__course=course).values_list("pk", flat=True))
    passed = set(enrolment.attempts.filter(passed=True).values_list("quiz_id", flat=True))
    return bool(lessons | quizzes) and lessons <= done and quizzes <= passed


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment) -> Certificate | None:
    """The learner's certificate for the course, issued now if the course is complete."""
    existing = Certificate.objects.filter(course=enrolment.course, learner=enrolment.user).first()
    if existing is not None or not is_complete(enrolment):
        return existing
    # A course taken before its prerequisites (a course with no quiz, whose lessons stay
    # open to read) is certified only once they are.
    if enrolment.course.prerequisites.exclude(certificates__learner=enrolment.user).exists():
        return None
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=now)
    return Certificate.objects.create(
        course=enrolment.course, learner=enrolment.user, issued_on=timezone.localdate(now)
    )
