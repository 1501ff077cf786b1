"""The turn-by-turn alignment of two language editions (meetings/alignment.py), without a
database: an edition made from an original by known changes must align back to it."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal.meetings.alignment import UNKNOWN_SPEAKER, AlignmentError, Link, align


def _mapping(links: list[Link]) -> dict[int, tuple[int, ...]]:
    """original position -> the edition positions it was aligned to."""
    return {i: link.edition for link in links for i in link.original}


def _check_covers_both(links: list[Link], n: int, m: int) -> None:
    originals = [i for link in links for i in link.original]
    editions = [j for link in links for j in link.edition]
    assert originals == list(range(n))
    assert editions == list(range(m))


@st.composite
def original_and_edition(draw):
    """An original of (speaker, length) turns and an edition made from it by scaling each
    length (a translation is longer or shorter than its original, by turn and overall),
    splitting some turns in two, joining some runs of one speaker's two turns and
    dropping some turns between two other speakers; returns both and where each original
    turn went."""
    n = draw(st.integers(1, 60))
    lengths = draw(st.lists(st.integers(1, 600), min_size=n, max_size=n))
    scale = draw(st.floats(0.3, 3.0))
    noise = draw(st.lists(st.floats(0.85, 1.15), min_size=n, max_size=n))
    changes = draw(st.lists(st.sampled_from(["split", "join", "drop"]), max_size=4))
    places = draw(st.lists(st.integers(0, n - 1), min_size=len(changes), max_size=len(changes)))
    chosen: dict[int, str] = {}
    for change, place in zip(changes, places, strict=True):
        # Changes apart from each other, so that each has one right answer.
        if all(abs(place - other) > 3 for other in chosen):
            chosen[place] = change
    # A transcript starts a new turn when the speaker changes; the same speaker twice in
    # a row happens (a page break, applause between) and is what an edition may join.
    speakers: list[int] = []
    for i in range(n):
        if i > 0 and chosen.get(i - 1) == "join":
            speakers.append(speakers[-1])
        else:
            others = [s for s in range(6) if not speakers or s != speakers[-1]]
            speakers.append(draw(st.sampled_from(others)))
    original = list(zip(speakers, lengths, strict=True))
    edition: list[tuple[int, float]] = []
    expected: dict[int, tuple[int, ...]] = {}
    i = 0
    while i < n:
        speaker, length = original[i]
        translated = max(1.0, length * scale * noise[i])
        change = chosen.get(i)
        after = speakers[i + 1] if i + 1 < n else None
        before = speakers[i - 1] if i > 0 else None
        if change == "split" and translated >= 4:
            share = draw(st.floats(0.3, 0.7))
            expected[i] = (len(edition), len(edition) + 1)
            edition += [(speaker, translated * share), (speaker, translated * (1 - share))]
        elif change == "join" and after == speaker and i + 2 <= n:
            joined = translated + max(1.0, lengths[i + 1] * scale * noise[i + 1])
            expected[i] = expected[i + 1] = (len(edition),)
            edition.append((speaker, joined))
            i += 1
        elif change == "drop" and speaker not in (before, after) and 0 < i < n - 1:
            expected[i] = ()
        else:
            expected[i] = (len(edition),)
            edition.append((speaker, translated))
        i += 1
    return original, edition, expected


@settings(max_examples=300, deadline=None)
@given(original_and_edition())
def test_an_edition_made_by_known_changes_aligns_back_to_its_original(case):
    original, edition, expected = case
    links = align(original, edition)
    _check_covers_both(links, len(original), len(edition))
    assert _mapping(links) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-1, 3), st.integers(0, 50)), max_size=30),
    st.lists(st.tuples(st.integers(-1, 3), st.integers(0, 50)), max_size=30),
    st.integers(2, 8),
)
def test_any_two_sequences_align_with_every_turn_used_once_in_order(original, edition, band):
    links = align(original, edition, band=band)
    _check_covers_both(links, len(original), len(edition))
    assert all(len(link.original) <= 2 and len(link.edition) <= 2 for link in links)


def test_identical_editions_align_one_to_one_even_with_unknown_speakers():
    original = [(UNKNOWN_SPEAKER, 10), (UNKNOWN_SPEAKER, 300), (UNKNOWN_SPEAKER, 12)] * 5
    links = align(original, original)
    assert all(link.original == link.edition for link in links)
    assert len(links) == len(original)


def test_an_edition_with_turns_of_its_own_at_the_start_keeps_them_unmatched():
    original = [(1, 100), (2, 50), (1, 80)]
    edition = [(9, 20), (1, 150), (2, 70), (1, 120)]
    assert _mapping(align(original, edition)) == {0: (1,), 1: (2,), 2: (3,)}


def test_a_long_edition_drifting_from_its_original_still_aligns_turn_for_turn():
    """Per-turn length ratios wander (±20 %) so that, half way through 40,000 turns, the
    cumulative lengths predict a place many turns off; the band follows the path."""
    rng = random.Random(7)
    original = [(rng.randrange(12), rng.randint(1, 400)) for _ in range(40_000)]
    edition = [(s, max(1, round(x * 1.7 * rng.uniform(0.8, 1.2)))) for s, x in original]
    del edition[30_000]
    del edition[1_000]
    mapping = _mapping(align(original, edition))
    shifted = {i: (i - (i > 1_000) - (i > 30_000),) for i in range(40_000)}
    shifted[1_000] = shifted[30_000] = ()
    wrong = [i for i in range(40_000) if mapping[i] != shifted[i]]
    # A dropped turn may be told from its neighbour only by length: allow those two.
    assert len(wrong) <= 2, wrong[:10]


def test_300000_turns_align_within_a_bounded_time():
    rng = random.Random(3)
    original = [(rng.randrange(40), rng.randint(1, 400)) for _ in range(300_000)]
    edition = [(s, x * 2) for s, x in original]
    started = time.perf_counter()
    links = align(original, edition)
    elapsed = time.perf_counter() - started
    assert all(link.original == link.edition for link in links)
    assert elapsed < 60, f"{elapsed:.1f} s"


def test_a_side_far_longer_than_the_other_aligns_or_is_refused_past_the_cells_allowed(
    monkeypatch,
):
    from commonweal.meetings import alignment

    original, edition = [(1, 10)] * 2, [(1, 10)] * 10_000
    links = align(original, edition, band=2)
    _check_covers_both(links, 2, 10_000)
    monkeypatch.setattr(alignment, "MAX_CELLS", 1_000)
    with pytest.raises(AlignmentError):
        align(original, edition, band=2)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_an_edition_of_the_first_turns_only_aligns_to_those_turns(data):
    """Translating the start of a long meeting is how an edition often begins: the
    totals of the two documents then say nothing about their ratio."""
    n = data.draw(st.integers(4, 80))
    k = data.draw(st.integers(3, n))
    speakers = [0]
    for _ in range(n - 1):
        speakers.append(data.draw(st.sampled_from([s for s in range(6) if s != speakers[-1]])))
    lengths = data.draw(st.lists(st.integers(1, 600), min_size=n, max_size=n))
    scale = data.draw(st.floats(0.3, 3.0))
    noise = data.draw(st.lists(st.floats(0.85, 1.15), min_size=k, max_size=k))
    original = list(zip(speakers, lengths, strict=True))
    edition = [(speakers[i], max(1.0, lengths[i] * scale * noise[i])) for i in range(k)]
    mapping = _mapping(align(original, edition))
    assert mapping == {i: ((i,) if i < k else ()) for i in range(n)}
