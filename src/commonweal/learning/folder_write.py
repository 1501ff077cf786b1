"""Writing courses out as course folders, in the shape ``folder.read_courses`` reads.

Every text is written as a mapping of language to text and every translation with the
source hash it was written from, so an export read back gives the same courses.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from commonweal.learning.folder import COURSE_FILE
from commonweal.learning.specs import CourseSpec, LessonSpec, ModuleSpec, QuizSpec


def quiz_document(quiz: QuizSpec) -> dict:
    questions = []
    for question in quiz.questions:
        entry: dict = {"kind": question.kind, "text": question.texts}
        if question.choices:
            entry["choices"] = [
                {"text": choice.texts, **({"correct": True} if choice.correct else {})}
                for choice in question.choices
            ]
        questions.append(entry)
    return {
        "slug": quiz.slug,
        "title": quiz.titles,
        "pass_percent": quiz.pass_percent,
        "questions": questions,
    }


def _lesson(lesson: LessonSpec) -> dict:
    entry: dict = {
        "slug": lesson.slug,
        "title": {code: edition.title for code, edition in sorted(lesson.editions.items())},
    }
    based_on = {
        code: edition.source_hash
        for code, edition in sorted(lesson.editions.items())
        if edition.source_hash
    }
    if based_on:
        entry["translated_from"] = based_on
    if lesson.files:
        entry["files"] = sorted(lesson.files)
    return entry


def _module(module: ModuleSpec) -> dict:
    entry: dict = {
        "slug": module.slug,
        "title": module.titles,
        "lessons": [_lesson(lesson) for lesson in module.lessons],
    }
    if module.quiz is not None:
        entry["quiz"] = quiz_document(module.quiz)
    return entry


def course_document(course: CourseSpec) -> dict:
    document: dict = {
        "slug": course.slug,
        "source_language": course.source_language,
        "title": course.titles,
    }
    if course.summaries:
        document["summary"] = course.summaries
    if course.owner:
        document["owner"] = course.owner
    if course.prerequisites:
        document["prerequisites"] = course.prerequisites
    document["modules"] = [_module(module) for module in course.modules]
    return document


def write_course(course: CourseSpec, folder: Path) -> None:
    """``folder`` (created if need be) holding the course; files there already are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(course_document(course), allow_unicode=True, sort_keys=False, width=100)
    (folder / COURSE_FILE).write_text(text, encoding="utf-8")
    for module in course.modules:
        for lesson in module.lessons:
            for code, edition in lesson.editions.items():
                (folder / f"{lesson.slug}.{code}.md").write_text(edition.body, encoding="utf-8")
            for name, content in lesson.files.items():
                (folder / "files" / lesson.slug).mkdir(parents=True, exist_ok=True)
                (folder / "files" / lesson.slug / name).write_bytes(content)


def write_courses(courses: list[CourseSpec], root: Path) -> None:
    for course in courses:
        write_course(course, root / course.slug)
