"""Cue phrases found across the whole meeting at once are the ones found turn by turn."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal.transcript.cuehits import CueIndex, find_phrases
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
_TABLES = [_EN.recommendation, _EN.action, _EN.topic_open, _ZH.topic_open, _ZH.action]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_every_turns_cue_hits_are_those_found_in_the_turn_alone(texts):
    index = CueIndex(texts)
    for phrases in _TABLES:
        expected = {i: spans for i, t in enumerate(texts) if (spans := find_phrases(t, phrases))}
        assert index.hits(phrases) == expected


def test_a_cue_after_a_letter_is_not_a_cue_but_one_at_a_turns_start_is():
    index = CueIndex(["awe will go", "we will go", "x", "We will"])
    assert index.hits(("we will",)) == {1: [(0, 7)], 3: [(0, 7)]}


def test_a_cues_sentence_runs_from_the_last_mark_before_it_to_the_next_mark():
    text = "First. Then we will act! After"
    assert sentence_around(text, 12, 19) == "Then we will act!"
    assert sentence_around("line one\nwe will go\nmore", 9, 16) == "we will go"
    assert sentence_around("we will", 0, 7) == "we will"


def test_cues_in_turns_on_either_side_of_a_batch_of_lowering_are_all_found():
    texts = ["x. Thank you"] * 9000
    for position in (4095, 4096, 4097, 8191, 8192, 8999):
        texts[position] = "So WE WILL act."
    assert sorted(CueIndex(texts).hits(("we will",))) == [4095, 4096, 4097, 8191, 8192, 8999]
