"""Measures per person and per group, worked out by hand on small meetings."""

import pytest

from commonweal.transcript import parse_text
from commonweal.transcript.identity import Roster, RosterPerson
from commonweal.transcript.languages import TURN_OVERHEAD_SECONDS
from commonweal.transcript.measures import balance, count_questions, count_units

ROSTER = Roster(
    people=[
        RosterPerson("Ann Lee", "board", "chair"),
        RosterPerson("Bob Ray", "ncsg", "member"),
        RosterPerson("Cy Dunn", "ncsg", "member"),
    ],
    groups={"board": "Board", "ncsg": "NCSG"},
)


def test_units_are_words_or_cjk_characters_with_latin_words_inside_counting_one():
    assert count_units("We will start now.") == 4
    assert count_units("我是马修，来自 ICANN 董事会。") == 4 + 2 + 1 + 3
    assert count_units("PDP 3.0 is here") == 4


def test_questions_are_counted_once_per_question_mark_run():
    assert count_questions("Really?? Yes. 对吗？好的。") == 2


def test_shares_are_units_over_all_units_and_add_up_to_one():
    result = parse_text(
        "ANN LEE: one two three four five six.\n\nBOB RAY: one two.\n\nCY DUNN: one two.\n",
        ROSTER,
    )
    shares = {p.person: p.share for p in result.participants}
    assert shares == {"Ann Lee": 0.6, "Bob Ray": 0.2, "Cy Dunn": 0.2}
    groups = {g.group: (g.share, g.speakers, g.turns) for g in result.groups}
    assert groups == {"board": (0.6, 1, 1), "ncsg": (0.4, 2, 2)}
    assert [g.group for g in result.groups] == ["board", "ncsg"]  # by share
    # Floor index: share against an even split (1/3 each, and 1/3 of speakers for board).
    assert {p.person: p.floor_index for p in result.participants}["Ann Lee"] == pytest.approx(1.8)
    assert result.groups[0].floor_index == pytest.approx(1.8)


def test_estimated_time_is_calibrated_so_the_stated_duration_is_spent():
    text = (
        "Board meeting\nMarch 1, 2024 – 10:00 to 10:30 UTC\n\n"
        "ANN LEE: " + "word " * 30 + "\n\nBOB RAY: " + "word " * 10 + "\n"
    )
    result = parse_text(text, ROSTER)
    assert result.duration_source == "stated"
    assert sum(t.seconds for t in result.turns) == pytest.approx(1800)
    # Before calibration each turn is units / 2.5 words a second + the hand-over.
    raw = [30 / 2.5 + TURN_OVERHEAD_SECONDS, 10 / 2.5 + TURN_OVERHEAD_SECONDS]
    assert [t.seconds for t in result.turns] == pytest.approx([1800 * r / sum(raw) for r in raw])


def test_without_a_stated_duration_time_is_the_speaking_rate_estimate():
    result = parse_text("ANN LEE: " + "word " * 25 + "\n", ROSTER)
    assert result.duration_source == "estimated"
    assert result.turns[0].seconds == pytest.approx(25 / 2.5 + TURN_OVERHEAD_SECONDS)


def test_a_turn_cut_off_by_a_dash_is_an_interruption_by_the_next_speaker():
    result = parse_text(
        "BOB RAY: I was going to say —\n\nANN LEE: Sorry, go on.\n\nBOB RAY: Thanks.\n", ROSTER
    )
    by_person = {p.person: p for p in result.participants}
    assert result.turns[0].interrupted
    assert (by_person["Ann Lee"].interruptions, by_person["Ann Lee"].interrupted) == (1, 0)
    assert (by_person["Bob Ray"].interruptions, by_person["Bob Ray"].interrupted) == (0, 1)


def test_unidentified_voices_count_for_participants_but_not_for_group_shares():
    result = parse_text("ANN LEE: one two three.\n\n>> one.\n\nBOB RAY: one two three.\n", ROSTER)
    assert sum(p.share for p in result.participants) == pytest.approx(1)
    assert [g.share for g in result.groups] == [0.5, 0.5]
    assert result.unattributed_units == 1


def test_floor_balance_is_one_when_even_and_falls_as_one_voice_dominates():
    assert balance([5, 5, 5]) == pytest.approx(1)
    assert balance([100, 1, 1]) < 0.2
    assert balance([7]) == 1.0
