"""A course as plain data: what a course folder holds and what the database holds, in one
shape, so that reading a folder, writing one, importing and exporting all meet here.

Texts that exist in several languages are ``dict[str, str]`` (language code → text).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ChoiceSpec:
    texts: dict[str, str]
    correct: bool = False


@dataclass
class QuestionSpec:
    kind: str  # single, multiple or free
    texts: dict[str, str]
    choices: list[ChoiceSpec] = field(default_factory=list)


@dataclass
class QuizSpec:
    slug: str
    titles: dict[str, str]
    pass_percent: int = 80
    questions: list[QuestionSpec] = field(default_factory=list)


@dataclass
class EditionSpec:
    title: str
    body: str
    # The source edition's hash this translation was written from; "" on the source
    # edition and on a translation taken as current.
    source_hash: str = ""


@dataclass
class LessonSpec:
    slug: str
    editions: dict[str, EditionSpec]  # language → edition
    files: dict[str, bytes] = field(default_factory=dict)  # name → content


@dataclass
class ModuleSpec:
    slug: str
    titles: dict[str, str]
    lessons: list[LessonSpec] = field(default_factory=list)
    quiz: QuizSpec | None = None


@dataclass
class CourseSpec:
    slug: str
    source_language: str
    titles: dict[str, str]
    summaries: dict[str, str] = field(default_factory=dict)
    owner: str = ""  # the owning group's slug; "" for the secretariat
    prerequisites: list[str] = field(default_factory=list)  # course slugs
    modules: list[ModuleSpec] = field(default_factory=list)
    # Where each key was read ("FILE:LINE"), for problems found only against the database.
    lines: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
