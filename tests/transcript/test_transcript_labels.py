"""Every speaker-label form of the Kobe transcript and the English editions, on small samples."""

from commonweal.transcript import parse_text
from commonweal.transcript.labels import looks_like_name
from commonweal.transcript.model import VOICE


def speakers_and_texts(text: str) -> list[tuple[str, str | None, str]]:
    return [(t.label, t.cue, t.text) for t in parse_text(text).document.turns]


def test_a_name_alone_on_a_line_labels_the_next_turn_through_its_latin_cue():
    text = "马修·希尔斯\n\n(MATTHEW SHEARS): 大家上午好。\n\n今天的会议。\n"
    assert speakers_and_texts(text) == [
        ("马修·希尔斯", "MATTHEW SHEARS", "大家上午好。\n今天的会议。")
    ]


def test_a_name_and_its_latin_cue_on_one_line_label_the_turn():
    assert speakers_and_texts("马跃然 (GORAN MARBY): 我是马跃然。") == [
        ("马跃然", "GORAN MARBY", "我是马跃然。")
    ]


def test_ascii_and_full_width_colons_both_end_a_label():
    text = "马修·希尔斯: 谢谢。\n艾芙丽·多利亚： 好的。\n"
    assert [s for s, _, _ in speakers_and_texts(text)] == ["马修·希尔斯", "艾芙丽·多利亚"]


def test_a_label_alone_on_its_line_takes_the_paragraphs_after_it():
    text = "马修·希尔斯:\n\n谢谢丝黛芬妮。\n\n下面我把时间交给麦里克。\n\n麦里克·凯奥：\n\n很好。\n"
    assert speakers_and_texts(text) == [
        ("马修·希尔斯", None, "谢谢丝黛芬妮。\n下面我把时间交给麦里克。"),
        ("麦里克·凯奥", None, "很好。"),
    ]


def test_labels_padded_into_columns_keep_the_speech_after_the_spaces():
    text = "马修·希尔斯：                    谢谢跃然。我记下了。\n"
    assert speakers_and_texts(text) == [("马修·希尔斯", None, "谢谢跃然。我记下了。")]


def test_a_voice_marker_alone_is_an_unidentified_speaker_and_keeps_its_speech():
    text = "马跃然： 我不会唱歌。\n\n>> 跳舞？\n\n>> 克里斯·狄思潘： 他是正确的人选。\n"
    assert speakers_and_texts(text) == [
        ("马跃然", None, "我不会唱歌。"),
        (VOICE, None, "跳舞？"),
        ("克里斯·狄思潘", None, "他是正确的人选。"),
    ]


def test_english_labels_in_capitals_title_case_and_unidentified():
    text = (
        "MATTHEW SHEARS:  Good morning, everyone.\n\n"
        "Matthew Shears: Let us start.\n\n"
        "UNIDENTIFIED MALE: Can you hear me?\n"
    )
    assert [s for s, _, _ in speakers_and_texts(text)] == [
        "MATTHEW SHEARS",
        "Matthew Shears",
        "UNIDENTIFIED MALE",
    ]


def test_a_sentence_with_a_colon_is_speech_not_a_label():
    text = (
        "MATTHEW SHEARS: Two points.\n\n"
        "Here is the first point: we agree.\n\n"
        "Note: this matters.\n\n"
        "我的问题是：框架是什么？\n\n"
        "我认为：可以。\n"
    )
    turns = speakers_and_texts(text)
    assert len(turns) == 1
    assert "Here is the first point: we agree." in turns[0][2]
    assert "我认为：可以。" in turns[0][2]


def test_the_label_shape_test_accepts_names_and_refuses_sentences():
    for name in ("马修·希尔斯", "马跃然", "GORAN MARBY", "The Chair (Hon. Jane Doe)", "Speaker 2"):
        assert looks_like_name(name), name
    for sentence in ("我们开始吧", "Here is the point", "2019 年 3 月 12 日", "Note", "好的，谢谢"):
        assert not looks_like_name(sentence), sentence


def test_speech_before_the_first_label_is_kept_as_an_unidentified_turn():
    text = "Good morning, this is an unlabelled opening sentence.\n\nMATTHEW SHEARS: Welcome.\n"
    turns = speakers_and_texts(text)
    assert turns[0] == (VOICE, None, "Good morning, this is an unlabelled opening sentence.")
    assert turns[1][0] == "MATTHEW SHEARS"


def test_markdown_bold_labels_and_heading_title_are_layout():
    document = parse_text(
        "# Board meeting\n\n**MATTHEW SHEARS:** Welcome.\n\n**AVRI DORIA:** Thanks.\n"
    ).document
    assert document.header.title == "Board meeting"
    assert [(t.label, t.text) for t in document.turns] == [
        ("MATTHEW SHEARS", "Welcome."),
        ("AVRI DORIA", "Thanks."),
    ]
