#!/usr/bin/env bash
# The failover drill, RUNS times (default 10): each run starts a Patroni pair (synchronous replication, one etcd) on
# free 127.0.0.1 ports, serves the API on both nodes, kills the primary's node with SIGKILL under a redemption and
# award load, and checks the ledger against every acknowledged answer. Needs the Debian packages patroni and
# etcd-server, and PostgreSQL. Prints each run's unavailability window; answers and the API's log stay in the folder
# it names at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
LEDGER_FAILOVER_RUNS="${1:-10}" dotnet test tests/Operations.Tests --nologo \
  --filter "FullyQualifiedName~FailoverDrillTests" --logger "console;verbosity=detailed" | grep -E "run [0-9]+:|answers and summary|Passed|Failed"
