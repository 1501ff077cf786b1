"""Aligning two language editions of one meeting, turn by turn. Plain Python and numpy,
no Django: sequences of (speaker, length) in, a list of links out.

A translated transcript follows its original's turns, but not exactly: an interpreter's
record drops a "thank you", joins a speaker's two paragraphs or splits one. So the
alignment is a dynamic programme over the two sequences, in the manner of Gale and
Church's sentence aligner (1993), with these moves and costs:

- 1-1: one original turn is one edition turn (the usual case);
- 1-0 and 0-1: a turn with no counterpart (cheaper for original turns before the
  edition's first turn or after its last: an edition may cover part of a meeting);
- 2-1 and 1-2: two turns on one side are one on the other.

A move costs how far apart the lengths are (the log of their ratio, lengths smoothed so
that short turns are not judged on one word) plus a fixed cost for every pair of turns in
it whose speakers differ. Lengths are calibrated first: the edition's are scaled by the
ratio of the two documents' totals, so words of English and characters of Chinese
compare.

Bounded for 300,000 turns: only a band of cells around the path that the cumulative
lengths predict is computed (``band`` turns each side), a row at a time with numpy; the
band is doubled and the alignment run again when the path runs along its edge, up to a
cap on the cells held (one byte each, for the way back).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

UNKNOWN_SPEAKER = -1
SPEAKER_MISMATCH = 4.0  # per pair of turns in a move whose speakers differ
SPEAKER_UNKNOWN = 1.0  # per pair where either speaker is unknown
MERGE = 1.5  # a 2-1 or 1-2 move, beside its length and speaker costs
SKIP = 4.0  # a turn with no counterpart, whatever its length
# An original turn after the edition's last turn, or before its first (an edition
# stops early more often than it starts late, which breaks ties between the two).
AFTER_SKIP = 2.0
BEFORE_SKIP = 3.0
SMOOTHING = 4.0  # units added to both lengths before their ratio is taken
BAND = 32  # turns each side of the predicted path
MAX_CELLS = 40_000_000  # the most band cells one alignment may hold (bytes for the way back)

# The moves, as (original turns, edition turns); a cell's code is its move's place here.
MOVES = ((1, 1), (1, 0), (2, 1), (1, 2), (0, 1))
ALONG = 4  # the 0-1 move, along a row


@dataclass(frozen=True)
class Link:
    """Original turns ``original`` (positions, 0-2 of them) are edition turns ``edition``."""

    original: tuple[int, ...]
    edition: tuple[int, ...]


class AlignmentError(ValueError):
    """The two sequences are too far apart for an alignment within the cells allowed."""


# A column past the edition's last turn is never on a finished path; a large finite cost
# (rather than infinity) keeps the running minimum along a row free of inf - inf.
_FAR = 1e12


@dataclass(frozen=True)
class _Sequences:
    """Both sides as arrays; the edition's lengths times ``scale``, in the original's units."""

    a_speakers: np.ndarray
    a_lengths: np.ndarray
    b_speakers: np.ndarray
    b_lengths: np.ndarray

    @classmethod
    def of(cls, original, edition, scale: float) -> _Sequences:
        return cls(
            np.asarray([s for s, _x in original], dtype=np.int64),
            np.asarray([float(x) for _s, x in original]),
            np.asarray([s for s, _x in edition], dtype=np.int64),
            np.asarray([float(x) for _s, x in edition]) * scale,
        )


# A scale refitted from the first alignment is used when it differs by more than this
# factor from the one that alignment used (the totals mislead when an edition is partial).
REFIT = 1.25


def align(
    original: Sequence[tuple[int, float]],
    edition: Sequence[tuple[int, float]],
    *,
    band: int = BAND,
) -> list[Link]:
    """The cheapest alignment of ``edition`` to ``original``, each a sequence of
    (speaker, length) in order; speaker ``UNKNOWN_SPEAKER`` is nobody known.

    Lengths are compared at the ratio of the two totals first; when the turns that align
    one to one with the same speaker say otherwise (an edition of part of the meeting),
    at their median ratio, and aligned again. Every position of both sequences is in
    exactly one link, in order. Raises AlignmentError when no path fits in
    ``MAX_CELLS`` (a side hundreds of times longer than the other).
    """
    n, m = len(original), len(edition)
    if n == 0 or m == 0:
        return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]
    total_a = sum(float(x) for _s, x in original)
    total_b = sum(float(x) for _s, x in edition)
    scale = total_a / total_b if total_a > 0 and total_b > 0 else 1.0
    for _attempt in range(3):
        sequences = _Sequences.of(original, edition, scale)
        links = _align_scaled(sequences, band)
        fitted = _fitted_scale(links, original, edition)
        if fitted is None or abs(math.log(fitted / scale)) <= math.log(REFIT):
            break
        scale = fitted
    return links


def _fitted_scale(links: list[Link], original, edition) -> float | None:
    """The median ratio of original to edition length over one-to-one links whose
    speakers are the same known person; None when there are too few."""
    ratios = []
    for link in links:
        if len(link.original) == 1 and len(link.edition) == 1:
            (speaker_a, length_a), (speaker_b, length_b) = (
                original[link.original[0]],
                edition[link.edition[0]],
            )
            if speaker_a == speaker_b != UNKNOWN_SPEAKER and length_a > 0 and length_b > 0:
                ratios.append(float(length_a) / float(length_b))
    if len(ratios) < 3:
        return None
    ratios.sort()
    return ratios[len(ratios) // 2]


def _align_scaled(sequences: _Sequences, band: int) -> list[Link]:
    """The alignment at the sequences' scale, the band doubled while the path runs
    along its edge and there is room."""
    n, m = len(sequences.a_lengths), len(sequences.b_lengths)
    width = max(2, band)
    while True:
        codes, lows = _fill(sequences, width)
        cells = 2 * width + 1
        reachable = lows[n] <= m <= lows[n] + cells - 1
        links, touched = _trace(codes, lows, n, m) if reachable else ([], True)
        room = (4 * width + 1) * (n + 1) <= MAX_CELLS and cells <= m
        if not touched or not room:
            if not reachable:
                raise AlignmentError(f"{n} turns and {m} turns are too far apart to align")
            return links
        width *= 2


def _centres(s: _Sequences) -> np.ndarray:
    """For each row i, the edition turn where the original's first i turns' length ends."""
    ends_a = np.concatenate(([0.0], np.cumsum(s.a_lengths)))
    ends_b = np.concatenate(([0.0], np.cumsum(s.b_lengths)))
    return np.searchsorted(ends_b, ends_a).astype(np.int64)


def _block_lows(centres: np.ndarray, after: int, cells: int, last: int) -> np.ndarray:
    """A block's rows' first columns: ``centres`` less half the band, never going back
    from ``after`` (the row before's) and never more than a band ahead of the row before,
    so that a path can pass from each row to the next."""
    width = cells // 2
    lows = np.maximum.accumulate(np.maximum((centres - width).clip(0, last), after))
    step = cells - 1
    ahead = np.arange(1, len(lows) + 1, dtype=np.int64) * step
    # lows[i] <= lows[i-1] + step, as a closed form of that recurrence.
    return np.minimum(lows, np.minimum.accumulate(lows - ahead) + ahead).clip(max=after + ahead)


def _speaker_cost(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    unknown = (x == UNKNOWN_SPEAKER) | (y == UNKNOWN_SPEAKER)
    return np.where(unknown, SPEAKER_UNKNOWN, np.where(x == y, 0.0, SPEAKER_MISMATCH))


def _length_cost(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.abs(np.log((x + SMOOTHING) / (y + SMOOTHING)))


def _block_costs(s: _Sequences, lows: np.ndarray, rows: np.ndarray, cells: int):
    """What each move into each cell of a block of rows costs, in bulk: (rows, 4, cells)
    for the moves 1-1, 1-0, 2-1, 1-2, and (rows, cells), the running sum of 0-1 costs
    from each row's first cell."""
    n, m = len(s.a_lengths), len(s.b_lengths)
    columns = lows[rows, None] + np.arange(cells)
    outside = columns > m
    b1, b2 = (columns - 1).clip(0, m - 1), (columns - 2).clip(0, m - 1)
    a1, a2 = (rows - 1).clip(0, n - 1)[:, None], (rows - 2).clip(0, n - 1)[:, None]
    length, speaker = s.a_lengths[a1], s.a_speakers[a1]
    said = _speaker_cost(speaker, s.b_speakers[b1])
    costs = np.empty((len(rows), 4, cells))
    costs[:, 0] = _length_cost(length, s.b_lengths[b1]) + said
    costs[:, 0][(columns < 1) | outside] = np.inf
    # An edition may cover part of the meeting: original turns before its first turn or
    # after its last one are left without a counterpart at a lower cost, so that the
    # edition's turns stay together rather than each going to its best length anywhere.
    costs[:, 1] = np.where(columns == m, AFTER_SKIP, np.where(columns == 0, BEFORE_SKIP, SKIP))
    costs[:, 2] = MERGE + _length_cost(length + s.a_lengths[a2], s.b_lengths[b1]) + said
    costs[:, 2] += _speaker_cost(s.a_speakers[a2], s.b_speakers[b1])
    costs[:, 2][(columns < 1) | outside | (rows < 2)[:, None]] = np.inf
    costs[:, 3] = MERGE + _length_cost(length, s.b_lengths[b1] + s.b_lengths[b2]) + said
    costs[:, 3] += _speaker_cost(speaker, s.b_speakers[b2])
    costs[:, 3][(columns < 2) | outside] = np.inf
    skip = np.where(outside, _FAR, SKIP)
    skip[:, 0] = 0.0
    return costs, np.cumsum(skip, axis=1)


def _block_sources(lows: np.ndarray, rows: np.ndarray, cells: int, slot: int) -> np.ndarray:
    """Where each move into each cell of a block's rows comes from, as positions in the
    two-row ring that holds the costs of the rows before (slot ``slot`` a row, each with
    ``2 * cells`` of infinite padding before and after)."""
    before_1 = np.concatenate(([lows[0]], lows[:-1]))[rows]
    before_2 = np.concatenate(([lows[0], lows[0]], lows[:-2]))[rows]
    previous = ((rows - 1) % 2) * slot + 2 * cells + (lows[rows] - before_1)
    earlier = (rows % 2) * slot + 2 * cells + (lows[rows] - before_2)
    starts = np.stack((previous - 1, previous, earlier - 1, previous - 2), axis=1)
    return starts[:, :, None] + np.arange(cells)


_BLOCK = 2048  # rows whose costs are computed together


def _fill(s: _Sequences, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The code of the move that reaches each band cell (rows × cells)
    and each row's first column. Rows are computed one after another, each row's moves
    from the two rows before at once; each block of rows is centred again on where the
    cheapest path so far runs, so that slow drift of the lengths is followed."""
    n, m = len(s.a_lengths), len(s.b_lengths)
    cells = 2 * width + 1
    last = max(0, m + 1 - cells)
    centres = _centres(s)
    codes = np.zeros((n + 1, cells), dtype=np.int8)
    lows = np.zeros(n + 1, dtype=np.int64)
    slot = 5 * cells
    ring = np.full(2 * slot, np.inf)
    # Row 0: the start, then edition turns with no counterpart before the first link.
    row = ring[2 * cells : 3 * cells]
    skip = np.full(cells, _FAR)
    skip[0] = 0.0
    shown = min(cells - 1, m)
    skip[1 : shown + 1] = SKIP
    np.cumsum(skip, out=row)
    codes[0, 1:] = ALONG
    every = np.arange(cells)
    drift = 0
    for first in range(1, n + 1, _BLOCK):
        rows = np.arange(first, min(first + _BLOCK, n + 1))
        lows[rows] = _block_lows(centres[rows] + drift, int(lows[first - 1]), cells, last)
        if rows[-1] == n and lows[n - 1] + cells - 1 >= last:
            lows[n] = last
        costs, along = _block_costs(s, lows, rows, cells)
        sources = _block_sources(lows, rows, cells, slot)
        for r, i in enumerate(rows.tolist()):
            options = ring[sources[r]]
            options += costs[r]
            move = options.argmin(axis=0)
            # The 0-1 moves along the row: cost[j] = min(arrived[j], cost[j-1] + skip).
            relative = options[move, every] - along[r]
            running = np.minimum.accumulate(relative)
            move[relative > running] = ALONG
            codes[i] = move
            row = ring[(i % 2) * slot + 2 * cells : (i % 2) * slot + 3 * cells]
            np.add(running, along[r], out=row)
        drift = int(lows[rows[-1]] + row.argmin() - centres[rows[-1]])
    return codes, lows


def _trace(codes: np.ndarray, lows: np.ndarray, n: int, m: int) -> tuple[list[Link], bool]:
    """The links on the way back from the last cell, and whether the path ran along an
    edge of the band that is not an edge of the table (a wider band might do better)."""
    cells = codes.shape[1]
    links: list[Link] = []
    touched = False
    i, j = n, m
    while i > 0 or j > 0:
        low = int(lows[i])
        if (j == low and low > 0) or (j == low + cells - 1 and j < m):
            touched = True
        take_a, take_b = MOVES[codes[i, j - low]]
        links.append(Link(tuple(range(i - take_a, i)), tuple(range(j - take_b, j))))
        i, j = i - take_a, j - take_b
    links.reverse()
    return links, touched
