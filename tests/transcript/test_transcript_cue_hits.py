"""Cue phrases found across the whole meeting at once are the ones found turn by turn."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal.transcript.cuehits import CueIndex, anchors, find_phrases
from commonweal.transcript.languages import cues_for
from commonweal.transcript.topics import sentence_around

_EN = cues_for("en")
_ZH = cues_for("zh")
_PIECES = [
    "We will",
    "we'll ",
    "awe will",
    "I suggest",
    "下一个问题",
    "我们将",
    "next topic",
    "ΑΣ",
    "İ",
    ". ",
    "\n",
    "x",
    "？",
    " ",
]
_TEXTS = st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=8)
_TABLES = [
    _EN.recommendation,
    _EN.action,
    _EN.topic_open,
    _EN.topic_numbered,
    _ZH.topic_open,
    _ZH.topic_numbered,
    _ZH.action,
]
_ALL = tuple(phrase for phrases in _TABLES for phrase in phrases)


def turn_by_turn(texts, phrases):
    return [(i, start, end) for i, t in enumerate(texts) for start, end in find_phrases(t, phrases)]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.booleans())
def test_every_turns_cue_hits_are_those_found_in_the_turn_alone(texts, anchored):
    index = CueIndex(texts, _ALL if anchored else ())
    for phrases in _TABLES:
        assert index.spans(phrases) == turn_by_turn(texts, phrases)


def test_a_cue_after_a_letter_is_not_a_cue_but_one_at_a_turns_start_is():
    index = CueIndex(["awe will go", "we will go", "x", "We will"], _EN.action)
    assert index.spans(("we will",)) == [(1, 0, 7), (3, 0, 7)]


def test_phrases_sharing_a_word_are_found_by_one_search_for_it():
    found = anchors(_EN.recommendation + _EN.action)
    assert found["recommend"] == [
        ("i recommend", 2),
        ("we recommend", 3),
        ("my recommendation", 3),
        ("concrete recommendation", 9),
        ("specific recommendation", 9),
    ]
    assert found["will"] == [("we will", 3), ("i will", 2), ("will follow up", 0)]
    assert len(found) < len(_EN.recommendation + _EN.action) / 2


def test_a_phrase_found_near_the_start_is_not_looked_for_before_it():
    # "will" at 0 would put "we will" at -3: no phrase is read from the end of the text.
    index = CueIndex(["will we will"], ("we will", "will follow up"))
    assert index.spans(("we will",)) == [(0, 5, 12)]


def test_a_cues_sentence_runs_from_the_last_mark_before_it_to_the_next_mark():
    text = "First. Then we will act! After"
    assert sentence_around(text, 12, 19) == "Then we will act!"
    assert sentence_around("line one\nwe will go\nmore", 9, 16) == "we will go"
    assert sentence_around("we will", 0, 7) == "we will"


def test_cues_in_turns_on_either_side_of_a_batch_of_lowering_are_all_found():
    texts = ["x. Thank you"] * 9000
    for position in (4095, 4096, 4097, 8191, 8192, 8999):
        texts[position] = "So WE WILL act."
    turns = [turn for turn, _, _ in CueIndex(texts).spans(("we will",))]
    assert turns == [4095, 4096, 4097, 8191, 8192, 8999]
