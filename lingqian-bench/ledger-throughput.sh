#!/usr/bin/env bash
# Builds the benchmark module and runs the ledger throughput harness with the given options, e.g.
#   lingqian-bench/ledger-throughput.sh --url 'jdbc:postgresql://127.0.0.1:55432/bench?user=postgres' \
#       --threads 16 --batch 100 --seconds 20 --hot 0.5
# Without --url it runs on an in-memory H2 database. The threads post their batches through one
# GroupCommit (--front group-commit, the default) or each in its own transaction (--front direct).
# With --callers N (and --writers W, default 1) it measures group commit with N callers that have one
# single transfer in flight each instead (LedgerThroughput).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl lingqian-bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -Xmx2g -cp "lingqian-bench/target/classes:$(cat lingqian-bench/target/classpath.txt)" \
  io.lingqian.bench.LedgerThroughput "$@"
