"""Our rules give pabutools 1.2.3's outcomes, on real files and random elections."""

from __future__ import annotations

from fractions import Fraction

import pabutools_outcomes
import pabutools_reference as reference
import pytest
from election_factories import small_elections
from hypothesis import given, settings
from hypothesis_budget import BASE
from shared_pabulib import PABULIB_FILES, needs_shared_files, shared_file

from commonweal.allocation import RULES, election_to_pabulib, read_pabulib, vote_matrix

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pulp, inside pabutools

FAST_RULES = ("greedy", "mes", "phragmen", "max-welfare")


def _ours_and_theirs(rule, election, text=None, path=None):
    ours = RULES[rule](election, None)
    instance, profile, vote_type = reference.load(path=path, text=text)
    theirs = reference.run(rule, instance, profile, vote_type)
    return ours, theirs, (instance, profile, vote_type)


def _holds_to_pabutools(path, rule: str, election, matrix=None) -> None:
    """Our outcome against pabutools' on a shared file (recorded, pabutools_outcomes.py)."""
    theirs = pabutools_outcomes.outcome(path, rule)
    if theirs is None:  # the rule does not apply to this file's ballots
        return
    ours = RULES[rule](election, matrix)
    if rule == "max-welfare":
        # Several sets can be optimal: the welfare must be, not the set.
        assert ours.details["welfare"] == pytest.approx(float(Fraction(theirs)), rel=1e-9)
    elif pabutools_outcomes.ids_digest(ours.selected_ids) != theirs:
        # Name the difference: pabutools' selection, computed now.
        instance, profile, vote_type = reference.load(path=path)
        selected = reference.selected_ids(reference.run(rule, instance, profile, vote_type))
        assert ours.selected_ids == selected, (path.name, rule)
        pytest.fail(f"{path.name}: the record of pabutools' {rule} outcome is wrong")


@needs_shared_files()
@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda p: p.stem)
def test_every_shared_file_gets_pabutools_outcome_for_each_rule(path):
    election = read_pabulib(path)
    matrix = vote_matrix(election)
    for rule in FAST_RULES:
        _holds_to_pabutools(path, rule, election, matrix)


def test_mes_add1_matches_pabutools_on_a_real_district_election():
    path = shared_file("Poland_Czestochowa_2020_Grabowka.pb")
    ours, theirs, _ = _ours_and_theirs("mes-add1", read_pabulib(path), path=path)
    assert ours.selected_ids == reference.selected_ids(theirs)


@needs_shared_files()
@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda path: path.stem)
def test_mes_add1_matches_pabutools_on_every_shared_file(path):
    _holds_to_pabutools(path, "mes-add1", read_pabulib(path))


def test_the_recorded_outcomes_are_pabutools_own():
    """The records the two tests above read, against pabutools run now on a file small
    enough to take a few seconds for every rule."""
    path = shared_file("Poland_Czestochowa_2020_Grabowka.pb")
    record = pabutools_outcomes.recorded(path)
    assert record is not None, "no record for this file: run tests/allocation/pabutools_outcomes.py"
    loaded = reference.load(path=path)
    for rule in pabutools_outcomes.RULES:
        assert record[rule] == pabutools_outcomes.live(path, rule, loaded), rule


def test_mes_add1_reproduces_the_official_swiecie_2023_outcome():
    election = read_pabulib(shared_file("Poland_Swiecie_2023.pb"))
    official = sorted(p.id for p in election.projects if p.extra["selected"] == "1")
    assert RULES["mes-add1"](election, None).selected_ids == official


def test_greedy_reproduces_the_official_krakow_stare_miasto_2024_outcome():
    election = read_pabulib(shared_file("Poland_Krakow_2024_Stare_Miasto.pb"))
    official = sorted(p.id for p in election.projects if p.extra["selected"] == "1")
    assert RULES["greedy"](election, None).selected_ids == official


def _check_random(rule: str, election) -> None:
    text = election_to_pabulib(election)
    ours, theirs, (instance, profile, vote_type) = _ours_and_theirs(rule, election, text=text)
    if rule == "max-welfare":
        assert ours.details["welfare"] == pytest.approx(
            float(reference.welfare(theirs, instance, profile, vote_type)), rel=1e-9
        )
    else:
        assert ours.selected_ids == reference.selected_ids(theirs)


# 1,000 random elections per rule in all, split over the ballot types each rule takes.
@settings(BASE, max_examples=600)
@given(small_elections("approval"))
def test_greedy_agrees_with_pabutools_on_random_approval_elections(election):
    _check_random("greedy", election)


@settings(BASE, max_examples=400)
@given(small_elections("cumulative"))
def test_greedy_agrees_with_pabutools_on_random_cumulative_elections(election):
    _check_random("greedy", election)


@settings(BASE, max_examples=600)
@given(small_elections("approval"))
def test_mes_agrees_with_pabutools_on_random_approval_elections(election):
    _check_random("mes", election)


@settings(BASE, max_examples=400)
@given(small_elections("cumulative"))
def test_mes_agrees_with_pabutools_on_random_cumulative_elections(election):
    _check_random("mes", election)


@settings(BASE, max_examples=600)
@given(small_elections("approval", max_cost=6))
def test_mes_add1_agrees_with_pabutools_on_random_approval_elections(election):
    _check_random("mes-add1", election)


@settings(BASE, max_examples=400)
@given(small_elections("cumulative", max_cost=6))
def test_mes_add1_agrees_with_pabutools_on_random_cumulative_elections(election):
    _check_random("mes-add1", election)


@settings(BASE, max_examples=1000)
@given(small_elections("approval"))
def test_phragmen_agrees_with_pabutools_on_random_approval_elections(election):
    _check_random("phragmen", election)


@settings(BASE, max_examples=1000)
@given(small_elections("approval"))
def test_max_welfare_reaches_pabutools_optimum_on_random_elections(election):
    _check_random("max-welfare", election)
