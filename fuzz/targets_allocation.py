"""Fuzz targets for the allocation engine's readers: Pabulib files and plans (YAML, JSON).

``fuzz/run.py`` imports ``TARGETS`` from every ``fuzz/targets_*.py``. Each target
takes the fuzzer's bytes as a whole file and swallows only InputError, the one
error the readers document; any other exception escapes and is a finding. No
Django here: the engine is plain Python.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from commonweal.allocation import InputError, parse_pabulib
from commonweal.allocation.planner import parse_plan

# A plan's ``ballots`` names a Pabulib file beside it; fuzzed plans look for it here.
_NO_FOLDER = Path("/nonexistent-commonweal-fuzz")


def fuzz_pabulib(data: bytes) -> None:
    with suppress(InputError):
        parse_pabulib(data, source="fuzz.pb")


def fuzz_plan_yaml(data: bytes) -> None:
    with suppress(InputError):
        parse_plan(data, source="fuzz.yaml", base=_NO_FOLDER)


def fuzz_plan_json(data: bytes) -> None:
    with suppress(InputError):
        parse_plan(data, source="fuzz.json", base=_NO_FOLDER)


TARGETS = {
    "pabulib": fuzz_pabulib,
    "plan-yaml": fuzz_plan_yaml,
    "plan-json": fuzz_plan_json,
}
