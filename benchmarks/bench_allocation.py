"""Our voting rules against pabutools 1.2.3, side by side in one run.

    .venv/bin/python benchmarks/bench_allocation.py            # everything (long)
    .venv/bin/python benchmarks/bench_allocation.py --quick    # under 2 minutes
    .venv/bin/python benchmarks/bench_allocation.py --shared 0 --sizes 100000

For each election (the largest shared Pabulib files, and generated elections of
10,000, 30,000 and 100,000 voters over 200 projects, approvals drawn like the
shared files') and each rule it prints: the time of the rule alone (ours: the
vote matrix plus the rule; pabutools: the rule on its parsed profile), the time
of the whole command (ours: `python -m commonweal prioritize FILE --rule R` in a
subprocess, start-up included; pabutools: parsing the file plus the rule), both
ratios, and whether the selected sets are the same. Then it times the
multi-year planner on 300 generated items over 5 years.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "allocation"))

import pabutools_reference as reference  # noqa: E402
from allocation_generate import SHARED, generated_election  # noqa: E402
from plan_factories import generated_plan  # noqa: E402

from commonweal.allocation import RULES, read_pabulib, vote_matrix, write_pabulib  # noqa: E402
from commonweal.allocation.planner import solve_plan  # noqa: E402

SIZES = (10_000, 30_000, 100_000)
DEFAULT_RULES = ("greedy", "mes", "phragmen")


def _timed(function, *args, repeat: int = 1):
    """Best wall time of ``repeat`` calls, and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def _ours(rule: str, election):
    return RULES[rule](election, vote_matrix(election))


def _command_seconds(path: Path, rule: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "commonweal", "prioritize", str(path), "--rule", rule],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=REPO,
    )
    return time.perf_counter() - start


def _elections(n_shared: int, sizes: tuple[int, ...], workdir: Path) -> list[tuple[str, Path]]:
    shared = sorted(SHARED.glob("*.pb"), key=lambda p: p.stat().st_size, reverse=True)
    chosen = [(p.stem, p) for p in shared[:n_shared]]
    for size in sizes:
        path = workdir / f"generated_{size}.pb"
        write_pabulib(generated_election(size), path)
        chosen.append((f"generated {size:,} x 200", path))
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one shared file, 10,000 voters")
    parser.add_argument("--rules", default=",".join(DEFAULT_RULES))
    parser.add_argument("--sizes", default=None, help="generated voter counts, e.g. 10000,30000")
    parser.add_argument("--shared", type=int, default=None, help="how many shared files")
    args = parser.parse_args(argv)
    rules = args.rules.split(",")
    default_sizes = SIZES[:1] if args.quick else SIZES
    sizes = (
        default_sizes if args.sizes is None else tuple(int(s) for s in args.sizes.split(",") if s)
    )
    n_shared = args.shared if args.shared is not None else (1 if args.quick else 3)

    header = (
        f"{'election':<34} {'voters':>7} {'rule':<11} {'ours rule':>10} {'pabu rule':>10} "
        f"{'ratio':>7} {'ours cmd':>9} {'pabu cmd':>9} {'ratio':>7}  same"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in _elections(n_shared, sizes, Path(tmp)):
            parse_ours, election = _timed(read_pabulib, path)
            parse_ref, (instance, profile, vote_type) = _timed(reference.load, path)
            for rule in rules:
                if rule == "phragmen" and vote_type in reference.POINT_TYPES:
                    continue
                ours_rule, outcome = _timed(_ours, rule, election, repeat=3)
                ref_rule, ref_outcome = _timed(reference.run, rule, instance, profile, vote_type)
                ours_cmd = _command_seconds(path, rule)
                ref_cmd = parse_ref + ref_rule
                same = outcome.selected_ids == reference.selected_ids(ref_outcome)
                if rule == "max-welfare":
                    same = abs(
                        outcome.details["welfare"]
                        - float(reference.welfare(ref_outcome, instance, profile, vote_type))
                    ) <= 1e-9 * max(1.0, outcome.details["welfare"])
                print(
                    f"{label[:34]:<34} {len(election.voter_ids):>7} {rule:<11} "
                    f"{ours_rule:>9.3f}s {ref_rule:>9.2f}s {ref_rule / ours_rule:>6.0f}x "
                    f"{ours_cmd:>8.2f}s {ref_cmd:>8.2f}s {ref_cmd / ours_cmd:>6.1f}x  "
                    f"{'yes' if same else 'NO'}",
                    flush=True,
                )
            print(
                f"{'':<34} {'':>7} {'(parse)':<11} {parse_ours:>9.3f}s {parse_ref:>9.2f}s "
                f"{parse_ref / parse_ours:>6.0f}x",
                flush=True,
            )
    _bench_planner(seeds=1 if args.quick else 3)
    return 0


def _bench_planner(seeds: int) -> None:
    """The multi-year planner: 300 items over 5 years, with dependencies."""
    print()
    print(f"{'planner (300 items x 5 years)':<34} {'seed':>7} {'status':<11} {'seconds':>10} gap")
    for objective in ("max-support", "fair-shares"):
        for seed in range(seeds):
            started = time.perf_counter()
            result = solve_plan(generated_plan(300, 5, seed=seed, objective=objective))
            seconds = time.perf_counter() - started
            print(
                f"{objective:<34} {seed:>7} {result.status:<11} {seconds:>9.2f}s {result.gap:.3%}",
                flush=True,
            )


if __name__ == "__main__":
    sys.exit(main())
