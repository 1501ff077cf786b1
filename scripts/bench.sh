#!/usr/bin/env bash
# Every benchmark in benchmarks/, each running our code and its reference side by side.
# Pass --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for bench in benchmarks/bench_*.py; do
  echo "== $bench"
  .venv/bin/python "$bench" "$@" || status=1
done
exit $status
