"""A whole set of courses written from their plain-data shape, all or nothing.

Courses are matched by slug, modules and lessons by slug within the course, editions
by language: what the import names is updated in place, so learners keep their
progress on lessons that stay; what it no longer names is removed. A quiz's questions
are replaced (past attempts keep their answers and scores).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from commonweal.community.models import StakeholderGroup
from commonweal.learning.folder import CourseFolderError
from commonweal.learning.models import (
    Course,
    Lesson,
    LessonEdition,
    LessonFile,
    Module,
    Quiz,
    body_hash,
)
from commonweal.learning.services.authoring import quiz_save
from commonweal.learning.specs import CourseSpec, LessonSpec, ModuleSpec


def _owners(courses: list[CourseSpec], problems: list[str]) -> dict[str, StakeholderGroup]:
    wanted = {course.owner for course in courses if course.owner}
    groups = {group.slug: group for group in StakeholderGroup.objects.filter(slug__in=wanted)}
    for course in courses:
        if course.owner and course.owner not in groups:
            at = course.lines.get("owner", course.slug)
            problems.append(f"{at}: owner: no group {course.owner!r} in the community")
    return groups


def _check_prerequisites(courses: list[CourseSpec], problems: list[str]) -> None:
    named = {course.slug for course in courses}
    wanted = {slug for course in courses for slug in course.prerequisites}
    known = named | set(Course.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    for course in courses:
        for slug in course.prerequisites:
            if slug not in known or slug == course.slug:
                at = course.lines.get("prerequisites", course.slug)
                problems.append(f"{at}: prerequisites: no other course {slug!r}")


@transaction.atomic
def courses_import(*, courses: list[CourseSpec]) -> list[Course]:
    """Write every course, or none: CourseFolderError lists what the database refuses."""
    problems: list[str] = []
    groups = _owners(courses, problems)
    _check_prerequisites(courses, problems)
    if problems:
        raise CourseFolderError(problems)
    written = [_course_write(spec, groups.get(spec.owner)) for spec in courses]
    by_slug = {course.slug: course for course in Course.objects.all()}
    for spec, course in zip(courses, written, strict=True):
        course.prerequisites.set([by_slug[slug] for slug in spec.prerequisites])
    return written


def _course_write(spec: CourseSpec, owner: StakeholderGroup | None) -> Course:
    course, _created = Course.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "titles": spec.titles,
            "summaries": spec.summaries,
            "source_language": spec.source_language,
            "owner_group": owner,
        },
    )
    lessons = {lesson.slug: lesson for lesson in Lesson.objects.filter(module__course=course)}
    kept_modules, kept_lessons = [], []
    for position, module_spec in enumerate(spec.modules, start=1):
        module = _module_write(course, module_spec, position)
        kept_modules.append(module.pk)
        for index, lesson_spec in enumerate(module_spec.lessons, start=1):
            lesson = _lesson_write(module, lesson_spec, index, lessons.get(lesson_spec.slug))
            kept_lessons.append(lesson.pk)
    Lesson.objects.filter(module__course=course).exclude(pk__in=kept_lessons).delete()
    course.modules.exclude(pk__in=kept_modules).delete()
    return course


def _module_write(course: Course, spec: ModuleSpec, position: int) -> Module:
    module, _created = Module.objects.update_or_create(
        course=course, slug=spec.slug, defaults={"titles": spec.titles, "position": position}
    )
    if spec.quiz is None:
        Quiz.objects.filter(module=module).delete()
    else:
        quiz_save(
            module=module,
            slug=spec.quiz.slug,
            titles=spec.quiz.titles,
            pass_percent=spec.quiz.pass_percent,
            questions=spec.quiz.questions,
        )
    return module


def _lesson_write(module: Module, spec: LessonSpec, position: int, lesson: Lesson | None):
    if lesson is None:
        lesson = Lesson(slug=spec.slug)
    lesson.module, lesson.position = module, position
    lesson.save()
    source_language = module.course.source_language
    source = spec.editions[source_language]  # the reader refuses a lesson without it
    source_hash = body_hash(source.body)
    for language, edition_spec in spec.editions.items():
        edition = lesson.editions.filter(language=language).first() or LessonEdition(
            lesson=lesson, language=language
        )
        edition.title, edition.body = edition_spec.title, edition_spec.body
        # A translation with no recorded source is taken as written from today's source.
        is_source = language == source_language
        edition.source_hash = "" if is_source else (edition_spec.source_hash or source_hash)
        edition.save()
    lesson.editions.exclude(language__in=list(spec.editions)).delete()
    _files_write(lesson, spec.files)
    return lesson


def _files_write(lesson: Lesson, files: dict[str, bytes]) -> None:
    for stored in lesson.files.all():
        if stored.name not in files or stored.size != len(files[stored.name]):
            stored.file.delete(save=False)
            stored.delete()
    present = set(lesson.files.values_list("name", flat=True))
    for name, content in files.items():
        if name not in present:
            LessonFile.objects.create(
                lesson=lesson, name=name, file=ContentFile(content, name=name), size=len(content)
            )
