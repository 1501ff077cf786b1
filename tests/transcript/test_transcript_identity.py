"""Linking labels to people on a roster."""

import pytest

from commonweal.transcript import TranscriptError, load_roster, parse_text
from commonweal.transcript.identity import Roster, RosterPerson, name_key

ROSTER_YAML = """
groups: {board: Board, ncsg: NCSG, gov: Governments, org: ICANN organization}
people:
  - {name: Göran Marby, group: org, role: CEO}
  - {name: Stephanie Perrin, group: ncsg, role: NCSG chair}
  - {name: Matthew Shears, group: board, role: director (session chair)}
  - {name: Jane Doe, group: gov, role: minister}
  - {name: Ayden Férdeline, group: ncsg, role: member}
"""


@pytest.fixture
def roster(write):
    return load_roster(write("roster.yaml", ROSTER_YAML))


def persons(text: str, roster) -> list[str | None]:
    return [turn.person for turn in parse_text(text, roster).turns]


def test_roster_names_match_regardless_of_case_and_accents(roster):
    assert persons("GORAN MARBY: Hello.\n\nAYDEN FERDELINE: Hi.\n", roster) == [
        "Göran Marby",
        "Ayden Férdeline",
    ]


def test_a_csv_roster_with_the_same_columns_links_the_same_way(write):
    roster = load_roster(write("roster.csv", "name,group,role\nGöran Marby,org,CEO\n"))
    result = parse_text("GORAN MARBY: Hello.", roster)
    assert result.turns[0].person == "Göran Marby"
    assert result.participants[0].group == "org"


def test_a_latin_cue_links_later_turns_of_the_same_chinese_label(roster):
    text = (
        "马跃然 (GORAN MARBY): 我是马跃然。\n\n"
        "马修·希尔斯 (MATTHEW SHEARS): 谢谢。\n\n"
        "马跃然： 我不会唱歌。\n"
    )
    result = parse_text(text, roster)
    assert [t.person for t in result.turns] == ["Göran Marby", "Matthew Shears", "Göran Marby"]
    assert len(result.participants) == 2


def test_labels_with_titles_roles_and_affiliations_are_one_person(roster):
    text = (
        "Hon. Jane Doe (Minister of Finance): First.\n\n"
        "The Chair (Hon. Jane Doe): Second.\n\n"
        "The Chair: Third.\n\n"
        "Jane Doe: Fourth.\n"
    )
    result = parse_text(text, roster)
    assert [t.person for t in result.turns] == ["Jane Doe"] * 4
    assert len(result.participants) == 1
    assert result.participants[0].turns == 4


def test_an_affiliation_after_a_comma_is_not_part_of_the_name(roster):
    text = "Dr. Jane Doe, Government of Somewhere: Hello.\n\nJANE DOE: Again.\n"
    result = parse_text(text, roster)
    assert [t.person for t in result.turns] == ["Jane Doe", "Jane Doe"]
    assert result.participants[0].aliases == ["JANE DOE"]


def test_title_variants_merge_into_one_participant_even_without_a_roster():
    text = (
        "Hon. Jane Doe (Minister of Finance): First.\n\n"
        "The Chair (Hon. Jane Doe): Second.\n\n"
        "Jane Doe: Third.\n"
    )
    result = parse_text(text)
    assert len(result.participants) == 1
    assert result.participants[0].person is None


def test_a_mention_in_two_scripts_links_a_label_that_has_no_cue(roster):
    text = (
        "马修·希尔斯 (MATTHEW SHEARS): 丝黛芬妮 (Stephanie)，交给你了。\n\n"
        "丝黛芬妮·裴琳： 非常感谢。\n"
    )
    assert persons(text, roster) == ["Matthew Shears", "Stephanie Perrin"]


def test_an_unlinkable_label_stays_an_unidentified_speaker_and_keeps_its_turns(roster):
    text = (
        "GORAN MARBY: Hello.\n\n戴维·康纳德： 我在这里。\n\n"
        "GORAN MARBY: Welcome.\n\n戴维·康纳德： 谢谢。\n"
    )
    result = parse_text(text, roster)
    assert [t.person for t in result.turns] == ["Göran Marby", None, "Göran Marby", None]
    david = next(p for p in result.participants if p.name == "戴维·康纳德")
    assert (david.person, david.group, david.turns) == (None, None, 2)


def test_unidentified_labels_are_never_linked_even_when_a_name_matches(roster):
    result = parse_text("UNIDENTIFIED MALE: Hello.\n\n>> Who is that?\n", roster)
    assert [t.person for t in result.turns] == [None, None]


def test_name_keys_ignore_case_accents_spacing_and_punctuation():
    assert name_key("Göran  Marby") == name_key("GORAN MARBY") == name_key("goran-marby")
    assert name_key("Søren Ærø") == name_key("SOREN AERO")


def test_word_order_does_not_matter_for_a_roster_match():
    roster = Roster(people=[RosterPerson("Matthew Shears", "board", None)], groups={})
    assert roster.find("SHEARS, Matthew") is not None


def test_a_roster_without_people_is_refused_naming_the_field(write):
    with pytest.raises(TranscriptError) as error:
        load_roster(write("bad.yaml", "people: {name: x}\n"))
    assert "bad.yaml" in str(error.value) and "people" in str(error.value)


def test_a_roster_person_without_a_name_is_refused_naming_the_line(write):
    path = write("bad.yaml", "groups: {b: B}\npeople:\n  - {name: A, group: b}\n  - {group: b}\n")
    with pytest.raises(TranscriptError) as error:
        load_roster(path)
    assert str(error.value) == f"{path}:4: name is missing"
