"""The English edition of the sample meeting, on its own
(site/fixtures/board-session/board-session.en.txt).

What every edition shares (speakers, turns, topics, candidates) is checked in
test_transcript_six_editions.py; here, what only the English text shows: its header,
lines wrapped mid-sentence, a disclaimer in italics wrapped over three lines, labels in
capitals without the accents the roster writes.
"""

import pytest

from commonweal.transcript import parse_file
from tests.conftest import REPO

SAMPLES = REPO / "src" / "commonweal" / "site" / "fixtures" / "board-session"


@pytest.fixture(scope="module")
def sample():
    return parse_file(
        str(SAMPLES / "board-session.en.txt"), str(SAMPLES / "board-session.roster.yaml")
    )


def test_the_english_header_and_language_are_read(sample):
    header = sample.document.header
    assert (header.date, header.start, header.end, header.timezone, header.utc_offset) == (
        "2019-06-24",
        "10:30",
        "11:00",
        "WET",
        "+00:00",
    )
    assert header.title == "MARRAKECH – Board and Community Joint Session (SAMPLE)"
    assert (header.event, header.place) == ("ICANN65", "Marrakech, Morocco")
    assert sample.document.language == "en"


def test_capitals_without_accents_are_the_roster_names_with_them(sample):
    helene = next(p for p in sample.participants if p.person == "Hélène Côté")
    assert helene.name == "HELENE COTE"
    assert helene.group == "gac"


def test_wrapped_lines_are_rejoined_and_the_wrapped_disclaimer_is_gone_whole(sample):
    assert sample.turns[0].text.startswith(
        "Good morning, everyone, and welcome. This is a sample transcript written for "
        "the Commonweal tests"
    )
    # The turn before the disclaimer ends with its own words; none of the disclaimer's
    # three lines (only the first and last hold a known fragment) is left in any turn.
    assert sample.turns[16].text.endswith("not from the outreach line.")
    for turn in sample.turns:
        assert "audio file" not in turn.text
        assert "grammatical" not in turn.text
        assert "END OF TRANSCRIPTION" not in turn.text


def test_notes_are_lifted_and_the_cut_off_turn_is_an_interruption(sample):
    notes = {i: [a.text for a in t.annotations] for i, t in enumerate(sample.turns)}
    assert notes[6] == ["[Laughter]"]
    assert notes[11] == ["(inaudible)"]
    assert notes[12] == ["[Applause]"]
    assert notes[24] == ["(sic)"]
    assert sample.turns[24].text == "Thank you, Anna. That is exactly the help we need."
    assert [a.kind for a in sample.turns[19].annotations] == ["interruption"]
    voice = next(p for p in sample.participants if p.name == "UNIDENTIFIED MALE")
    assert (voice.person, voice.interruptions) == (None, 1)


def test_the_chair_opens_three_topics_and_the_proposals_are_candidates(sample):
    assert [t.first_turn for t in sample.topics] == [0, 8, 17]
    recommendations = [c for c in sample.candidates if c.kind == "recommendation"]
    assert recommendations[0].sentence == (
        "I suggest a very clear list of priorities that the community can comment on "
        "before the budget is adopted."
    )
    assert {c.person for c in recommendations} == {
        "Bob Ray",
        "Amina Haddad",
        "Hélène Côté",
        "Elena Sokolova",
    }
    # The question about who pays holds no cue, and a question is never a candidate.
    assert 15 not in {c.turn for c in sample.candidates}
