#!/usr/bin/env bash
# The benchmark of docs/performance.md, in one command on a fresh clone (as root on Debian, like CI):
#   lingqian-bench/bench.sh            the full run (about 15-20 minutes on the project's 2-core VM)
#   lingqian-bench/bench.sh --smoke    every step with tiny sizes and durations, no goal judged (CI)
# It builds everything, measures the server's start-up on the embedded database, starts a throwaway
# PostgreSQL (installing Debian's postgresql if missing), runs the anchors (pgbench TPC-B, the RSA
# signing rate, the trivial endpoint) and the scenarios (ledger, red packet storm, merchant payments,
# trade bills) against it, and prints one table. The raw result lines and the server's log are kept
# in lingqian-bench/target/bench/.
# Env: BENCH_PGPORT (55497), BENCH_PORT (18480), BENCH_STARTUP_PORT (18481), BENCH_HTTP_ARGS (sizes of the
# HTTP scenarios, e.g. "--members 500 --packets 10"; see io.lingqian.bench.http.HttpBench),
# BENCH_STEPS (startup,anchors,ledger,http: the steps to run; a partial run is for work on one figure,
# the table of docs/performance.md comes from all of them). With http, BENCH_HTTP_ARGS may name the
# scenarios too, e.g. "--scenarios ping,storm" (ping,storm,payments,bills).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SMOKE=false
[ "${1:-}" = "--smoke" ] && SMOKE=true
STEPS=",${BENCH_STEPS:-startup,anchors,ledger,http},"
step() { [[ $STEPS == *",$1,"* ]]; }
if $SMOKE; then DURATION=3; WARMUP=1; else DURATION=20; WARMUP=5; fi
PGPORT=${BENCH_PGPORT:-55497}
PORT=${BENCH_PORT:-18480}
STARTUP_PORT=${BENCH_STARTUP_PORT:-18481}
OUT=$ROOT/lingqian-bench/target/bench
WORK=$(mktemp -d /tmp/lingqian-bench.XXXXXX)
chmod 755 "$WORK"
RESULTS=$OUT/results.txt
mkdir -p "$OUT"
rm -f "$OUT/startup.log"
PIDS=()

log() { echo "[bench] $(date -u +%H:%M:%S) $*" >&2; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  .ci/pg-throwaway.sh stop "$WORK/pg" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Waits until http://127.0.0.1:$1/actuator/health answers UP; fails after $2 seconds.
wait_healthy() {
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fsS "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "no healthy server on port $1 after $2 s"; return 1; }
    sleep 0.1
  done
}

# --- build ---------------------------------------------------------------------------------------
log "building (mvnw package -DskipTests)"
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime >/dev/null
: >"$RESULTS"
JAR=$(ls lingqian-server/target/lingqian-server-*.jar | grep -v original | head -1)
BENCH_CP="$ROOT/lingqian-bench/target/classes:$(cat lingqian-bench/target/classpath.txt)"

{
  echo "# $(date -u +%FT%TZ) smoke=$SMOKE host=$(hostname) cores=$(nproc)" \
       "memory=$(awk '/MemTotal/{printf "%.0fGiB", $2/1048576}' /proc/meminfo)" \
       "java=$(java -version 2>&1 | head -1 | tr -d '"' | awk '{print $3}')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$RESULTS" >&2

# --- start-up on the embedded database -----------------------------------------------------------
# The README's run command is `./mvnw -pl lingqian-server -am spring-boot:run`; once built, it starts
# the application from an exploded class path (target/classes and the dependency jars side by side).
# The same layout from the built jar is Spring Boot's extracted form (`java -Djarmode=tools -jar
# <jar> extract`), which this times (the extraction itself is not timed: it is a packaging step), from
# an empty directory so that the H2 database and the demo are created. The nested fat jar (`java -jar`
# on the jar itself) loads its classes through Boot's nested-jar loader, about 3 s more on this VM.
startup() {  # name
  local begin end pid
  begin=$(date +%s%N)
  (cd "$WORK/startup" && exec java -jar "$WORK/app/app.jar" --server.port="$STARTUP_PORT" >>"$OUT/startup.log" 2>&1) &
  pid=$!
  PIDS+=("$pid")
  wait_healthy "$STARTUP_PORT" 600
  end=$(date +%s%N)
  echo "result name=$1 value=$(awk -v b="$begin" -v e="$end" 'BEGIN{printf "%.1f", (e-b)/1e9}') unit=s" | tee -a "$RESULTS" >&2
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
if step startup; then
  mkdir -p "$WORK/startup"
  java -Djarmode=tools -jar "$ROOT/$JAR" extract --destination "$WORK/app" >/dev/null
  [ -f "$WORK/app/app.jar" ] || mv "$WORK/app/$(basename "$JAR")" "$WORK/app/app.jar"
  log "start-up on H2 (first start, then a restart)"
  startup startup-first
  startup startup-restart
fi

# --- PostgreSQL ----------------------------------------------------------------------------------
log "starting PostgreSQL on port $PGPORT"
URL=$(.ci/pg-throwaway.sh start "$WORK/pg" "$PGPORT" lingqian | tail -1)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
"$PGBIN/psql" -X -q -d postgres -c "CREATE DATABASE tpcb" -c "CREATE DATABASE ledgerbench"
echo "# $("$PGBIN/postgres" --version), default settings (fsync and synchronous_commit on)" | tee -a "$RESULTS" >&2

# --- anchors -------------------------------------------------------------------------------------
if step anchors; then
log "anchor: pgbench TPC-B, 32 clients, ${DURATION}s"
"$PGBIN/pgbench" -i -s 10 -q tpcb >/dev/null 2>&1
mkdir -p "$WORK/pgbench" && chmod 777 "$WORK/pgbench"
tps=$(cd "$WORK/pgbench" && "$PGBIN/pgbench" -c 32 -j 2 -T "$DURATION" -l --log-prefix="$WORK/pgbench/tx" tpcb 2>/dev/null \
      | awk '/^tps = /{printf "%.0f", $3}')
pcts=$(cat "$WORK"/pgbench/tx* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {
  printf "p50=%.2f p99=%.2f p999=%.2f", v[int(NR*0.5)+1]/1000, v[int(NR*0.99)+1]/1000, v[int(NR*0.999)+1]/1000}')
echo "result name=anchor-tpcb value=$tps unit=tx/s $pcts" | tee -a "$RESULTS" >&2

log "anchor: SHA256withRSA-2048 signatures, one thread per core"
java -cp "$BENCH_CP" io.lingqian.bench.anchor.SigningCeiling --seconds "$DURATION" --warmup "$WARMUP" \
  | tee -a "$RESULTS" >&2
fi

# --- ledger (LedgerThroughput, as the ledger's own harness runs it) -----------------------------
ledger() {  # name, then LedgerThroughput options
  local name=$1 line; shift
  line=$(java -Xmx2g -cp "$BENCH_CP" io.lingqian.bench.LedgerThroughput --url "jdbc:postgresql://127.0.0.1:$PGPORT/ledgerbench?user=postgres" \
         --seconds "$DURATION" --warmup "$WARMUP" "$@" 2>/dev/null | grep '^ledger ' || true)
  if [ -z "$line" ]; then log "LedgerThroughput $* printed no figures"; return 0; fi
  echo "result name=$name value=$(sed -E 's/.* tps=([0-9]+).*/\1/' <<<"$line") unit=transfers/s" \
       "$(sed -E 's/.* p50_ms=([0-9.]+) p99_ms=([0-9.]+) p999_ms=([0-9.]+) invariants=(.*)/p50=\1 p99=\2 p999=\3 invariants=\4/' <<<"$line" | tr ' ' '\n' | grep -E '^(p50|p99|p999|invariants)=' | tr '\n' ' ')" \
       "refused=$(sed -E 's/.* refused=([0-9]+).*/\1/' <<<"$line")" | tee -a "$RESULTS" >&2
}
# The 16 callers post through one GroupCommit (docs/ledger.md): their batches share transactions.
if step ledger; then
  log "ledger: random accounts, then half to one hot account"
  ledger ledger-random --threads 16 --batch 100 --accounts 10000 --front group-commit
  ledger ledger-hot --threads 16 --batch 100 --accounts 10000 --hot 0.5 --front group-commit
fi

# --- the server on PostgreSQL, and the HTTP scenarios --------------------------------------------
# Settings that differ from the defaults, and why:
#   bench seeding on            payers and merchants are made by /bench/seed (off by default);
#   rate limits off             all the load comes from one address, which a per-address limit would throttle;
#   groups of up to 1000        the storm's group is bigger than the default limit of 500;
#   notifications to loopback  the merchants' notify_url is the load generator on 127.0.0.1.
# Notifications are handed to delivery threads when the payment commits (the default), so the
# notification job's poll (every 5 s, for retries) is left as it is.
if step http; then
mkdir -p "$WORK/server"
log "starting Lingqian on PostgreSQL, port $PORT"
(cd "$WORK/server" && SPRING_DATASOURCE_URL="$URL" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  LINGQIAN_BENCH_SEEDING=true LINGQIAN_RATE_LIMITS_ENABLED=false LINGQIAN_SOCIAL_MAX_GROUP_MEMBERS=1000 \
  LINGQIAN_NOTIFICATION_ALLOWED_HOSTS=127.0.0.1 \
  LINGQIAN_DEMO_SEED=false exec java -Xmx1g -jar "$ROOT/$JAR" --server.port="$PORT" >"$OUT/server.log" 2>&1) &
PIDS+=("$!")
wait_healthy "$PORT" 600
log "HTTP scenarios: ping ceiling, red packet storm, merchant payments, bills"
java -Xmx1g -cp "$BENCH_CP" io.lingqian.bench.http.HttpBench --base "http://127.0.0.1:$PORT" --smoke "$SMOKE" \
  ${BENCH_HTTP_ARGS:-} | tee -a "$RESULTS" >&2
fi
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS" >&2

# --- the table -----------------------------------------------------------------------------------
echo
grep '^#' "$RESULTS"
echo
java -cp "$BENCH_CP" io.lingqian.bench.http.Report "$RESULTS" --smoke "$SMOKE"
missing=$(java -cp "$BENCH_CP" io.lingqian.bench.http.Report "$RESULTS" --smoke "$SMOKE" | grep -c '| missing' || true)
if [ "$missing" != 0 ] && [ -z "${BENCH_STEPS:-}" ]; then
  log "$missing figures are missing; see $RESULTS and $OUT/server.log"
  exit 1
fi
