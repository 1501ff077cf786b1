"""Our rules give pabutools 1.2.3's outcomes, on real files and random elections."""

from __future__ import annotations

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


def _applies(rule: str, vote_type: str) -> bool:
    return not (rule == "phragmen" and vote_type in reference.POINT_TYPES)


@needs_shared_files()
@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda p: p.stem)
def test_every_shared_file_gets_pabutools_outcome_for_each_rule(path):
    election = read_pabulib(path)
    matrix = vote_matrix(election)
    instance, profile, vote_type = reference.load(path=path)
    for rule in FAST_RULES:
        if not _applies(rule, vote_type):
            continue
        ours = RULES[rule](election, matrix)
        theirs = reference.run(rule, instance, profile, vote_type)
        if rule == "max-welfare":
            # Several sets can be optimal: the welfare must be, not the set.
            assert ours.details["welfare"] == pytest.approx(
                float(reference.welfare(theirs, instance, profile, vote_type)), rel=1e-9
            )
        else:
            assert ours.selected_ids == reference.selected_ids(theirs), rule


def test_mes_add1_matches_pabutools_on_a_real_district_election():
    path = shared_file("Poland_Czestochowa_2020_Grabowka.pb")
    ours, theirs, _ = _ours_and_theirs("mes-add1", read_pabulib(path), path=path)
    assert ours.selected_ids == reference.selected_ids(theirs)


# pabutools takes about three minutes for add1 over all these files; the suite pays it
# so that every rule is compared on every file.
@needs_shared_files()
@pytest.mark.parametrize("path", PABULIB_FILES, ids=lambda path: path.stem)
def test_mes_add1_matches_pabutools_on_every_shared_file(path):
    ours, theirs, _ = _ours_and_theirs("mes-add1", read_pabulib(path), path=path)
    assert ours.selected_ids == reference.selected_ids(theirs), path.name


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
