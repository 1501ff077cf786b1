"""The sample course the learning tests share: English, with a Chinese edition and a quiz."""

from __future__ import annotations

from commonweal.learning.specs import (
    ChoiceSpec,
    CourseSpec,
    EditionSpec,
    LessonSpec,
    ModuleSpec,
    QuestionSpec,
    QuizSpec,
)


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
