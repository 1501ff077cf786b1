"""Fuzz every reader for a fixed time: ``python fuzz/run.py [--seconds N] [--target NAME]``.

Targets live in ``fuzz/targets_*.py``; each module defines ``TARGETS`` (name: a function
taking a whole file as bytes, which swallows only the reader's documented errors), and
optionally ``SEEDS`` (name: valid files to mutate) and ``STRATEGIES`` (name: hypothesis
strategies of bytes). Each target runs in its own process, under a memory limit, with
a time limit per example; whatever escapes, hangs or blows up is a finding, saved
shortest-first under ``fuzz/findings/``. The exit status is 1 when anything was found
or a target could not run (docs/performance.md, "Fuzzing").
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _worker

HERE = Path(__file__).resolve().parent
# Importing a target module (Django's migrations for the importer) may take a while.
START_SECONDS = 180
# How long past the per-example limit an example may run before its process is killed:
# the alarm cannot interrupt C code (a regular expression, a Decimal), the kill can.
HANG_GRACE_SECONDS = 5


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=30, help="per target (default 30)")
    parser.add_argument("--target", action="append", help="run only this target (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the targets and stop")
    parser.add_argument("--targets", type=Path, default=HERE, help="folder of targets_*.py")
    parser.add_argument("--findings", type=Path, default=HERE / "findings")
    parser.add_argument("--database", type=Path, default=HERE / ".hypothesis")
    parser.add_argument("--example-seconds", type=float, default=5.0)
    parser.add_argument("--memory-mb", type=int, default=512)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    # Internal: what the harness asks of its own subprocesses.
    parser.add_argument("--describe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker", nargs=2, metavar=("MODULE", "NAME"), help=argparse.SUPPRESS)
    parser.add_argument("--in-flight", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def load_module(path: Path):
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def describe(path: Path) -> None:
    """Print the module's target names as JSON (run in a subprocess of the harness)."""
    print(json.dumps(sorted(load_module(path).TARGETS)))


def work(args: argparse.Namespace) -> None:
    """Fuzz one target and write its report (run in a subprocess of the harness)."""
    import _strategies
    from hypothesis.database import DirectoryBasedExampleDatabase

    module_path, name = Path(args.worker[0]), args.worker[1]
    try:
        module = load_module(module_path)
        target = module.TARGETS[name]
        seeds = _as_list(getattr(module, "SEEDS", {}).get(name))
        extra = _as_list(getattr(module, "STRATEGIES", {}).get(name))
        strategy = _strategies.for_target(seeds, extra)
        _warm_up(target, seeds)
        _worker.limit_memory(args.memory_mb)
    except Exception as error:
        _worker.fail_early(name, args.result, error)
    options = {
        "example_seconds": args.example_seconds,
        "memory_mb": args.memory_mb,
        "findings": args.findings,
        "database": DirectoryBasedExampleDatabase(str(args.database)),
        "strategy": strategy,
        "seed": args.seed,
    }
    flight = _worker.InFlight(args.in_flight)
    report = _worker.Fuzzer(name, target, options, flight).run(args.seconds)
    _worker.write_report(report, args.result)


def _warm_up(target, seeds: list[bytes]) -> None:
    """One call before the limits, so that a lazily built cache is not counted as an example."""
    with contextlib.suppress(Exception):  # the fuzzing itself reports what it raises
        target(seeds[0] if seeds else b"")


def list_targets(folder: Path) -> list[tuple[Path, list[str], str]]:
    """Every module with its target names, or with why it could not be imported."""
    found = []
    for path in sorted(folder.glob("targets_*.py")):
        done = subprocess.run(  # noqa: S603  (this script, with this interpreter)
            [sys.executable, str(HERE / "run.py"), "--describe", str(path)],
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
            env=_worker_environment(),
        )
        if done.returncode == 0:
            found.append((path, json.loads(done.stdout.strip().splitlines()[-1]), ""))
        else:
            found.append((path, [], _last_line(done.stderr)))
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def _worker_environment() -> dict[str, str]:
    # One thread per numerical library: the machine is shared, and every thread's
    # stack counts against the memory limit.
    return {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def run_target(path: Path, name: str, args: argparse.Namespace) -> _worker.Report:
    """Fuzz one target in a subprocess, killing it when an example hangs in C code."""
    with tempfile.TemporaryDirectory(prefix="commonweal-fuzz-") as folder:
        flight = _worker.InFlight(Path(folder) / "in-flight", create=True)
        result = Path(folder) / "report.json"
        with open(Path(folder) / "output", "w+b") as output:
            command = [
                *(sys.executable, str(HERE / "run.py"), "--worker", str(path), name),
                *("--seconds", str(args.seconds), "--seed", str(args.seed)),
                *("--example-seconds", str(args.example_seconds)),
                *("--memory-mb", str(args.memory_mb), "--findings", str(args.findings)),
                *("--database", str(args.database), "--result", str(result)),
                *("--in-flight", str(flight.path)),
            ]
            process = subprocess.Popen(  # noqa: S603  (this script, with this interpreter)
                command, stdout=output, stderr=subprocess.STDOUT, env=_worker_environment()
            )
            report = _watch(process, flight, name, args)
            if report is None and result.exists():
                return _worker.Report(**_read_report(result))
            if report is None:
                output.seek(0)
                report = _died(process.returncode, flight, name, output.read(), args)
            return report


def _watch(process, flight, name: str, args: argparse.Namespace) -> _worker.Report | None:
    """Wait for the worker; a report of the kill if it had to be killed, else None."""
    give_up = time.monotonic() + START_SECONDS + args.seconds + args.example_seconds
    started_at = time.monotonic()
    while process.poll() is None:
        time.sleep(0.2)
        number, started, data = flight.running()
        hung = started and time.time() - started > args.example_seconds + HANG_GRACE_SECONDS
        if hung or time.monotonic() > give_up:
            process.kill()
            process.wait()
            report = _worker.Report(target=name, examples=number)
            report.seconds = round(time.monotonic() - started_at, 1)
            if not hung:
                report.error = f"did not finish in {give_up - started_at:.0f} s"
                return report
            message = f"still running after {time.time() - started:.0f} s; killed"
            return _with_finding(report, args, "timeout", "hang", data, message)
    return None


def _died(returncode, flight, name, output: bytes, args) -> _worker.Report:
    """The worker ended without a report: a crash of the interpreter, or out of memory."""
    number, started, data = flight.running()
    tail = _last_line(output.decode("utf-8", "replace"))
    report = _worker.Report(target=name, examples=number)
    if not started:
        report.error = f"exited with status {returncode}: {tail}"
        return report
    message = f"the process ended with status {returncode} during an example: {tail}"
    return _with_finding(report, args, "died", "died", data, message)


def _with_finding(report, args, kind: str, label: str, data: bytes, message: str):
    """``report`` with the example that ended its worker saved and added as a finding."""
    path = _worker.save_input(args.findings, report.target, label, data, message)
    report.findings.append(_worker.Finding(kind, label, message, len(data), path))
    return report


def _read_report(path: Path) -> dict:
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["findings"] = [_worker.Finding(**finding) for finding in raw["findings"]]
    return raw


def print_report(report: _worker.Report) -> None:
    count = len(report.findings)
    status = f"broken: {report.error}" if report.error else f"{count} finding(s)"
    print(f"{report.target}: {report.examples} examples in {report.seconds} s, {status}")
    for finding in report.findings:
        print(f"  {finding.kind} {finding.type}: {finding.message}")
        print(f"    shortest input ({finding.size} bytes): {finding.input_path}")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.describe:
        describe(args.describe)
        return 0
    if args.worker:
        work(args)
        return 0
    args.findings, args.database = args.findings.resolve(), args.database.resolve()
    modules = list_targets(args.targets)
    wanted = set(args.target or [])
    known = {name for _, names, _ in modules for name in names}
    failed = bool(wanted - known)
    for unknown in sorted(wanted - known):
        print(f"{unknown}: no such target (known: {', '.join(sorted(known)) or 'none'})")
    if not args.list:
        print(f"seed {args.seed}, {args.seconds:g} s per target, {args.memory_mb} MB, ", end="")
        print(f"{args.example_seconds:g} s per example")
    for path, names, error in modules:
        if error:
            failed = failed or not wanted
            print(f"{path.name}: broken, not imported: {error}")
        for name in names:
            if args.list:
                print(f"{name}  ({path.name})")
            elif not wanted or name in wanted:
                report = run_target(path, name, args)
                print_report(report)
                failed = failed or bool(report.findings or report.error)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
