"""A small English transcript written for these tests (samples/board-session.en.txt)."""

from pathlib import Path

import pytest

from commonweal.transcript import load_roster, parse_file
from commonweal.transcript.model import VOICE

SAMPLE = Path(__file__).parent / "samples" / "board-session.en.txt"


@pytest.fixture
def sample(write):
    roster = load_roster(
        write(
            "roster.csv",
            "name,group,role\nJane Doe,board,chair\nBob Ray,ncsg,member\nGöran Marby,org,CEO\n",
        )
    )
    return parse_file(str(SAMPLE), roster)


def test_the_english_header_and_language_are_read(sample):
    header = sample.document.header
    assert (header.date, header.start, header.end, header.timezone) == (
        "2019-06-24",
        "10:30",
        "11:00",
        "WET",
    )
    assert header.place == "Marrakech, Morocco"
    assert sample.document.language == "en"


def test_each_label_is_linked_and_the_chair_alone_is_the_same_person(sample):
    assert [(t.speaker, t.person) for t in sample.turns] == [
        ("THE CHAIR (HON. JANE DOE)", "Jane Doe"),
        ("BOB RAY", "Bob Ray"),
        ("UNIDENTIFIED MALE", None),
        ("THE CHAIR", "Jane Doe"),
        ("GORAN MARBY", "Göran Marby"),
        ("BOB RAY", "Bob Ray"),
    ]
    assert VOICE not in {t.speaker for t in sample.turns}


def test_wrapped_lines_are_rejoined_and_furniture_is_gone(sample):
    first = sample.turns[0].text
    assert "written for the Commonweal tests" in first
    assert not any("transcript of an audio file" in t.text for t in sample.turns)
    assert not any("END OF TRANSCRIPTION" in t.text for t in sample.turns)


def test_laughter_and_sic_are_annotations_and_the_cut_off_turn_is_an_interruption(sample):
    assert [a.text for a in sample.turns[1].annotations] == ["[Laughter]"]
    goran = sample.turns[4]
    assert goran.text == "Thank you, Jane. I was going to say --"
    assert [a.kind for a in goran.annotations] == ["sic", "interruption"]
    bob = next(p for p in sample.participants if p.person == "Bob Ray")
    assert bob.interruptions == 1


def test_the_chairs_cues_open_topics_and_the_suggestion_is_a_candidate(sample):
    assert [(t.first_turn, t.last_turn) for t in sample.topics] == [(0, 2), (3, 5)]
    assert [(c.kind, c.person) for c in sample.candidates] == [
        ("recommendation", "Bob Ray"),
        ("action", "Jane Doe"),
    ]
