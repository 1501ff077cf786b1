"""The fuzz harness (``make fuzz``) run for a second on targets written here."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

TARGETS = """
import time


def buggy(data: bytes) -> None:
    if data.startswith(b"x"):
        1 / 0


def clean(data: bytes) -> None:
    data.decode("utf-8", "replace")


def hangs(data: bytes) -> None:
    # Any example but the valid file hangs: the first one fuzzing makes is over the limit,
    # whatever the seed (an example starting with "x" could take longer than the run).
    if data != b"a valid file":
        time.sleep(60)


TARGETS = {"buggy": buggy, "clean": clean, "hangs": hangs}
SEEDS = {"buggy": [b"a valid file"], "hangs": [b"a valid file"]}
"""


def fuzz(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    folder = tmp_path / "targets"
    folder.mkdir(exist_ok=True)
    (folder / "targets_examples.py").write_text(TARGETS)
    (folder / "targets_broken.py").write_text("import no_such_module\n")
    command = [sys.executable, str(REPO / "fuzz" / "run.py"), "--targets", str(folder)]
    command += ["--findings", str(tmp_path / "findings"), "--database", str(tmp_path / "db")]
    return subprocess.run(
        [*command, *options], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_target_that_raises_is_reported_with_its_shortest_input_and_exit_1(tmp_path):
    done = fuzz(tmp_path, "--seconds", "1", "--target", "buggy")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "buggy: " in done.stdout and "1 finding(s)" in done.stdout
    assert "exception ZeroDivisionError: division by zero" in done.stdout
    saved = list((tmp_path / "findings" / "buggy").glob("ZeroDivisionError-*.bin"))
    assert [path.read_bytes() for path in saved] == [b"x"]


def test_a_clean_target_passes_with_exit_0(tmp_path):
    done = fuzz(tmp_path, "--seconds", "1", "--target", "clean")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "clean: " in done.stdout and "0 finding(s)" in done.stdout


def test_an_example_over_the_time_limit_is_a_finding_not_a_hang(tmp_path):
    done = fuzz(tmp_path, "--seconds", "1", "--example-seconds", "0.5", "--target", "hangs")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "timeout timeout: over 0.5 s" in done.stdout


def test_a_module_that_does_not_import_is_listed_as_broken(tmp_path):
    done = fuzz(tmp_path, "--list")
    assert "targets_broken.py: broken, not imported: ModuleNotFoundError" in done.stdout
    assert "buggy  (targets_examples.py)" in done.stdout
