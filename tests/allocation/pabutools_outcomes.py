"""pabutools' outcomes on the shared Pabulib files, recorded once so that every test run
compares our rules with them on every file without running pabutools again: its method of
equal shares with completion took about seven of the suite's CPU minutes, ours a few
seconds.

A record names its file by SHA-256 and holds what a comparison needs: for a rule that
selects projects, a SHA-256 of the selected ids (the ids are the shared data's; the
record keeps only their hash); for max-welfare, the optimal welfare as an exact fraction.
A file whose content differs from its record, a rule with no record or another pabutools
is computed live, so a stale record costs time, never a wrong answer; the tests also
recompute one file's records live and hold them to the record.

Write the records again (about five minutes on two cores):
    .venv/bin/python tests/allocation/pabutools_outcomes.py
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import pabutools_reference as reference

RECORD = Path(__file__).with_name("pabutools_outcomes.json")
RULES = ("greedy", "mes", "phragmen", "max-welfare", "mes-add1")
PABUTOOLS = version("pabutools")


def ids_digest(ids) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def applies(rule: str, vote_type: str) -> bool:
    """pabutools' Phragmén takes approval ballots only."""
    return not (rule == "phragmen" and vote_type in reference.POINT_TYPES)


def live(path: Path, rule: str, loaded=None) -> str | None:
    """pabutools' outcome, computed now (None where the rule does not apply)."""
    instance, profile, vote_type = loaded or reference.load(path=path)
    if not applies(rule, vote_type):
        return None
    outcome = reference.run(rule, instance, profile, vote_type)
    if rule == "max-welfare":
        return str(reference.welfare(outcome, instance, profile, vote_type))
    return ids_digest(reference.selected_ids(outcome))


@functools.cache
def _records() -> dict:
    """The record file, read once a process."""
    if not RECORD.exists():
        return {}
    data = json.loads(RECORD.read_text())
    return data.get("files", {}) if data.get("pabutools") == PABUTOOLS else {}


def recorded(path: Path) -> dict | None:
    """rule -> outcome, where the record is for this very file (its content, this
    pabutools); None otherwise."""
    record = _records().get(path.name)
    if record and record["sha256"] == file_digest(path):
        return record["outcomes"]
    return None


def outcome(path: Path, rule: str) -> str | None:
    """The recorded outcome where there is one for this very file, else computed live."""
    record = recorded(path) or {}
    return record[rule] if rule in record else live(path, rule)


def _file_record(path: Path) -> tuple[str, dict]:
    loaded = reference.load(path=path)
    outcomes = {rule: live(path, rule, loaded) for rule in RULES}
    return path.name, {"sha256": file_digest(path), "outcomes": outcomes}


def record_all(paths: list[Path]) -> None:
    # The largest files first, so that two processes finish close together.
    ordered = sorted(paths, key=lambda p: p.stat().st_size, reverse=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        files = dict(sorted(pool.map(_file_record, ordered)))
    RECORD.write_text(json.dumps({"pabutools": PABUTOOLS, "files": files}, indent=1) + "\n")


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)  # pulp, inside pabutools
    sys.path.insert(0, str(Path(__file__).parent))
    from shared_pabulib import PABULIB_FILES

    if not PABULIB_FILES:
        sys.exit("no Pabulib files beside the repository (../shared/pabulib)")
    record_all(PABULIB_FILES)
    print(f"{RECORD}: {len(PABULIB_FILES)} files")
