"""One target fuzzed in this process, under a memory limit and a time limit per example.

``fuzz/run.py`` starts one worker process per target, so that a target that hangs in
C code or exhausts memory is killed and reported without taking the harness down.
The worker writes the input it is running into a shared file (``InFlight``) before each
example, so the harness knows what to save when it has to kill it.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import re
import resource
import signal
import struct
import sys
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

_HEADER = struct.Struct("<qdq")  # example number, when it started (time.time()), length
IN_FLIGHT_BYTES = 16 * 1024 * 1024
# Each hang or memory blow-up ends a hypothesis run; after this many, the target's
# time is better spent on a fix than on finding the same one again.
MAX_STOPS = 3


class InFlight:
    """The example running now, in a file both processes map: header, then the input."""

    def __init__(self, path: Path, create: bool = False):
        self.path = path
        if create:
            with path.open("wb") as handle:
                handle.truncate(_HEADER.size + IN_FLIGHT_BYTES)  # sparse: nothing written
        with path.open("r+b") as handle:
            self.map = mmap.mmap(handle.fileno(), 0)

    def start(self, number: int, data: bytes) -> None:
        kept = data[:IN_FLIGHT_BYTES]
        self.map[_HEADER.size : _HEADER.size + len(kept)] = kept
        self.map[: _HEADER.size] = _HEADER.pack(number, time.time(), len(kept))

    def finish(self) -> None:
        number, _, _ = _HEADER.unpack(self.map[: _HEADER.size])
        self.map[: _HEADER.size] = _HEADER.pack(number, 0.0, 0)

    def running(self) -> tuple[int, float, bytes]:
        """The example running now, when it started (0 if none) and its input."""
        number, started, length = _HEADER.unpack(self.map[: _HEADER.size])
        return number, started, bytes(self.map[_HEADER.size : _HEADER.size + length])


@dataclass
class Finding:
    kind: str  # "exception", "timeout", "memory", "died"
    type: str
    message: str
    size: int = 0
    input_path: str = ""


@dataclass
class Report:
    target: str
    examples: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    error: str = ""


class _Abort(BaseException):
    """Ends a hypothesis run at once, without shrinking: time is up or the example hung.

    A BaseException, so that neither the target nor hypothesis takes it for a failure."""


class _ExampleTimeout(BaseException):
    pass


def save_input(findings_dir: Path, target: str, kind: str, data: bytes, details: str) -> str:
    """The failing input under findings/TARGET/, named by kind and digest; its path."""
    folder = findings_dir / re.sub(r"[^A-Za-z0-9_.-]", "_", target)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{hashlib.sha256(data).hexdigest()[:12]}"
    (folder / f"{name}.bin").write_bytes(data)
    (folder / f"{name}.txt").write_text(details, encoding="utf-8")
    return str(folder / f"{name}.bin")


@contextmanager
def _time_limit(seconds: float):
    def expire(signum, frame):
        raise _ExampleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Fuzzer:
    """Calls one target with hypothesis's inputs until the budget is spent."""

    def __init__(self, name: str, target: Callable[[bytes], None], options: dict, flight):
        self.name = name
        self.target = target
        self.options = options
        self.flight = flight
        self.report = Report(target=name)
        self.deadline = 0.0
        self.stops = 0
        # The shortest input seen for each distinct failure: type and where it was raised.
        self.failures: dict[tuple[str, str], tuple[bytes, BaseException, str]] = {}

    def call(self, data: bytes) -> None:
        """One example; an ordinary exception propagates so that hypothesis shrinks it."""
        if time.monotonic() > self.deadline:
            raise _Abort
        self.report.examples += 1
        self.flight.start(self.report.examples, data)
        try:
            with _time_limit(self.options["example_seconds"]):
                self.target(data)
        except _ExampleTimeout:
            self._stop("timeout", data, f"over {self.options['example_seconds']} s")
        except MemoryError:
            self._stop("memory", data, f"over {self.options['memory_mb']} MB")
        except Exception as error:
            self._remember(data, error)
            raise
        finally:
            self.flight.finish()

    def _stop(self, kind: str, data: bytes, message: str) -> None:
        """Report a hang or a blow-up once per kind, with the shortest input seen."""
        self.stops += 1
        same = [finding for finding in self.report.findings if finding.kind == kind]
        if not same or len(data) < same[0].size:
            path = save_input(self.options["findings"], self.name, kind, data, message)
            self.report.findings = [f for f in self.report.findings if f.kind != kind]
            self.report.findings.append(Finding(kind, kind, message, len(data), path))
        raise _Abort

    def _remember(self, data: bytes, error: Exception) -> None:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        key = (type(error).__name__, f"{frame.filename}:{frame.lineno}")
        shortest = self.failures.get(key)
        if shortest is None or len(data) < len(shortest[0]):
            details = "".join(traceback.format_exception(error))
            self.failures[key] = (data, error, details)

    def run(self, seconds: float) -> Report:
        started = time.monotonic()
        self.deadline = started + seconds
        round_number = 0
        while time.monotonic() < self.deadline and self.stops < MAX_STOPS:
            try:
                self._round(round_number)
            except _Abort:
                pass
            except Exception as error:  # a failure hypothesis shrank, or its own trouble
                if not self.failures:
                    self.report.error = f"{type(error).__name__}: {error}"[:500]
                    break
            round_number += 1
        self._report_failures()
        self.report.seconds = round(time.monotonic() - started, 1)
        return self.report

    def _round(self, number: int) -> None:
        from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings

        # The first round replays what earlier runs found (the database); the later ones
        # only explore, or each would start by failing on the same saved example.
        phases = [Phase.generate, Phase.target, Phase.shrink]
        if number == 0:
            phases = [Phase.reuse, *phases]

        @seed(self.options["seed"] + number)
        @settings(
            max_examples=200,
            # The alarm interrupts a slow example first; this only backs it up.
            deadline=timedelta(seconds=2 * self.options["example_seconds"]),
            database=self.options["database"],
            phases=phases,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
            verbosity=Verbosity.quiet,
            derandomize=False,
        )
        @given(data=self.options["strategy"])
        def fuzz_one(data: bytes) -> None:
            self.call(data)

        fuzz_one.__qualname__ = f"fuzz_{self.name}"
        fuzz_one()

    def _report_failures(self) -> None:
        for (type_name, where), (data, error, details) in self.failures.items():
            message = (str(error).splitlines() or [""])[0][:300]
            path = save_input(self.options["findings"], self.name, type_name, data, details)
            finding = Finding("exception", type_name, f"{message} (at {where})", len(data), path)
            self.report.findings.append(finding)


def limit_memory(megabytes: int) -> None:
    """At most ``megabytes`` more address space than this process holds already."""
    with open("/proc/self/status", encoding="ascii") as status:
        held = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = held * 1024 + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def write_report(report: Report, path: Path) -> None:
    path.write_text(json.dumps(asdict(report)), encoding="utf-8")


def main_exit_code(report: Report) -> int:
    return 1 if report.findings or report.error else 0


def fail_early(name: str, path: Path, error: BaseException) -> None:
    """A target that cannot even start: reported as broken."""
    message = f"{type(error).__name__}: {error}".splitlines()[0][:500]
    write_report(Report(target=name, error=message), path)
    sys.exit(1)
