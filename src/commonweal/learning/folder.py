"""Course folders: reading one into ``specs`` and writing ``specs`` out as one.

A folder holds ``course.yaml`` (the course, its modules, lessons and quizzes) and one
Markdown file per lesson and language, ``<lesson>.<language>.md``; a lesson's files
lie in ``files/<lesson>/``. The format is in docs/learning.md. Reading is strict
and bounded: every problem is reported as ``FILE:LINE: message`` and nothing is
returned unless the whole folder is sound. The YAML goes through the roster reader's
bounds (depth, values, alias bombs), the one bounded YAML reader of the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from commonweal import rosters
from commonweal.learning.folder_check import LANGUAGE, Problems, texts, whole_number
from commonweal.learning.specs import (
    ChoiceSpec,
    CourseSpec,
    EditionSpec,
    LessonSpec,
    ModuleSpec,
    QuestionSpec,
    QuizSpec,
)

COURSE_FILE = "course.yaml"
MAX_COURSES = 200
MAX_COURSE_YAML_BYTES = 1024 * 1024
MAX_MODULES = 100
MAX_LESSONS = 500  # in one course
MAX_QUESTIONS = 200
MAX_CHOICES = 20
MAX_LESSON_BYTES = 800_000  # one Markdown file; the database holds 200,000 characters
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 50  # for one lesson
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
FILE_NAME = re.compile(r"^[\w][\w.\- ]{0,119}$")
HASH = re.compile(r"^[0-9a-f]{12}$")
KINDS = ("single", "multiple", "free")


class CourseFolderError(Exception):
    """A folder that cannot be imported; ``problems`` holds every "FILE:LINE: message"."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def course_folders(root: Path) -> list[Path]:
    """``root`` itself when it holds a course.yaml, else each folder in it that does."""
    if (root / COURSE_FILE).is_file():
        return [root]
    if not root.is_dir():
        raise CourseFolderError([f"{root}:1: no such folder"])
    found = sorted(path for path in root.iterdir() if (path / COURSE_FILE).is_file())
    if not found:
        raise CourseFolderError([f"{root}:1: no {COURSE_FILE} here nor in a folder inside"])
    if len(found) > MAX_COURSES:
        raise CourseFolderError([f"{root}:1: more than {MAX_COURSES} courses"])
    return found


def read_courses(root: Path) -> list[CourseSpec]:
    """Every course under ``root``, or CourseFolderError with every problem found."""
    problems = Problems()
    courses: list[CourseSpec] = []
    for folder in course_folders(root):
        course = _read_course(folder, problems)
        if course is not None:
            courses.append(course)
    seen: set[str] = set()
    for course in courses:
        if course.slug in seen:
            problems.add(course.lines["slug"], f"course {course.slug!r} appears twice")
        seen.add(course.slug)
    if problems:
        raise CourseFolderError(list(problems))
    return courses


def _load(path: Path, problems: Problems) -> dict | None:
    source = str(path)
    data = path.read_bytes()
    if len(data) > MAX_COURSE_YAML_BYTES:
        problems.add(f"{source}:1", f"larger than {MAX_COURSE_YAML_BYTES // 1024} KB")
        return None
    try:
        text = data.decode("utf-8-sig")
        rosters._check_yaml_shape(text, source)
        document = yaml.load(text, Loader=rosters._LineLoader)  # noqa: S506  (a safe loader)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(f"{source}:{line}", "not UTF-8 text")
        return None
    except rosters.RosterError as error:
        for problem in error.problems:
            problems.add(f"{source}:{problem.split(':', 1)[0]}", problem.split(": ", 1)[-1])
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "not valid YAML"
        problems.add(f"{source}:{mark.line + 1 if mark else 1}", problem)
        return None
    if not isinstance(document, dict):
        problems.add(f"{source}:1", "expected a mapping with slug, title and modules")
        return None
    return document


def _read_course(folder: Path, problems: Problems) -> CourseSpec | None:
    path = folder / COURSE_FILE
    document = _load(path, problems)
    if document is None:
        return None
    at = f"{path}:{document['__line__']}"
    language = str(document.get("source_language") or "")
    if not LANGUAGE.match(language):
        problems.add(at, "source_language must be a language code such as en or zh-hans")
    course = CourseSpec(
        slug=_slug(document.get("slug"), "course slug", at, problems),
        source_language=language,
        titles=texts(document.get("title"), "title", at, problems, language),
        summaries=texts(document.get("summary"), "summary", at, problems, language, False),
        owner=_optional_slug(document.get("owner"), "owner", at, problems),
        prerequisites=[
            _slug(slug, "prerequisite", at, problems)
            for slug in _list(document.get("prerequisites"), "prerequisites", at, problems)
        ],
    )
    course.lines = {"slug": at, "owner": at, "prerequisites": at}
    modules = _list(document.get("modules"), "modules", at, problems, limit=MAX_MODULES)
    course.modules = [_read_module(entry, folder, course, problems, at) for entry in modules]
    _check_unique(course, problems, at)
    _check_stray_files(folder, course, problems)
    return course


def _list(value, what: str, at: str, problems: Problems, *, limit: int = 1000) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(at, f"{what} must be a list")
        return []
    if len(value) > limit:
        problems.add(at, f"more than {limit} {what}")
        return []
    return value


def _slug(value, what: str, at: str, problems: Problems) -> str:
    text = str(value) if isinstance(value, str | int) else ""
    if not SLUG.match(text):
        problems.add(at, f"{what} must be lower-case letters, digits, - or _ (got {value!r})")
    return text


def _optional_slug(value, what: str, at: str, problems: Problems) -> str:
    return "" if value in (None, "") else _slug(value, what, at, problems)


def _where(entry, at: str) -> str:
    return f"{at.rsplit(':', 1)[0]}:{entry['__line__']}" if isinstance(entry, dict) else at


def _read_module(entry, folder: Path, course: CourseSpec, problems: Problems, at: str):
    at = _where(entry, at)
    if not isinstance(entry, dict):
        problems.add(at, "each module must be a mapping with slug, title and lessons")
        return ModuleSpec(slug="", titles={})
    language = course.source_language
    module = ModuleSpec(
        slug=_slug(entry.get("slug"), "module slug", at, problems),
        titles=texts(entry.get("title"), "title", at, problems, language),
    )
    lessons = _list(entry.get("lessons"), "lessons", at, problems, limit=MAX_LESSONS)
    module.lessons = [_read_lesson(item, folder, language, problems, at) for item in lessons]
    if entry.get("quiz") is not None:
        module.quiz = read_quiz(entry["quiz"], language, problems, at)
    return module


def _read_lesson(entry, folder: Path, language: str, problems: Problems, at: str) -> LessonSpec:
    at = _where(entry, at)
    if not isinstance(entry, dict):
        problems.add(at, "each lesson must be a mapping with slug and title")
        return LessonSpec(slug="", editions={})
    slug = _slug(entry.get("slug"), "lesson slug", at, problems)
    titles = texts(entry.get("title"), "title", at, problems, language)
    based_on = texts(entry.get("translated_from"), "translated_from", at, problems, "", False)
    lesson = LessonSpec(slug=slug, editions={})
    for path in sorted(folder.glob(f"{slug}.*.md")) if slug else []:
        code = path.name[len(slug) + 1 : -3]
        if not LANGUAGE.match(code):
            continue  # another lesson's file (a slug with a dot is refused above)
        if code not in titles:
            problems.add(at, f"lesson {slug}: {path.name} has no {code} title")
        source_hash = based_on.get(code, "")
        if source_hash and not HASH.match(source_hash):
            problems.add(at, f"lesson {slug}: translated_from {code} must be 12 hex digits")
        body = _markdown(path, problems)
        lesson.editions[code] = EditionSpec(titles.get(code, ""), body, source_hash)
    if slug and language not in lesson.editions:
        problems.add(at, f"lesson {slug}: {slug}.{language}.md, its source edition, is missing")
    files = _list(entry.get("files"), "files", at, problems, limit=MAX_FILES)
    lesson.files = {str(name): _attachment(folder, slug, name, problems, at) for name in files}
    return lesson


def _markdown(path: Path, problems: Problems) -> str:
    data = path.read_bytes()
    if len(data) > MAX_LESSON_BYTES:
        problems.add(f"{path}:1", f"larger than {MAX_LESSON_BYTES // 1000} KB")
        return ""
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(f"{path}:{line}", "not UTF-8 text")
        return ""


def _attachment(folder: Path, lesson: str, name, problems: Problems, at: str) -> bytes:
    if not isinstance(name, str) or not FILE_NAME.match(name) or ".." in name:
        problems.add(at, f"lesson {lesson}: {name!r} is not a plain file name")
        return b""
    path = folder / "files" / lesson / name
    if not path.is_file():
        problems.add(at, f"lesson {lesson}: files/{lesson}/{name} is missing")
        return b""
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.add(at, f"lesson {lesson}: {name} is larger than 10 MB")
        return b""
    return path.read_bytes()


def read_quiz(entry, language: str, problems: Problems, at: str) -> QuizSpec:
    """A quiz mapping (in course.yaml, or alone on the quiz page's form)."""
    at = _where(entry, at)
    if not isinstance(entry, dict):
        problems.add(at, "quiz must be a mapping with slug, title and questions")
        return QuizSpec(slug="", titles={})
    percent = whole_number(entry.get("pass_percent", 80), "pass_percent", at, problems)
    quiz = QuizSpec(
        slug=_slug(entry.get("slug"), "quiz slug", at, problems),
        titles=texts(entry.get("title"), "title", at, problems, language),
        pass_percent=percent,
    )
    questions = _list(entry.get("questions"), "questions", at, problems, limit=MAX_QUESTIONS)
    quiz.questions = [_read_question(item, language, problems, at) for item in questions]
    if not quiz.questions:
        problems.add(at, f"quiz {quiz.slug}: no questions")
    return quiz


def _read_question(entry, language: str, problems: Problems, at: str) -> QuestionSpec:
    at = _where(entry, at)
    if not isinstance(entry, dict):
        problems.add(at, "each question must be a mapping with kind, text and choices")
        return QuestionSpec(kind="free", texts={})
    kind = str(entry.get("kind") or "")
    if kind not in KINDS:
        problems.add(at, f"kind must be one of {', '.join(KINDS)}")
    question = QuestionSpec(
        kind=kind, texts=texts(entry.get("text"), "text", at, problems, language)
    )
    choices = _list(entry.get("choices"), "choices", at, problems, limit=MAX_CHOICES)
    for choice in choices:
        where = _where(choice, at)
        if not isinstance(choice, dict):
            problems.add(where, "each choice must be a mapping with text and, if right, correct")
            continue
        right = choice.get("correct", False)
        if not isinstance(right, bool):
            problems.add(where, "correct must be true or false")
        correct = right is True
        question.choices.append(
            ChoiceSpec(texts(choice.get("text"), "text", where, problems, language), correct)
        )
    _check_question(question, problems, at)
    return question


def _check_question(question: QuestionSpec, problems: Problems, at: str) -> None:
    right = sum(choice.correct for choice in question.choices)
    if question.kind == "free" and question.choices:
        problems.add(at, "a free-text question has no choices")
    elif question.kind in ("single", "multiple") and len(question.choices) < 2:
        problems.add(at, "a choice question needs two choices or more")
    elif question.kind == "single" and right != 1:
        problems.add(at, "a one-answer question needs exactly one correct choice")
    elif question.kind == "multiple" and right < 1:
        problems.add(at, "a several-answer question needs a correct choice")


def _check_unique(course: CourseSpec, problems: Problems, at: str) -> None:
    modules = [module.slug for module in course.modules]
    lessons = [lesson.slug for module in course.modules for lesson in module.lessons]
    for what, slugs in (("module", modules), ("lesson", lessons)):
        for slug in sorted({slug for slug in slugs if slug and slugs.count(slug) > 1}):
            problems.add(at, f"{what} {slug!r} appears twice in the course")
    if len(lessons) > MAX_LESSONS:
        problems.add(at, f"more than {MAX_LESSONS} lessons")


def _check_stray_files(folder: Path, course: CourseSpec, problems: Problems) -> None:
    """A Markdown file no lesson names is a mistake (a renamed lesson, a typo)."""
    lessons = {lesson.slug for module in course.modules for lesson in module.lessons}
    for path in sorted(folder.glob("*.md")):
        slug = path.name.split(".", 1)[0]
        if path.name.count(".") == 2 and slug not in lessons:
            problems.add(f"{path}:1", f"no lesson {slug!r} in {COURSE_FILE}")
