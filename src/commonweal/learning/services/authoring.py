"""Writing courses: each service keyword-only, in one transaction.

A lesson's slug is unique in its course (its files are named by it in a course
folder); the services check that, since the database can only hold it per module.
Saving a translation records the source edition's hash at that moment, which is what
makes the translation *current* until the source changes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from commonweal.learning.models import (
    Choice,
    Course,
    Lesson,
    LessonEdition,
    LessonFile,
    Module,
    Question,
    Quiz,
)
from commonweal.learning.services import LearningError
from commonweal.learning.specs import QuestionSpec

# The most a lesson file may weigh; the site's upload limit bounds it too.
MAX_LESSON_FILE_BYTES = 10 * 1024 * 1024


@transaction.atomic
def course_create(
    *, slug: str, title: str, source_language: str, summary: str = "", owner_group=None
) -> Course:
    if Course.objects.filter(slug=slug).exists():
        raise LearningError(_("A course with that short name exists already."))
    return Course.objects.create(
        slug=slug,
        titles={source_language: title},
        summaries={source_language: summary} if summary else {},
        source_language=source_language,
        owner_group=owner_group,
    )


@transaction.atomic
def course_update(
    *, course: Course, language: str, title: str, summary: str, prerequisites
) -> Course:
    """The title and summary in ``language``, and the courses to take first."""
    course.titles = {**course.titles, language: title}
    course.summaries = {**course.summaries, language: summary}
    course.save(update_fields=["titles", "summaries"])
    course.prerequisites.set([other for other in prerequisites if other.pk != course.pk])
    return course


def _next_position(rows) -> int:
    return (rows.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def module_save(*, course: Course, slug: str, language: str, title: str, module=None) -> Module:
    """A new module at the end of the course, or ``module`` retitled in ``language``."""
    if module is None:
        if course.modules.filter(slug=slug).exists():
            raise LearningError(_("This course has a module with that short name already."))
        module = Module(course=course, slug=slug, position=_next_position(course.modules))
    module.titles = {**module.titles, language: title}
    module.save()
    return module


@transaction.atomic
def lesson_create(*, module: Module, slug: str, title: str, body: str) -> Lesson:
    """A new lesson at the end of the module, with its source edition."""
    if Lesson.objects.filter(module__course=module.course_id, slug=slug).exists():
        raise LearningError(_("This course has a lesson with that short name already."))
    lesson = Lesson.objects.create(
        module=module, slug=slug, position=_next_position(module.lessons)
    )
    LessonEdition.objects.create(
        lesson=lesson, language=module.course.source_language, title=title, body=body
    )
    return lesson


def source_edition(lesson: Lesson) -> LessonEdition | None:
    return lesson.editions.filter(language=lesson.module.course.source_language).first()


@transaction.atomic
def edition_save(*, lesson: Lesson, language: str, title: str, body: str) -> LessonEdition:
    """Write the lesson in ``language``; a translation is current with today's source."""
    edition = lesson.editions.filter(language=language).first() or LessonEdition(
        lesson=lesson, language=language
    )
    edition.title, edition.body = title, body.replace("\r\n", "\n")
    source = source_edition(lesson)
    if language != lesson.module.course.source_language and source is not None:
        edition.source_hash = source.body_hash
    edition.save()
    return edition


@transaction.atomic
def lesson_file_add(*, lesson: Lesson, upload: UploadedFile) -> LessonFile:
    limit = min(MAX_LESSON_FILE_BYTES, settings.MAX_UPLOAD_BYTES)
    if upload.size > limit:
        raise LearningError(
            _("A lesson file may weigh %(limit)d MB at most.") % {"limit": limit // 1024 // 1024}
        )
    name = upload.name.rsplit("/", 1)[-1].strip()[:120]
    if not name or lesson.files.filter(name=name).exists():
        raise LearningError(_("This lesson has a file of that name already."))
    return LessonFile.objects.create(lesson=lesson, name=name, file=upload, size=upload.size)


@transaction.atomic
def quiz_save(
    *,
    module: Module,
    slug: str,
    titles: dict[str, str],
    pass_percent: int,
    questions: list[QuestionSpec],
) -> Quiz:
    """The module's quiz, its questions replaced by ``questions`` (attempts keep their
    answers and scores)."""
    quiz, _created = Quiz.objects.update_or_create(
        module=module, defaults={"slug": slug, "titles": titles, "pass_percent": pass_percent}
    )
    quiz.questions.all().delete()
    for position, spec in enumerate(questions, start=1):
        question = Question.objects.create(
            quiz=quiz, position=position, kind=spec.kind, texts=spec.texts
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=index, texts=choice.texts, correct=choice.correct)
            for index, choice in enumerate(spec.choices, start=1)
        )
    return quiz
