"""Reading and writing Pabulib files, good and bad."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import BASE
from shared_pabulib import PABULIB_FILES, needs_shared_files, shared_file

from commonweal.allocation import (
    Election,
    InputError,
    Project,
    election_to_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)

GOOD = """META
key;value
description;test
budget;100
vote_type;cumulative
max_points;5
max_sum_points;6
max_length;3
PROJECTS
project_id;cost;name
1;40;Bikes
2;70;"Trees; many"
VOTES
voter_id;vote;points
v1;1,2;3,3
v2;2;5
"""


def _bad(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_pabulib(text, source="round.pb")
    return caught.value


def test_a_well_formed_file_reads_back_its_projects_and_points():
    election = parse_pabulib(GOOD)
    assert election.budget == 100
    assert [(p.id, p.cost, p.name) for p in election.projects] == [
        ("1", 40, "Bikes"),
        ("2", 70, "Trees; many"),
    ]
    assert election.votes == [(0, 1), (1,)]
    assert election.points == [(3, 3), (5,)]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("v2;2;5", "v2;9;5", 16, "unknown project '9'"),
        ("v2;2;5", "v1;2;5", 16, "voter 'v1' appears twice"),
        ("2;70;", "2;-70;", 12, "negative cost"),
        ("v2;2;5", "v2;2;6", 16, "max_points"),
        ("v1;1,2;3,3", "v1;1,2;4,4", 15, "max_sum_points"),
        ("max_length;3", "max_length;1", 15, "max_length is 1"),
        ("budget;100\n", "", 1, "no 'budget'"),
        ("1;40;Bikes", "1;40", 11, "2 fields, the header has 3"),
        ("1;40;", "1;forty;", 11, "cost 'forty' is not a number"),
        ("v2;2;5", "v2;2;5,1", 16, "1 projects but 2 points"),
        ("vote_type;cumulative", "vote_type;ranked", 1, "unknown vote_type"),
        ("1;40;Bikes\n", "1;40;Bikes\n1;50;Again\n", 12, "project '1' appears twice"),
        ("voter_id;vote;points", "voter_id;points", 14, "no 'vote' column"),
    ],
)
def test_each_malformed_file_gets_one_error_naming_file_and_line(old, new, line, words):
    assert old in GOOD
    error = _bad(GOOD.replace(old, new, 1))
    assert error.line == line
    assert words in str(error)
    assert str(error).startswith(f"round.pb:{line}: ")
    assert "\n" not in str(error)


def test_a_file_without_a_votes_section_is_an_error_at_its_end():
    error = _bad(GOOD.split("VOTES")[0])
    assert "no VOTES section" in str(error)


def test_sections_out_of_order_are_an_error():
    error = _bad("PROJECTS\nproject_id;cost\n1;10\n")
    assert "PROJECTS section before META" in str(error)
    assert error.line == 1


def test_an_empty_file_says_so_on_line_one():
    error = _bad("")
    assert error.line == 1 and "the file is empty" in str(error)


def test_text_that_is_not_utf8_names_its_line():
    data = GOOD.replace("Bikes", "Bik\xe9s").encode("latin-1")
    with pytest.raises(InputError) as caught:
        parse_pabulib(data, source="latin.pb")
    assert caught.value.line == 11
    assert "not UTF-8" in str(caught.value)


def test_a_binary_file_is_refused():
    with pytest.raises(InputError, match="binary"):
        parse_pabulib(b"\x00\x01\x02META", source="x.pb")


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_pabulib(tmp_path / "nothing.pb")


def test_a_non_positive_weight_is_refused():
    text = GOOD.replace("voter_id;vote;points", "voter_id;vote;points;weight")
    text = text.replace("v1;1,2;3,3", "v1;1,2;3,3;2").replace("v2;2;5", "v2;2;5;0")
    error = _bad(text)
    assert error.line == 16 and "weight 0" in str(error)


def test_a_project_listed_twice_in_a_ballot_keeps_its_last_points_like_pabutools():
    election = parse_pabulib(GOOD.replace("v2;2;5", "v2;2,1,2;1,1,4"))
    assert election.votes[1] == (1, 0)
    assert election.points[1] == (4, 1)


def test_choose_one_ballots_allow_one_project():
    text = GOOD.replace("vote_type;cumulative", "vote_type;choose-1").replace(";points", "")
    text = text.replace("v1;1,2;3,3", "v1;1,2").replace("v2;2;5", "v2;2")
    assert "max_length is 1" in str(_bad(text))


@needs_shared_files()
@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda p: p.stem)
def test_every_shared_file_reads_with_the_voters_and_projects_its_meta_announces(path):
    election = read_pabulib(path)
    assert len(election.projects) == int(election.meta["num_projects"])
    assert len(election.voter_ids) == int(election.meta["num_votes"])


def test_ordinal_ballots_keep_their_ranking():
    election = read_pabulib(shared_file("Poland_Krakow_2024_Stare_Miasto.pb"))
    assert election.vote_type == "ordinal"
    assert all(len(v) == 3 for v in election.votes)
    assert election.budget == Fraction("1546168.66")
    assert {p.categories for p in election.projects} >= {("infrastructure",), ("sport",)}


def test_a_written_shared_file_reads_back_equal_and_pabutools_reads_it_too(tmp_path):
    from pabutools.election import parse_pabulib as pabutools_parse

    election = read_pabulib(shared_file("Poland_Wieliczka_2023_Green_Budget.pb"))
    target = tmp_path / "copy.pb"
    write_pabulib(election, target)
    again = read_pabulib(target)
    assert again.projects == election.projects
    assert again.votes == election.votes
    assert again.voter_extra == election.voter_extra
    instance, profile = pabutools_parse(str(target))
    assert len(profile) == len(election.voter_ids)
    assert {p.name: Fraction(str(p.cost)) for p in instance} == {
        p.id: p.cost for p in election.projects
    }


# Round trip: whatever we write, we read back the same.
_word = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=8,
)
_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85"
    ),
    max_size=20,
).map(str.strip)
_id = _word.filter(lambda s: "," not in s and s.strip() == s and s.lower() != "none")
_amount = st.one_of(
    st.integers(0, 10**9).map(Fraction),
    st.decimals(0, 10**6, places=2).map(lambda d: Fraction(str(d))),
)


@st.composite
def elections(draw) -> Election:
    vote_type = draw(st.sampled_from(["approval", "choose-1", "cumulative", "scoring", "ordinal"]))
    ids = draw(st.lists(_id, min_size=1, max_size=6, unique=True))
    projects = [
        Project(
            pid,
            draw(_amount),
            draw(_text),
            tuple(draw(st.lists(_id, max_size=2, unique=True))),
            tuple(draw(st.lists(_id, max_size=2, unique=True))),
            {"votes": str(draw(st.integers(0, 99)))},
        )
        for pid in ids
    ]
    voter_ids = draw(st.lists(_id, max_size=8, unique=True))
    max_size = 1 if vote_type == "choose-1" else len(ids)
    votes = [
        tuple(draw(st.lists(st.integers(0, len(ids) - 1), unique=True, max_size=max_size)))
        for _ in voter_ids
    ]
    points = None
    if vote_type in ("cumulative", "scoring"):
        points = [tuple(draw(st.integers(1, 9)) for _ in vote) for vote in votes]
    weights = None
    if draw(st.booleans()):
        weights = [Fraction(draw(st.integers(1, 40)), 4) for _ in voter_ids]
    meta_keys = draw(
        st.lists(
            _id.filter(lambda k: k.lower() not in ("meta", "projects", "votes")),
            max_size=3,
            unique=True,
        )
    )
    meta = {k: draw(_text) for k in meta_keys if k not in ("budget", "vote_type")}
    meta.update({"num_projects": str(len(ids)), "num_votes": str(len(voter_ids))})
    budget = draw(_amount)
    meta["budget"] = str(budget)
    meta["vote_type"] = vote_type
    return Election(
        meta=meta,
        projects=projects,
        budget=budget,
        vote_type=vote_type,
        voter_ids=voter_ids,
        votes=votes,
        points=points,
        weights=weights,
        voter_extra={"age": [str(draw(st.integers(16, 99))) for _ in voter_ids]},
    )


@settings(BASE, max_examples=300)
@given(elections())
def test_any_election_survives_a_write_and_a_read(election):
    again = parse_pabulib(election_to_pabulib(election))
    assert again.projects == election.projects
    assert again.budget == election.budget
    assert again.vote_type == election.vote_type
    assert again.voter_ids == election.voter_ids
    assert again.votes == election.votes
    assert again.points == election.points
    assert again.weights == election.weights
    assert again.voter_extra == election.voter_extra
    assert {k: v for k, v in again.meta.items() if k != "budget"} == {
        k: v for k, v in election.meta.items() if k != "budget"
    }


def test_windows_line_endings_and_blank_lines_read_the_same():
    windows = GOOD.replace("\n", "\r\n").replace("v2;2;5", "\r\nv2;2;5\r\n")
    election = parse_pabulib(windows)
    assert election.votes == [(0, 1), (1,)]
    assert election.points == [(3, 3), (5,)]


def test_a_quoted_vote_row_is_read_row_by_row_with_the_same_result():
    quoted = GOOD.replace("v2;2;5", '"v2";"2";"5"')
    assert parse_pabulib(quoted).votes == parse_pabulib(GOOD).votes


def test_an_error_after_a_blank_line_still_names_its_own_line():
    text = GOOD.replace("v2;2;5", "\n\nv2;7;5")
    error = _bad(text)
    assert error.line == 18 and "unknown project '7'" in str(error)


def test_a_vote_row_of_the_wrong_width_names_its_line():
    error = _bad(GOOD.replace("v2;2;5", "v2;2;5;extra"))
    assert error.line == 16 and "4 fields, the header has 3" in str(error)
