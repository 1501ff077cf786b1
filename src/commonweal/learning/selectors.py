"""Reads for the learning center's pages, panels and export."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from commonweal.learning.models import (
    Certificate,
    Course,
    EditionStatus,
    Enrolment,
    Lesson,
    LessonEdition,
    Module,
    QuizAttempt,
)
from commonweal.learning.specs import (
    ChoiceSpec,
    CourseSpec,
    EditionSpec,
    LessonSpec,
    ModuleSpec,
    QuestionSpec,
    QuizSpec,
)


def courses():
    return Course.objects.select_related("owner_group").order_by("slug")


def course_access(slug: str) -> Course | None:
    return courses().filter(slug=slug).first()


def course_modules(course: Course) -> list[Module]:
    """The course's modules with their lessons, editions and quiz, in order."""
    lessons = Lesson.objects.order_by("position", "pk").prefetch_related("editions", "files")
    return list(
        course.modules.order_by("position", "pk")
        .select_related("quiz")
        .prefetch_related(Prefetch("lessons", queryset=lessons))
    )


def lesson_access(course: Course, slug: str) -> Lesson | None:
    return (
        Lesson.objects.select_related("module__course")
        .prefetch_related("editions", "files")
        .filter(module__course=course, slug=slug)
        .first()
    )


@dataclass
class Reading:
    """The edition a reader gets and what to tell them about it."""

    edition: LessonEdition | None
    status: str  # an EditionStatus: source, current, outdated, or missing (the fallback shown)
    source: LessonEdition | None


def edition_for(lesson: Lesson, language: str) -> Reading:
    """The edition in ``language``; else the source edition, with the status "missing"."""
    editions = {edition.language: edition for edition in lesson.editions.all()}
    source = editions.get(lesson.module.course.source_language)
    edition = editions.get(language)
    if edition is None:
        return Reading(source, EditionStatus.MISSING, source)
    return Reading(edition, edition.status_against(source), source)


def edition_statuses(lesson: Lesson, languages: list[str]) -> dict[str, str]:
    """Each language's status for this lesson, for authors."""
    editions = {edition.language: edition for edition in lesson.editions.all()}
    source = editions.get(lesson.module.course.source_language)
    return {
        code: editions[code].status_against(source) if code in editions else EditionStatus.MISSING
        for code in languages
    }


def enrolment_of(user, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, course=course).select_related("resume_lesson").first()
    )


def progress(enrolment: Enrolment | None) -> tuple[set[int], set[int]]:
    """The lessons done and the quizzes passed."""
    if enrolment is None:
        return set(), set()
    done = set(enrolment.done.values_list("lesson_id", flat=True))
    passed = set(enrolment.attempts.filter(passed=True).values_list("quiz_id", flat=True))
    return done, passed


def completed_courses(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(Certificate.objects.filter(learner=user).values_list("course_id", flat=True))


def next_lesson(lesson: Lesson) -> Lesson | None:
    ordered = list(
        Lesson.objects.filter(module__course=lesson.module.course_id).order_by(
            "module__position", "module__pk", "position", "pk"
        )
    )
    index = next(i for i, other in enumerate(ordered) if other.pk == lesson.pk)
    return ordered[index + 1] if index + 1 < len(ordered) else None


def attempts_waiting(course: Course):
    """Attempts with a written answer no one has marked yet, oldest first."""
    return (
        QuizAttempt.objects.filter(quiz__module__course=course, score__isnull=True)
        .select_related("quiz", "enrolment__user__person")
        .order_by("submitted_at", "pk")
    )


def certificates_of(user):
    return Certificate.objects.filter(learner=user).select_related("course")


def enrolments_of(user):
    return Enrolment.objects.filter(user=user).select_related("course", "resume_lesson")


def course_spec(course: Course) -> CourseSpec:
    """The course in the plain shape a course folder is written from."""
    spec = CourseSpec(
        slug=course.slug,
        source_language=course.source_language,
        titles=dict(course.titles),
        summaries=dict(course.summaries),
        owner=course.owner_group.slug if course.owner_group_id else "",
        prerequisites=sorted(course.prerequisites.values_list("slug", flat=True)),
    )
    for module in course_modules(course):
        module_spec = ModuleSpec(slug=module.slug, titles=dict(module.titles))
        for lesson in module.lessons.all():
            module_spec.lessons.append(_lesson_spec(lesson))
        quiz = getattr(module, "quiz", None)
        if quiz is not None:
            module_spec.quiz = QuizSpec(quiz.slug, dict(quiz.titles), quiz.pass_percent)
            for question in quiz.questions.prefetch_related("choices"):
                choices = [ChoiceSpec(dict(c.texts), c.correct) for c in question.choices.all()]
                module_spec.quiz.questions.append(
                    QuestionSpec(question.kind, dict(question.texts), choices)
                )
        spec.modules.append(module_spec)
    return spec


def _lesson_spec(lesson: Lesson) -> LessonSpec:
    editions = {
        edition.language: EditionSpec(edition.title, edition.body, edition.source_hash)
        for edition in lesson.editions.all()
    }
    files = {}
    for stored in lesson.files.all():
        with stored.file.open("rb") as handle:
            files[stored.name] = handle.read()
    return LessonSpec(slug=lesson.slug, editions=editions, files=files)
