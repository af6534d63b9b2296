#!/usr/bin/env bash
# Builds the benchmark module (and compiles the server, whose red packet split one benchmark calls)
# and runs the JMH benchmarks of package io.lingqian.bench.jmh (docs/performance.md): ledger batch
# apply, red packet split, v3 signature verification. Arguments go to JMH, e.g.
#   lingqian-bench/jmh.sh                                   (all of them)
#   lingqian-bench/jmh.sh SignatureVerifyBenchmark -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl lingqian-server -am -DskipTests compile >/dev/null
./mvnw -B -q -pl lingqian-bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
filter=io.lingqian.bench.jmh
if [[ $# -gt 0 && $1 != -* ]]; then filter="io.lingqian.bench.jmh.$1"; shift; fi
exec java -Xmx2g -cp "lingqian-bench/target/classes:lingqian-server/target/classes:$(cat lingqian-bench/target/classpath.txt)" \
  org.openjdk.jmh.Main "$filter" "$@"
