"""A small course in English with a Chinese edition and a quiz, for the learning tests."""

from __future__ import annotations

import pytest

from commonweal.learning.specs import (
    ChoiceSpec,
    CourseSpec,
    EditionSpec,
    LessonSpec,
    ModuleSpec,
    QuestionSpec,
    QuizSpec,
)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Lesson files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def newcomers_spec(owner: str = "") -> CourseSpec:
    single = QuestionSpec(
        "single",
        {"en": "What does NCSG stand for?", "zh-hans": "NCSG 是什么的缩写？"},
        [
            ChoiceSpec(
                {"en": "Non-Commercial Stakeholders Group", "zh-hans": "非商业利益相关方团体"}, True
            ),
            ChoiceSpec({"en": "National Cyber Security Group", "zh-hans": "国家网络安全组"}),
        ],
    )
    lesson = LessonSpec(
        "acronyms",
        {
            "en": EditionSpec("The acronyms", "NCSG is the Non-Commercial Stakeholders Group.\n"),
            "zh-hans": EditionSpec("缩略语", "NCSG 是非商业利益相关方团体。\n"),
        },
    )
    module = ModuleSpec(
        "basics",
        {"en": "The basics", "zh-hans": "基础"},
        [lesson],
        QuizSpec("check", {"en": "Check", "zh-hans": "测验"}, 100, [single]),
    )
    return CourseSpec(
        slug="newcomers",
        source_language="en",
        titles={"en": "Welcome to the community", "zh-hans": "欢迎加入社区"},
        owner=owner,
        modules=[module],
    )


@pytest.fixture
def newcomers(db):
    from commonweal.learning.services.importing import courses_import

    return courses_import(courses=[newcomers_spec()])[0]


@pytest.fixture
def ncsg_course(role_users):
    """The same course, owned by the NCSG (which the coordinator chairs)."""
    from commonweal.learning.services.importing import courses_import

    spec = newcomers_spec(owner="ncsg")
    spec.slug = "ncsg-primer"
    return courses_import(courses=[spec])[0]
