"""The floors of docs/architecture.md hold: imports, model relations and code size.

The import contracts live in pyproject.toml and are checked by import-linter; these
tests make sure that check runs, that it has teeth (an upward import, even one
inside a function, breaks it), that no package escapes it, and that what
import-linter cannot see (relations named as "app.Model" strings, module and
function length) follows the same rules.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "commonweal"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# The project's shell: the program's entry point and Django's project modules, which
# wire the floors together and so stand outside them.
SHELL_MODULES = {"__init__", "__main__", "cli", "settings", "urls", "wsgi"}
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def _floors() -> list[list[str]]:
    """The floors from the top down, each a list of the packages on it (short names)."""
    floors = []
    for layer in _contracts()["floors"]["layers"]:
        names = re.split(r"[|:]", layer)
        floors.append([name.strip().strip("()").removeprefix("commonweal.") for name in names])
    return floors


def _floor_of() -> dict[str, int]:
    """Each package's floor, counted from the bottom (0 is the lowest)."""
    floors = _floors()
    return {name: len(floors) - 1 - index for index, floor in enumerate(floors) for name in floor}


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter with the project's contracts over the package found in ``root``."""
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_package_of_the_project_sits_on_a_floor():
    placed = set(_floor_of())
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    modules = {path.stem for path in PACKAGE.glob("*.py")} - SHELL_MODULES
    assert packages | modules <= placed, (
        f"not on any floor of pyproject.toml: {sorted((packages | modules) - placed)}"
    )


def test_the_import_contracts_hold():
    done = _lint_imports(REPO / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the package's source, to break on purpose."""
    shutil.copytree(PACKAGE, tmp_path / "commonweal", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _append(path: Path, code: str) -> None:
    path.write_text(path.read_text() + "\n\n" + code + "\n")


def test_an_upward_import_inside_a_function_breaks_the_floors(package_copy):
    _append(
        package_copy / "commonweal" / "community" / "views.py",
        "def rounds_of_a_person():\n    from commonweal.rounds.models import Round\n\n"
        "    return Round",
    )
    done = _lint_imports(package_copy)
    assert done.returncode != 0
    assert "Each floor imports only the floors below it BROKEN" in done.stdout
    assert "commonweal.community.views -> commonweal.rounds.models" in done.stdout


def test_one_engine_importing_the_other_or_django_breaks_the_build(package_copy):
    engine = package_copy / "commonweal" / "allocation" / "words.py"
    _append(engine, "from commonweal.transcript import labels  # noqa\nimport django  # noqa")
    done = _lint_imports(package_copy)
    assert done.returncode != 0
    assert "commonweal.allocation.words -> commonweal.transcript.labels" in done.stdout
    assert "The engines and the plain helpers they share import no Django BROKEN" in done.stdout


@pytest.mark.django_db
def test_model_relations_point_to_a_lower_floor_or_within_their_app():
    """import-linter cannot see ``ForeignKey("meetings.Meeting")``; this walks the models."""
    from django.apps import apps

    floor_of = _floor_of()
    # Apps that share a floor as independent siblings ("a | b") may not point at each other.
    independent = {name for floor in _floors() if len(floor) > 1 for name in floor}
    upward = []
    for model in apps.get_models():
        if not model.__module__.startswith("commonweal."):
            continue
        own = model.__module__.split(".")[1]
        for field in model._meta.get_fields():
            related = field.related_model
            if (
                related is None
                or not field.concrete
                or not related.__module__.startswith("commonweal.")
            ):
                continue
            other = related.__module__.split(".")[1]
            if floor_of[other] > floor_of[own] or (
                floor_of[other] == floor_of[own] and other != own and other in independent
            ):
                upward.append(f"{model.__name__}.{field.name} -> {other}.{related.__name__}")
    assert upward == []


# Code the size rules apply to: the product, and the tests, benchmarks, scripts and fuzz
# targets beside it.
MEASURED_FOLDERS = ("src", "tests", "benchmarks", "scripts", "fuzz")


def _python_files():
    for folder in MEASURED_FOLDERS:
        for path in sorted((REPO / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_longer_than_500_lines():
    long = {
        str(path.relative_to(REPO)): lines
        for path in _python_files()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_60_lines():
    long = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(REPO)}:{node.lineno} {node.name}"] = lines
    assert long == {}
