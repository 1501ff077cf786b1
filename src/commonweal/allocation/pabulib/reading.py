"""Reading a ``.pb`` file: its three sections row by row, and the VOTES section in bulk.

Every problem is reported as an :class:`~commonweal.allocation.errors.InputError`
naming the file and the line.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections.abc import Sequence
from fractions import Fraction
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np

from commonweal.allocation.bounds import (
    MAX_MAGNITUDE,
    PABULIB_MAX_BYTES,
    PABULIB_MAX_PROJECTS,
    PABULIB_MAX_VOTERS,
    read_bounded,
    size_in_words,
)
from commonweal.allocation.election import (
    POINT_TYPES,
    VOTE_TYPES,
    Ballots,
    Election,
    Number,
    Project,
)
from commonweal.allocation.errors import InputError
from commonweal.allocation.pabulib.ballots import merge_repeats, rows_with_repeats
from commonweal.allocation.pabulib.fields import parse_number, parse_points
from commonweal.allocation.pabulib.limits import LIMIT_KEYS, first_limit_breach

SECTIONS = ("meta", "projects", "votes")
# Project columns the reader interprets; every other column lands in Project.extra.
_CATEGORY_KEYS = ("category", "categories")
_TARGET_KEYS = ("target", "targets")
_TOO_MANY_VOTERS = f"more than {PABULIB_MAX_VOTERS:,} votes, the most read"


def read_pabulib(path: str | Path) -> Election:
    """Read the ``.pb`` file at ``path``; raise InputError if it is malformed."""
    return parse_pabulib(read_bounded(path, PABULIB_MAX_BYTES), source=str(path))


def parse_pabulib(data: bytes | str, *, source: str = "<string>") -> Election:
    """Parse the text of a ``.pb`` file (bytes are decoded as UTF-8, BOM allowed)."""
    if len(data) > PABULIB_MAX_BYTES:
        raise InputError(
            source, f"the file is larger than {size_in_words(PABULIB_MAX_BYTES)}, the most read"
        )
    if isinstance(data, bytes):
        if b"\x00" in data[:4096]:
            raise InputError(source, "binary data, not a Pabulib text file", line=1)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise InputError(source, "not UTF-8 text", line=line) from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(source, "the file is empty", line=1)
    return _Parser(text, source).parse()


class _Parser:
    """One pass over a ``.pb`` file's text, section by section, that builds its Election."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.text = text
        self.reader: Any = csv.reader(io.StringIO(text, newline=""), delimiter=";")
        self.end_line = 0
        self.meta: dict[str, str] = {}
        self.projects: list[Project] = []
        self.index: dict[str, int] = {}
        self.voter_ids: list[str] = []
        self.votes: Sequence[tuple[int, ...]] = []
        self.points: list[tuple[Number, ...]] = []
        self.weights: list[Fraction] = []
        self.has_weights = False
        self.voter_extra: dict[str, list[str]] = {}
        self.section_lines: dict[str, int] = {}
        # Set from META when the VOTES section starts.
        self.budget = Fraction(0)
        self.vote_type = "approval"
        self.limits: dict[str, Fraction] = {}

    def fail(self, message: str, line: int | None = None) -> InputError:
        if line is None:
            line = self.reader.line_num if self.reader is not None else self.end_line
        return InputError(self.source, message, line=line)

    def parse(self) -> Election:
        section = None
        header: list[str] = []
        columns: dict[str, int] = {}
        try:
            for row in self.reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                word = row[0].strip().lower()
                if len(row) == 1 and word in SECTIONS:
                    section = self._start_section(word)
                    header = [h.strip() for h in next(self.reader, [])]
                    columns = self._check_header(section, header)
                    if section == "votes":
                        self._start_votes(columns)
                        if self._votes_in_bulk():
                            break
                elif section is None:
                    raise self.fail("text before the META section")
                elif section == "meta":
                    self._meta_row(row)
                elif section == "projects":
                    self._project_row(row, header, columns)
                else:
                    self._vote_row(row, header, columns)
        except csv.Error as error:
            raise self.fail(f"cannot split the line into fields ({error})") from None
        # The reader holds the text four bytes a character: free it before the
        # ballots are converted, when memory peaks.
        self.end_line = self.reader.line_num
        self.reader, self.text = None, ""
        return self._finish()

    def _votes_in_bulk(self) -> bool:
        """Read the whole VOTES section at once when it is plain; False to go row by row.

        Real files have 100,000 votes and no quoting in this section: splitting
        the text once on ';' and taking every k-th field per column does in a
        few C calls what the row loop does in 100,000 Python ones. Anything
        unusual (quotes, a row of the wrong width, another section header) goes
        back to the row loop, which reports the exact line.
        """
        header_line = self.reader.line_num
        parts = self.text.split("\n", header_line)
        if len(parts) <= header_line:
            return False
        rest = parts[header_line]
        if '"' in rest:
            return False
        if "\r" in rest:
            rest = rest.replace("\r\n", "\n").replace("\r", "\n")
        lines = rest.split("\n")
        blank = [i for i, line in enumerate(lines) if not line.strip()]
        if blank:
            skip = set(blank)
            numbers = [header_line + 1 + i for i in range(len(lines)) if i not in skip]
            lines = [line for i, line in enumerate(lines) if i not in skip]
        width = self.width
        fields = ";".join(lines).split(";") if lines else []
        if len(fields) != len(lines) * width:
            return False
        self.lines = numbers if blank else range(header_line + 1, header_line + 1 + len(lines))
        if len(lines) > PABULIB_MAX_VOTERS:
            raise self.fail(_TOO_MANY_VOTERS, self.lines[PABULIB_MAX_VOTERS])
        self.voter_ids = [v.strip() for v in fields[self.voter_column :: width]]
        if not all(self.voter_ids):
            row = self.voter_ids.index("")
            raise self.fail("vote without a voter_id", self.lines[row])
        self.vote_texts = [v.strip() for v in fields[self.vote_column :: width]]
        if self.points_column is not None:
            self.points_texts = [v.strip() for v in fields[self.points_column :: width]]
        if self.has_weights:
            for row, text in enumerate(fields[self.weight_column :: width]):
                weight = parse_number(text, self.source, self.lines[row], "weight")
                if weight <= 0:
                    raise self.fail(
                        f"voter {self.voter_ids[row]!r} has weight {weight}, it must be positive",
                        self.lines[row],
                    )
                self.weights.append(weight)
        for column, values in self.extra_columns:
            values.extend(v.strip() for v in fields[column::width])
        return True

    def _start_section(self, word: str) -> str:
        expected = SECTIONS[len(self.section_lines)] if len(self.section_lines) < 3 else None
        if word != expected:
            if word in self.section_lines:
                raise self.fail(f"second {word.upper()} section")
            raise self.fail(f"{word.upper()} section before {str(expected).upper()}")
        self.section_lines[word] = self.reader.line_num
        if word == "votes":
            self._check_meta()
        return word

    def _check_header(self, section: str, header: list[str]) -> dict[str, int]:
        required = {
            "meta": ("key", "value"),
            "projects": ("project_id", "cost"),
            "votes": ("voter_id", "vote"),
        }[section]
        if not any(header):
            raise self.fail(f"{section.upper()} section has no header row")
        columns = {name: i for i, name in enumerate(header)}
        if len(columns) != len(header):
            raise self.fail(f"{section.upper()} header repeats a column")
        for name in required:
            if name not in columns:
                raise self.fail(f"{section.upper()} header has no {name!r} column")
        if section == "votes" and self.vote_type in POINT_TYPES and "points" not in columns:
            raise self.fail(f"VOTES header has no 'points' column for {self.vote_type} ballots")
        return columns

    def _start_votes(self, columns: dict[str, int]) -> None:
        self.width = len(columns)
        self.voter_column = columns["voter_id"]
        self.vote_column = columns["vote"]
        self.points_column = columns["points"] if self.vote_type in POINT_TYPES else None
        self.has_weights = "weight" in columns
        self.weight_column = columns.get("weight", -1)
        self.vote_texts: list[str] = []
        self.points_texts: list[str] = []
        self.lines: list[int] | range = []
        for key in columns:
            if key not in ("voter_id", "vote", "points", "weight"):
                self.voter_extra[key] = []
        self.extra_columns = [(columns[k], values) for k, values in self.voter_extra.items()]

    def _meta_row(self, row: list[str]) -> None:
        if len(row) < 2:
            raise self.fail("META row needs a key and a value")
        key = row[0].strip()
        if key in self.meta:
            raise self.fail(f"META key {key!r} appears twice")
        self.meta[key] = ";".join(row[1:]).strip()

    def _check_meta(self) -> None:
        line = self.section_lines["meta"]
        if "budget" not in self.meta:
            raise self.fail("META has no 'budget'", line)
        self.budget = parse_number(self.meta["budget"], self.source, line, "budget")
        if self.budget < 0:
            raise self.fail(f"negative budget {self.meta['budget']}", line)
        vote_type = self.meta.get("vote_type", "approval").strip().lower()
        if vote_type not in VOTE_TYPES:
            raise self.fail(f"unknown vote_type {vote_type!r}", line)
        self.vote_type = vote_type
        for key in LIMIT_KEYS:
            if key in self.meta and self.meta[key].strip().lower() not in ("", "none"):
                self.limits[key] = parse_number(self.meta[key], self.source, line, key)
        if vote_type == "choose-1":
            # One project per ballot whatever META says: that is what choose-1 means.
            self.limits["max_length"] = min(self.limits.get("max_length", Fraction(1)), Fraction(1))

    def _project_row(self, row: list[str], header: list[str], columns: dict[str, int]) -> None:
        if len(row) != len(header):
            raise self.fail(f"project row has {len(row)} fields, the header has {len(header)}")
        project_id = row[columns["project_id"]].strip()
        if not project_id:
            raise self.fail("project without an id")
        if project_id in self.index:
            raise self.fail(f"project {project_id!r} appears twice")
        if len(self.projects) == PABULIB_MAX_PROJECTS:
            raise self.fail(f"more than {PABULIB_MAX_PROJECTS:,} projects, the most read")
        cost = parse_number(row[columns["cost"]], self.source, self.reader.line_num, "cost")
        if cost < 0:
            raise self.fail(f"project {project_id!r} has a negative cost {cost}")
        name = ""
        categories: tuple[str, ...] = ()
        targets: tuple[str, ...] = ()
        extra: dict[str, str] = {}
        for key, value in zip(header, row, strict=True):
            value = value.strip()
            if key in ("project_id", "cost"):
                continue
            if key == "name":
                name = value
            elif key in _CATEGORY_KEYS and value.lower() != "none":
                categories = tuple(v.strip() for v in value.split(",") if v.strip())
            elif key in _TARGET_KEYS and value.lower() != "none":
                targets = tuple(v.strip() for v in value.split(",") if v.strip())
            elif key not in _CATEGORY_KEYS + _TARGET_KEYS:
                extra[key] = value
        self.index[project_id] = len(self.projects)
        self.projects.append(Project(project_id, cost, name, categories, targets, extra))

    def _vote_row(self, row: list[str], header: list[str], columns: dict[str, int]) -> None:
        # The hot loop of the reader, one call per voter: keep the raw texts and
        # convert all ballots at once in _convert_votes.
        if len(row) != self.width:
            raise self.fail(f"vote row has {len(row)} fields, the header has {len(header)}")
        voter_id = row[self.voter_column].strip()
        if not voter_id:
            raise self.fail("vote without a voter_id")
        if len(self.voter_ids) == PABULIB_MAX_VOTERS:
            raise self.fail(_TOO_MANY_VOTERS)
        self.voter_ids.append(voter_id)
        self.vote_texts.append(row[self.vote_column].strip())
        if self.points_column is not None:
            self.points_texts.append(row[self.points_column].strip())
        if self.has_weights:
            weight = parse_number(
                row[self.weight_column], self.source, self.reader.line_num, "weight"
            )
            if weight <= 0:
                raise self.fail(f"voter {voter_id!r} has weight {weight}, it must be positive")
            self.weights.append(weight)
        for column, values in self.extra_columns:
            values.append(row[column].strip())
        self.lines.append(self.reader.line_num)

    def _convert_votes(self) -> None:
        """Turn the raw vote (and points) texts into project indices, then check them."""
        texts = self.vote_texts
        lengths = [t.count(",") + 1 if t else 0 for t in texts]
        ids = ",".join([t for t in texts if t]).split(",") if any(lengths) else []
        try:
            flat_array = np.fromiter(map(self.index.__getitem__, ids), np.int64, len(ids))
        except KeyError:  # ids written with spaces, or an unknown id
            ids = [i.strip() for i in ids]
            found = list(map(self.index.get, ids))
            if None in found:
                unknown = found.index(None)
                row = bisect.bisect_right(list(accumulate(lengths)), unknown)
                raise self.fail(
                    f"voter {self.voter_ids[row]!r} votes for unknown project {ids[unknown]!r}",
                    self.lines[row],
                ) from None
            flat_array = np.array(found, dtype=np.int64)
            del found
        del ids  # one pointer per vote; freed before the repeats are sought, when memory peaks
        n_voters = len(texts)
        ptr = np.zeros(n_voters + 1, dtype=np.int64)
        np.cumsum(lengths, out=ptr[1:])
        votes: Sequence[tuple[int, ...]] = Ballots(flat_array, ptr)
        if self.points_column is not None:
            ends = ptr[1:].tolist()
            starts = [0, *ends[:-1]] if ends else []
            self.points = self._convert_points(lengths, starts, ends)
        else:
            self.points = [()] * n_voters
        repeated = rows_with_repeats(flat_array, ptr, len(self.projects))
        if repeated.size:
            votes = list(votes)
            for row in repeated.tolist():
                votes[row], self.points[row] = merge_repeats(votes[row], self.points[row])
        self.votes = votes
        if self.limits:
            self._check_all_limits()

    def _convert_points(
        self, lengths: list[int], starts: list[int], ends: list[int]
    ) -> list[tuple[Number, ...]]:
        texts = self.points_texts
        for row, text in enumerate(texts):
            count = text.count(",") + 1 if text else 0
            if count != lengths[row]:
                raise self.fail(
                    f"voter {self.voter_ids[row]!r} has {lengths[row]} projects but {count} points",
                    self.lines[row],
                )
        parts = ",".join([t for t in texts if t]).split(",") if any(lengths) else []
        try:
            flat: list[Number] = list(map(int, parts))
        except ValueError:
            rows = [row for row, n in enumerate(lengths) for _ in range(n)]
            flat = [
                parse_points(x, self.source, self.lines[r])
                for x, r in zip(parts, rows, strict=True)
            ]
        if flat and min(flat) < 0:
            row = bisect.bisect_right(ends, next(k for k, x in enumerate(flat) if x < 0))
            raise self.fail(f"voter {self.voter_ids[row]!r} gives negative points", self.lines[row])
        if flat and max(flat) > MAX_MAGNITUDE:
            first = next(k for k, x in enumerate(flat) if x > MAX_MAGNITUDE)
            row = bisect.bisect_right(ends, first)
            raise self.fail(
                f"voter {self.voter_ids[row]!r} gives more than 10^15 points", self.lines[row]
            )
        return [tuple(flat[a:b]) for a, b in zip(starts, ends, strict=True)]

    def _check_all_limits(self) -> None:
        breach = first_limit_breach(
            limits=self.limits,
            vote_type=self.vote_type,
            projects=self.projects,
            voter_ids=self.voter_ids,
            votes=self.votes,
            points=self.points,
        )
        if breach is not None:
            row, message = breach
            raise self.fail(message, self.lines[row])

    def _finish(self) -> Election:
        for word in SECTIONS:
            if word not in self.section_lines:
                raise self.fail(f"the file has no {word.upper()} section")
        self._convert_votes()
        voters = len(self.voter_ids)
        if len(set(self.voter_ids)) != voters:
            seen: set[str] = set()
            for voter_id in self.voter_ids:
                if voter_id in seen:
                    second = self.voter_ids.index(voter_id, self.voter_ids.index(voter_id) + 1)
                    line = self.lines[second]
                    raise self.fail(f"voter {voter_id!r} appears twice", line)
                seen.add(voter_id)
        return Election(
            meta=self.meta,
            projects=self.projects,
            budget=self.budget,
            vote_type=self.vote_type,
            voter_ids=self.voter_ids,
            votes=self.votes,
            points=self.points if self.vote_type in POINT_TYPES else None,
            weights=self.weights if self.has_weights else None,
            voter_extra=self.voter_extra,
            source=self.source,
        )
