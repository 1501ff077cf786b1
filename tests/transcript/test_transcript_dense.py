"""A transcript that is nearly all speaker labels parses in memory bounded by its size.

The issue's dense pattern: "John Smith: hi" on every other line, a turn every 16 bytes.
Each turn once cost about 240 bytes of memory per byte of file (a 15 MB file took 3.5 GB),
so a file under the size limit could take the server down. Timing belongs in
benchmarks/bench_transcript.py; this checks what the parse holds at its peak.
"""

from __future__ import annotations

import tracemalloc

import pytest

from commonweal.transcript import parse_file, parse_text

MEMORY_MULTIPLE = 10


def dense_transcript(turns: int, between: str = "") -> str:
    """``turns`` turns of "John Smith: hi", each followed by a line holding ``between``."""
    return f"John Smith: hi\n{between}\n" * turns


def peak_multiple(parse, size: int) -> float:
    """The traced peak memory of ``parse()`` as a multiple of ``size`` bytes."""
    tracemalloc.start()
    try:
        parse()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / size


@pytest.mark.parametrize("between", ["", "some words here"], ids=["blank", "speech"])
def test_a_dense_transcript_parses_in_under_ten_times_its_size(between):
    text = dense_transcript(20_000, between)
    size = len(text.encode())
    result = None

    def parse():
        nonlocal result
        result = parse_text(text)

    multiple = peak_multiple(parse, size)
    assert result is not None
    assert len(result.turns) == 20_000
    assert result.participants[0].name == "John Smith"
    assert result.participants[0].turns == 20_000
    assert multiple < MEMORY_MULTIPLE, f"peak memory {multiple:.1f}x the file size"


def test_every_turn_of_a_dense_transcript_reads_back_as_written():
    result = parse_text(dense_transcript(2_000, "and more"))
    assert [turn.index for turn in result.turns] == list(range(2_000))
    assert {(turn.speaker, turn.text, turn.units) for turn in result.turns} == {
        ("John Smith", "hi and more", 3)
    }
    assert [turn.line for turn in result.turns[:3]] == [1, 3, 5]
    assert result.turns[-1].index == 1_999
    assert result.participants[0].units == 3 * 2_000


def test_a_dense_transcript_file_parses_to_bounded_turns_and_units(tmp_path):
    path = tmp_path / "dense.txt"
    path.write_text(dense_transcript(20_000), encoding="utf-8")
    result = parse_file(str(path))
    assert len(result.turns) == 20_000
    assert sum(turn.units for turn in result.turns) == 20_000
    assert len(result.participants) == 1
