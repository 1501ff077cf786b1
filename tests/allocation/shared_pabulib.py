"""Where the real Pabulib files are: the ``shared`` folder beside the repository.

They are never copied into the repository; tests that need them skip with a
plain reason when the folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_PABULIB = (REPO / ".." / "shared" / "pabulib").resolve()
PABULIB_FILES = sorted(SHARED_PABULIB.glob("*.pb")) if SHARED_PABULIB.is_dir() else []


def needs_shared_files() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not PABULIB_FILES, reason=f"no Pabulib files at {SHARED_PABULIB} (the shared folder)"
    )


def shared_file(name: str) -> Path:
    path = SHARED_PABULIB / name
    if not path.exists():
        pytest.skip(f"{path} is not there (the shared folder is absent)")
    return path
