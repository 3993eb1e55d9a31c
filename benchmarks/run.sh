#!/usr/bin/env bash
# Builds what the queue benchmark needs and runs it. Arguments go to QueueBenchmark (--help lists them):
#   benchmarks/run.sh                      # the full run (about 12 minutes on 2 cores)
#   benchmarks/run.sh --jobs 1000 --repeats 1
# Database: $BEAMPIPE_BENCH_DATABASE_URL, else a fresh database on postgres://postgres@127.0.0.1:5432/postgres
# (dropped afterwards), else an embedded PostgreSQL. Results: stdout and benchmarks/target/queue-benchmark.json.
# BENCH_SKIP_INSTALL=1 skips re-installing shared-model and worker-service into the local Maven repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_INSTALL:-0}" != "1" ]]; then
  mvn -B -q install -DskipTests -pl shared-model,worker-service
fi
mvn -B -q -f benchmarks/pom.xml compile exec:java -Dexec.args="$*"
