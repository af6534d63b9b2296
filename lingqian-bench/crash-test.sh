#!/usr/bin/env bash
# The crash test (docs/reliability.md#5-crash-test): builds the server jar, starts a throwaway
# PostgreSQL and Lingqian on it, drives a mixed money load over HTTP while killing the server with
# SIGKILL at random moments and restarting it, then checks that nothing acknowledged was lost or
# applied twice, notifications and expiries still happen and the ledger's checks hold.
#   lingqian-bench/crash-test.sh [--crashes 20] [--workers 3] [--seed N]
# Ports: CRASH_PG_PORT (default 55491) and CRASH_HTTP_PORT (default 18491), both on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_port=${CRASH_PG_PORT:-55491}
http_port=${CRASH_HTTP_PORT:-18491}
work=$(mktemp -d /tmp/lingqian-crash.XXXXXX)
chmod 755 "$work"   # the postgres user must reach the cluster directory inside it
pg_dir="$work/pg"

./mvnw -B -q -pl lingqian-server,lingqian-bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
jar=$(ls lingqian-server/target/lingqian-server-*.jar | grep -v -- '-plain\|-sources' | head -1)

cleanup() { .ci/pg-throwaway.sh stop "$pg_dir" || true; }
trap cleanup EXIT
jdbc=$(.ci/pg-throwaway.sh start "$pg_dir" "$pg_port" lingqian | tail -1)
echo "PostgreSQL at $jdbc; work directory $work"

java -Xmx512m -cp "lingqian-bench/target/classes:$(cat lingqian-bench/target/classpath.txt)" \
  io.lingqian.bench.crash.CrashTest --jar "$jar" --jdbc "$jdbc" --port "$http_port" --work "$work/run" "$@"
