"""Helpers for the transcript engine's tests: the shared Kobe corpus and small files."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonweal.transcript import parse_file

REPO = Path(__file__).resolve().parents[2]
KOBE = REPO.parent / "shared" / "corpus" / "icann64-kobe"


def kobe_file(name: str) -> Path:
    """A file of the Kobe corpus beside the checkout, or a skip that says why not."""
    path = KOBE / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def kobe_text() -> str:
    return kobe_file("board-ncsg.zh.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kobe_path() -> str:
    return str(kobe_file("board-ncsg.zh.txt"))


@pytest.fixture(scope="session")
def kobe_roster_path() -> str:
    return str(kobe_file("roster.yaml"))


@pytest.fixture(scope="session")
def kobe(kobe_path, kobe_roster_path):
    """The Kobe meeting parsed with its roster (parsed once for the whole session)."""
    return parse_file(kobe_path, kobe_roster_path)


@pytest.fixture
def write(tmp_path):
    """Write a small file into the test's folder and return its path as a string."""

    def make(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return make
