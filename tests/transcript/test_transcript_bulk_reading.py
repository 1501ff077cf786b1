"""Reading speech in bulk gives what reading every paragraph on its own gives.

The text reader reads alone only the lines that could be more than speech (labels,
voices, markdown, two-line labels, furniture, the disclaimer) and takes the speech
between them in bulk. Generated transcripts mixing every such line, in every case and
with odd whitespace, are read both ways and must give the same turns, annotations and
preamble, to the character.
"""

from __future__ import annotations

import gc
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal.transcript import parse_text
from commonweal.transcript.annotations import lift_annotations
from commonweal.transcript.languages import END_MARKERS
from commonweal.transcript.linescan import _END_STARTS
from commonweal.transcript.textparse import _read_turns

LABELS = [
    "MATTHEW SHEARS:",
    "Matthew Shears：",
    "马修·希尔斯：",
    "马跃然 (GORAN MARBY):",
    "The Chair (Hon. Jane Doe):",
    "UNIDENTIFIED MALE:",
    "Speaker 2:",
    "Note:",
    "我认为：",
    ">>",
    ">> 克里斯·狄思潘：",
    "**MATTHEW SHEARS:**",
    "**Avri Doria**:",
    "**(MATTHEW SHEARS):**",
    "# (AVRI DORIA):",
    "(MATTHEW SHEARS):",
    "（AVRI DORIA）：",
    "丝黛芬妮·裴琳",
    "AVRI DORIA",
    "Иван Петров:",
    "John Smith:",
]
SPEECH = [
    "We will come back to the community.",
    "I suggest a list?",
    "Let us move to the next topic.",
    "Topic 2 is the budget.",
    "我们将吸纳一切好点子并以此推动工作。",
    "谢谢，谢林（原文如此）。",
    "丝黛芬妮 (Stephanie) 说得对",
    "Thank you, Cherine (sic). [laughter]",
    "(inaudible 10:32) and then",
    "[laughter][applause]",
    "(Stephanie [laughter])",
    "(sic [x])",
    "so we —",
    "trailing words that run on and",
    "中文句子没有结束",
    "hi",
]
FURNITURE = [
    "This is a transcript of an audio file.",
    "THIS IS A TRANSCRIPT OF AN AUDIO FILE",
    "*注：本文是一份由音频文件转录而成的 Word/文本文档。*",
    "So, this is a transcript of an audio file, he said",
    "---",
    "— — —",
    "=" * 150,
    "Page 3 of 10",
    "page" + " " * 130 + "3",
    "第 3 页",
    "12",
    "１２",
    "[END OF TRANSCRIPTION]",
    "End of transcript.",
    "*会议结束*",
    "Fin de la transcription",
    "E",
    "#",
    "# Heading",
    "**",
    ">",
    "(",
    "x" * 95 + ": y",
    "a" * 89 + ": b",
    "Tuesday, March 12, 2019 – 08:30 to 09:30 JST",
    "*Note: This is a transcript of an audio file, wrapped\nover three lines\nand closed.*",
    "*This is a transcript of an audio file\nMATTHEW SHEARS: never closed",
    "_Это расшифровка аудиофайла\nпо строкам_",
]
SPACES = ["", " ", "\t", "\u3000", "\xa0", "  \u2028"]


NAMES = ["丝黛芬妮·裴琳", "AVRI DORIA", "Avri Doria", "马跃然", "我认为"]
CUES = ["(MATTHEW SHEARS): ", "（AVRI DORIA）：", "(GORAN MARBY)      :", "**(AVRI DORIA):** "]


@st.composite
def line(draw) -> str:
    kind = draw(st.sampled_from(["label", "speech", "furniture", "text", "two lines"]))
    if kind == "two lines":  # a name alone, then "(LATIN NAME):", perhaps not right after
        between = draw(st.sampled_from(["\n", "\n\n", "\n---\n", "\nPage 2\n", "\nx\n"]))
        body = draw(st.sampled_from(NAMES)) + between + draw(st.sampled_from(CUES))
        body += draw(st.sampled_from(["", *SPEECH]))
    elif kind == "label":
        body = draw(st.sampled_from(LABELS)) + draw(st.sampled_from(["", " ", "    "]))
        body += draw(st.sampled_from(["", *SPEECH]))
    elif kind == "speech":
        body = " ".join(draw(st.lists(st.sampled_from(SPEECH), min_size=1, max_size=3)))
    elif kind == "furniture":
        body = draw(st.sampled_from(FURNITURE))
    else:
        body = draw(st.text(alphabet="ab :：(（)）[]#*>-—.\n", max_size=20))
    return draw(st.sampled_from(SPACES)) + body + draw(st.sampled_from(SPACES))


transcripts = st.lists(
    st.tuples(line(), st.sampled_from(["\n", "\n\n", "\n \n", "\r\n"])), max_size=40
).map(lambda lines: "".join(text + end for text, end in lines))


def both_ways(text: str):
    readings = []
    for bulk in (True, False):
        preamble, turns = _read_turns(text, {}, bulk=bulk)
        readings.append((preamble, list(turns)))
    return readings


@settings(max_examples=400, deadline=None)
@given(transcripts)
def test_bulk_reading_gives_what_reading_paragraph_by_paragraph_gives(text):
    in_bulk, one_by_one = both_ways(text)
    assert in_bulk == one_by_one


SHORT_LINES = [
    "John Smith: hi",
    "John Smith: hi —",
    "Ann Lee: (sic) x",
    "Ann Lee:",
    "马跃然 (GORAN MARBY): 好",
    "******A:**",
    "**A:**",
    "A:",
    "some speech",
    "",
    "---",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SHORT_LINES), max_size=300))
def test_runs_of_short_label_lines_are_the_turns_they_always_were(lines):
    text = "A B: start\n" + "\n\n".join(lines) + "\n"
    in_bulk, one_by_one = both_ways(text)
    assert in_bulk == one_by_one


def test_a_line_of_markdown_marks_alone_is_no_paragraph():
    # It once became an empty paragraph, and reading it raised IndexError.
    result = parse_text("MATTHEW SHEARS: Hi.\n\n#\n\nMore.\n\n###\n")
    assert [turn.text for turn in result.turns] == ["Hi.\nMore."]


def test_every_character_that_lowers_to_an_end_markers_first_letter_is_looked_at():
    firsts = {marker[0] for marker in END_MARKERS}
    lowering_to_one = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and chr(code).lower()[:1] in firsts
    }
    assert lowering_to_one <= set(_END_STARTS)


def test_a_disclaimer_line_in_any_case_is_furniture_however_it_is_read():
    text = "A B: One.\n\nthis IS a Transcript of an AUDIO file\n\nStill A B.\n"
    in_bulk, one_by_one = both_ways(text)
    assert in_bulk == one_by_one
    assert [turn.text for turn in in_bulk[1]] == ["One.\nStill A B."]


def test_a_disclaimer_in_italics_wrapped_over_lines_is_furniture_up_to_its_closing_mark():
    text = (
        "A B: One.\n\n*Note: This is a transcript of an audio file. Although\n"
        "in some cases it may be incomplete\nor inaccurate.*\nStill A B.\n"
    )
    in_bulk, one_by_one = both_ways(text)
    assert in_bulk == one_by_one
    assert [turn.text for turn in in_bulk[1]] == ["One.\nStill A B."]


def test_a_wrapped_disclaimer_whose_italics_never_close_takes_only_its_own_line():
    # A blank line, or a label, ends the run before a closing mark is found: what comes
    # after the disclaimer's line is speech, or a turn, as before.
    for after, expected in (
        ("\n\nrest of the page*", [("A B", "One.\nrest of the page*")]),
        ("\nC D: Hello.*", [("A B", "One."), ("C D", "Hello.*")]),
    ):
        text = "A B: One.\n\n*This is a transcript of an audio file" + after + "\n"
        in_bulk, one_by_one = both_ways(text)
        assert in_bulk == one_by_one
        assert [(turn.label, turn.text) for turn in in_bulk[1]] == expected


def test_annotations_are_lifted_with_the_space_before_them_when_what_follows_closes():
    assert lift_annotations("Thank you, Cherine (sic). [laughter]")[0] == "Thank you, Cherine."
    text, found = lift_annotations("So [a] [b]")
    assert (text, [(a.kind, a.text, a.offset) for a in found]) == (
        "So",
        [("note", "[a]", 2), ("note", "[b]", 2)],
    )
    # Speech in round brackets is kept and searched inside; a note before a bracket or
    # another note keeps the space before it.
    text, found = lift_annotations("(Stephanie [laughter]) x [a][b]")
    assert (text, [(a.kind, a.text, a.offset) for a in found]) == (
        "(Stephanie ) x ",
        [("laughter", "[laughter]", 11), ("note", "[a]", 15), ("note", "[b]", 15)],
    )


def test_parsing_leaves_the_cycle_collector_as_it_found_it():
    assert gc.isenabled()
    parse_text("A B: hi\n")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text("A B: hi\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
