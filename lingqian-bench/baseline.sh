#!/usr/bin/env bash
# The ledger's throughput next to PostgreSQL's own TPC-B, on the same throwaway PostgreSQL server in
# the same run (this machine is shared and noisy: only figures from one run compare). Prints a table
# of transactions or transfers per second and the ratio to the TPC-B anchor.
#   lingqian-bench/baseline.sh            (DURATION=20 seconds per scenario by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
PORT=${PORT:-55498}
DIR=$(mktemp -d /tmp/lingqian-bench-pg.XXXXXX)
trap '.ci/pg-throwaway.sh stop "$DIR"' EXIT
URL=$(.ci/pg-throwaway.sh start "$DIR" "$PORT" bench | tail -1)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres

echo "# $(date -u +%FT%TZ) host=$(hostname) cores=$(nproc) $("$PGBIN/postgres" --version) duration=${DURATION}s"
"$PGBIN/pgbench" -i -s 10 -q bench >/dev/null 2>&1
anchor=$("$PGBIN/pgbench" -c 32 -j 2 -T "$DURATION" bench 2>/dev/null | awk '/^tps = /{printf "%.0f", $3}')
echo "anchor pgbench tpcb-like c=32 j=2 tps=$anchor"

run() {  # label, then LedgerThroughput options
  local label=$1; shift
  local line
  line=$(lingqian-bench/ledger-throughput.sh --url "$URL?user=postgres" --seconds "$DURATION" --warmup 5 "$@" \
         2>/dev/null | grep '^ledger ')
  local tps
  tps=$(sed -E 's/.* tps=([0-9]+).*/\1/' <<<"$line")
  echo "$label $line ratio_to_tpcb=$(awk -v a="$tps" -v b="$anchor" 'BEGIN{printf "%.2f", a/b}')"
}
run "one-transfer-per-transaction" --threads 32 --batch 1 --accounts 10000 --front direct
run "batches-of-100" --threads 16 --batch 100 --accounts 10000 --front direct
run "batches-of-100-half-to-one-hot-account" --threads 16 --batch 100 --accounts 10000 --hot 0.5 --front direct
# Group commit (GroupCommit): many callers, each with one single transfer in flight, one writer.
run "group-commit-single-transfers" --callers "${CALLERS:-1024}" --accounts 10000
run "group-commit-single-transfers-half-to-one-hot-account" --callers "${CALLERS:-1024}" --accounts 10000 --hot 0.5
