#!/usr/bin/env bash
# Runs the ledger benchmark by hand (never in CI): each figure beside its raw yardstick, measured in the same run.
# Usage: benchmarks/run.sh [--quick] [--backend sqlite|postgres|all] [--events N] [--seconds S] ...
# The report is printed and written to benchmarks/results/<utc time>.md; see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pgbench >/dev/null || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || {
  echo "pgbench is missing: apt-get install -y postgresql" >&2; exit 2; }
dotnet build tests/Benchmarks -c Release --nologo -v quiet -clp:NoSummary
# The redemption benchmark runs the API as its own process, from its Release build.
dotnet build src/Api -c Release --nologo -v quiet -clp:NoSummary
exec dotnet run -c Release --no-build --project tests/Benchmarks -- "$@"
