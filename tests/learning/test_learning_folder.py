"""Course folders: line-numbered errors, all or nothing, and export then import round-trips."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonweal.learning.folder import CourseFolderError, read_courses
from commonweal.learning.folder_write import write_course, write_courses
from commonweal.learning.models import Course
from commonweal.learning.specs import (
    ChoiceSpec,
    CourseSpec,
    EditionSpec,
    LessonSpec,
    ModuleSpec,
    QuestionSpec,
    QuizSpec,
)
from tests.learning.sample import newcomers_spec

COURSE_YAML = """\
slug: newcomers
source_language: en
title: Welcome
modules:
  - slug: basics
    title: The basics
    lessons:
      - slug: acronyms
        title: {en: The acronyms, zh-hans: 缩略语}
    quiz:
      slug: check
      title: Check
      questions:
        - kind: single
          text: Which one?
          choices:
            - text: This one
            - text: That one
"""


def _folder(tmp_path: Path, yaml_text: str = COURSE_YAML, **lessons: str) -> Path:
    folder = tmp_path / "courses" / "newcomers"
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(yaml_text, encoding="utf-8")
    for name, body in (lessons or {"acronyms.en.md": "Text.\n"}).items():
        (folder / name).write_text(body, encoding="utf-8")
    return tmp_path / "courses"


def _problems(root: Path) -> list[str]:
    with pytest.raises(CourseFolderError) as caught:
        read_courses(root)
    return caught.value.problems


def test_a_single_answer_question_without_a_right_answer_is_reported_at_its_line(tmp_path):
    problems = _problems(_folder(tmp_path))
    assert problems == [
        f"{tmp_path}/courses/newcomers/course.yaml:14: "
        "a one-answer question needs exactly one correct choice"
    ]


def test_a_missing_source_edition_and_a_stray_file_are_each_reported(tmp_path):
    root = _folder(
        tmp_path,
        COURSE_YAML.replace("- text: This one", "- {text: This one, correct: true}"),
        **{"acronym.en.md": "typo\n", "acronyms.zh-hans.md": "文字\n"},
    )
    problems = _problems(root)
    assert any(
        p.endswith("course.yaml:8: lesson acronyms: acronyms.en.md, its source edition, is missing")
        for p in problems
    )
    assert any(p.endswith("acronym.en.md:1: no lesson 'acronym' in course.yaml") for p in problems)


def test_broken_yaml_names_its_line(tmp_path):
    problems = _problems(_folder(tmp_path, "slug: x\ntitle: [unclosed\nmodules: []\n"))
    assert len(problems) == 1
    assert re.search(r"course\.yaml:[23]: ", problems[0]), problems


def test_an_alias_bomb_is_refused_before_it_is_built(tmp_path):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    problems = _problems(_folder(tmp_path, bomb))
    assert "may stand for one value" in problems[0]


def test_the_command_exits_2_and_imports_nothing_when_one_course_is_bad(tmp_path, db, capsys):
    root = _folder(tmp_path)  # its quiz has no right answer
    write_course(newcomers_spec(), root / "good")
    (root / "good" / "course.yaml").write_text(
        (root / "good" / "course.yaml").read_text().replace("slug: newcomers", "slug: good", 1)
    )
    with pytest.raises(SystemExit) as exit_:
        call_command("courses", "import", str(root))
    assert exit_.value.code == 2
    assert "course.yaml:14: a one-answer question" in capsys.readouterr().err
    assert not Course.objects.exists()


def test_an_unknown_owner_group_is_reported_with_the_file_and_nothing_is_written(tmp_path, db):
    root = tmp_path / "courses"
    write_course(newcomers_spec(owner="nobody"), root / "newcomers")
    with pytest.raises(SystemExit):
        call_command("courses", "import", str(root))
    assert not Course.objects.exists()


def test_export_then_import_gives_the_same_folder(tmp_path, newcomers):
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("courses", "export", str(first))
    call_command("courses", "import", str(first))
    call_command("courses", "export", str(second))
    assert sorted(p.relative_to(first) for p in first.rglob("*")) == sorted(
        p.relative_to(second) for p in second.rglob("*")
    )
    for path in first.rglob("*.*"):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()


_slugs = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
_texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
)
_languages = st.sampled_from(["en", "zh-hans", "ar", "fr"])


@st.composite
def _question(draw):
    kind = draw(st.sampled_from(["single", "multiple", "free"]))
    if kind == "free":
        return QuestionSpec(kind, {"en": draw(_texts)})
    count = draw(st.integers(2, 4))
    right = draw(st.integers(0, count - 1))
    choices = [ChoiceSpec({"en": draw(_texts)}, index == right) for index in range(count)]
    return QuestionSpec(kind, {"en": draw(_texts)}, choices)


@st.composite
def _course(draw):
    lesson_slugs = draw(st.lists(_slugs, min_size=1, max_size=4, unique=True))
    modules = []
    for index, slug in enumerate(lesson_slugs):
        languages = {"en"} | set(draw(st.lists(_languages, max_size=2)))
        editions = {
            code: EditionSpec(
                draw(_texts), draw(st.text(max_size=200).map(lambda t: t.replace("\r", ""))), ""
            )
            for code in sorted(languages)
        }
        quiz = None
        if draw(st.booleans()):
            quiz = QuizSpec(
                draw(_slugs),
                {"en": draw(_texts)},
                draw(st.integers(0, 100)),
                draw(st.lists(_question(), min_size=1, max_size=3)),
            )
        modules.append(
            ModuleSpec(f"m{index}", {"en": draw(_texts)}, [LessonSpec(slug, editions)], quiz)
        )
    return CourseSpec(
        draw(_slugs), "en", {"en": draw(_texts)}, {"fr": draw(_texts)}, modules=modules
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(course=_course())
def test_any_course_written_as_a_folder_reads_back_the_same(tmp_path_factory, course):
    root = tmp_path_factory.mktemp("round")
    write_courses([course], root)
    assert read_courses(root) == [course]
