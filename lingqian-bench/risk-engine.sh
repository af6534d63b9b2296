#!/usr/bin/env bash
# Builds the benchmark module and runs the risk engine's JMH benchmark (docs/performance.md).
# Extra arguments go to JMH, e.g. `lingqian-bench/risk-engine.sh -wi 1 -i 2` for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl lingqian-bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -Xmx2g -cp "lingqian-bench/target/classes:$(cat lingqian-bench/target/classpath.txt)" \
  org.openjdk.jmh.Main RiskEngineBenchmark "$@"
