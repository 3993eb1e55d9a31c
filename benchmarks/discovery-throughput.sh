#!/usr/bin/env bash
# Discovery throughput (issue 5, acceptance 7): the TAP simulator standalone + one scheduler-service + N
# worker-service processes on a fresh PostgreSQL database; S registered HIPASS-like sources are enabled at
# once and the script waits until every one was checked (last_checked_at) or failed (last_attempted_at),
# then prints sources/min. Numbers, not assertions: it never fails on a figure.
#
#   benchmarks/discovery-throughput.sh [--workers N] [--sources S] [--batch-size B]
#                                      [--source-concurrency C] [--delay-ms MS] [--repeats R] [--label TEXT]
#
# Defaults: N=1, S=200, B=10 (the reference config), C=4, no simulator delay, R=3 runs on the same processes
# (run 1 includes JIT warm-up; between runs every result, failure count and finished batch is cleared); the
# median is printed last. Needs the packaged services
# and the cli (built once with `mvn -B -q -o install -DskipTests` when a jar is missing), psql, curl and python3 on
# PATH and a PostgreSQL at BEAMPIPE_BENCH_PG (default postgres://postgres@127.0.0.1:5432, trust auth).
# The reference WALLABY config is read in place from ../shared/reference (BEAMPIPE_REFERENCE overrides);
# only a temporary variant with batch_size changed is written. Results are also appended to
# benchmarks/target/discovery-throughput.tsv.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workers=1
sources=200
batch_size=10
source_concurrency=4
delay_ms=0
label=""
repeats=3
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --sources) sources="$2"; shift 2 ;;
    --batch-size) batch_size="$2"; shift 2 ;;
    --source-concurrency) source_concurrency="$2"; shift 2 ;;
    --delay-ms) delay_ms="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

reference="${BEAMPIPE_REFERENCE:-$root/../shared/reference}"
reference="$(cd "$reference" && pwd)"
config="$reference/config/wallaby_hires.v2.yaml"
[ -f "$config" ] || { echo "reference config $config is missing" >&2; exit 2; }

for jar in cli scheduler-service worker-service; do
  if [ ! -f "$root/$jar/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$root/simulators/target/classes" ]; then
    echo "building the packaged services (mvn -B -q -o install -DskipTests) ..." >&2
    (cd "$root" && mvn -B -q -o install -DskipTests) >&2
    break
  fi
done

pg="${BEAMPIPE_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
db="bp_discovery_bench_$$_${RANDOM}"
work="$(mktemp -d -t discovery-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  echo "logs: $work" >&2
}
trap cleanup EXIT

psql -q "$pg/postgres" -c "CREATE DATABASE $db" >/dev/null
export DATABASE_URL="$pg/$db"
sql() { psql -qtAX "$DATABASE_URL" -c "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

"$root/bin/beampipe" migrate >"$work/migrate.log" 2>&1

sim_port="$(free_port)"
java -cp "$root/simulators/target/classes" dev.beampipe.simulators.tap.TapSimulator --port "$sim_port" >"$work/simulator.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$sim_port/casda/tap/availability" >/dev/null 2>&1 && break
  sleep 0.1
done
if [ "$delay_ms" != 0 ]; then
  curl -fs -X POST "http://127.0.0.1:$sim_port/_control/casda/delay?ms=$delay_ms" >/dev/null
  curl -fs -X POST "http://127.0.0.1:$sim_port/_control/vizier/delay?ms=$delay_ms" >/dev/null
fi

# the reference config with batch_size changed, uploaded with the CLI (graph resolved against the reference folder)
variant="$work/wallaby_hires.bench.yaml"
sed -E "s/^    batch_size: [0-9]+$/    batch_size: $batch_size/" "$config" >"$variant"
BEAMPIPE_HOME="$reference" "$root/bin/beampipe" project add -f "$variant" >"$work/project-add.log" 2>&1

# S distinct HIPASS-like names J<hh><mm><+|-><dd>[a-z] (unique for S <= 9720), registered disabled
sql "INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, created_at)
     SELECT gen_random_uuid(), 'wallaby_hires',
            format('HIPASSJ%s%s%s%s%s', lpad((i * 7 % 24)::text, 2, '0'), lpad((i * 13 % 60)::text, 2, '0'),
                   CASE WHEN i % 2 = 0 THEN '-' ELSE '+' END, lpad((i * 17 % 90)::text, 2, '0'),
                   CASE WHEN i / 360 = 0 THEN '' ELSE chr(96 + i / 360) END),
            false, clock_timestamp() + make_interval(secs => i / 1000.0)
     FROM generate_series(0, $sources - 1) AS i" >/dev/null

env_common=(BEAMPIPE_CASDA_TAP_URL="http://127.0.0.1:$sim_port/casda/tap"
            BEAMPIPE_VIZIER_TAP_URL="http://127.0.0.1:$sim_port/vizier/tap"
            BEAMPIPE_SCHEDULER_INTERVAL_SECONDS=1 BEAMPIPE_WORKER_POOL=bench
            BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY="$source_concurrency")
env "${env_common[@]}" BEAMPIPE_METRICS_BIND_ADDR="127.0.0.1:$(free_port)" \
  java -Xmx512m -jar "$root/scheduler-service/target/quarkus-app/quarkus-run.jar" >"$work/scheduler.log" 2>&1 &
pids+=("$!")
for i in $(seq 1 "$workers"); do
  env "${env_common[@]}" BEAMPIPE_METRICS_BIND_ADDR="127.0.0.1:$(free_port)" \
    java -Xmx512m -jar "$root/worker-service/target/quarkus-app/quarkus-run.jar" >"$work/worker-$i.log" 2>&1 &
  pids+=("$!")
done

# start the clock only when every process is up: N active workers and a live scheduler leader
for _ in $(seq 1 600); do
  up="$(sql "SELECT count(*) FROM worker_instances WHERE status = 'active'")"
  leader="$(sql "SELECT count(*) FROM scheduler_tick_log WHERE tick_name = 'bootstrap'")"
  [ "$up" -ge "$workers" ] && [ "$leader" -ge 1 ] && break
  sleep 0.2
done
[ "$up" -ge "$workers" ] || { echo "only $up of $workers workers came up (logs in $work)" >&2; exit 1; }

printf 'discovery throughput: workers=%s sources=%s batch_size=%s source_concurrency=%s delay_ms=%s repeats=%s\n' \
  "$workers" "$sources" "$batch_size" "$source_concurrency" "$delay_ms" "$repeats"
mkdir -p "$root/benchmarks/target"
rates=()
for run in $(seq 1 "$repeats"); do
  if [ "$run" -gt 1 ]; then
    # the same processes (warm JITs) on a clean slate: no results, no failures, no claims, nothing queued
    sql "UPDATE source_registry SET enabled = false, last_checked_at = NULL, last_attempted_at = NULL, discovery_failures = 0,
           discovery_signature = NULL, discovery_claim_token = NULL, discovery_claim_expires_at = NULL,
           workflow_run_pending = false, workflow_run_pending_at = NULL;
         DELETE FROM archive_metadata; DELETE FROM jobs WHERE kind = 'discover_batch' AND status IN ('completed', 'failed', 'dead_lettered')" >/dev/null
    curl -fs -X POST "http://127.0.0.1:$sim_port/_control/casda/reset" >/dev/null
    curl -fs -X POST "http://127.0.0.1:$sim_port/_control/vizier/reset" >/dev/null
    if [ "$delay_ms" != 0 ]; then
      curl -fs -X POST "http://127.0.0.1:$sim_port/_control/casda/delay?ms=$delay_ms" >/dev/null
      curl -fs -X POST "http://127.0.0.1:$sim_port/_control/vizier/delay?ms=$delay_ms" >/dev/null
    fi
  fi
  started="$(sql "UPDATE source_registry SET enabled = true RETURNING 1" | wc -l)"
  t0="$(sql "SELECT extract(epoch FROM clock_timestamp())")"
  timeout_s=$(( 120 + sources * 3 ))
  done_count=0
  for _ in $(seq 1 $(( timeout_s * 4 ))); do
    done_count="$(sql "SELECT count(*) FROM source_registry WHERE last_checked_at IS NOT NULL OR last_attempted_at IS NOT NULL")"
    [ "$done_count" -ge "$started" ] && break
    sleep 0.25
  done
  [ "$done_count" -ge "$started" ] || { echo "only $done_count of $started sources done after ${timeout_s}s (logs in $work)" >&2; exit 1; }

  # the last source's own timestamp, not the polling instant
  read -r elapsed checked failed < <(sql "SELECT round((extract(epoch FROM max(greatest(last_checked_at, last_attempted_at))) - $t0)::numeric, 2),
        count(*) FILTER (WHERE last_checked_at IS NOT NULL), count(*) FILTER (WHERE last_checked_at IS NULL)
      FROM source_registry" | tr '|' ' ')
  rate="$(python3 -c "print(round($started / max($elapsed, 0.001) * 60, 1))")"
  rates+=("$rate")
  tap_requests="$(curl -fs "http://127.0.0.1:$sim_port/_control/casda/counts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')"
  printf '  run %s: %s s from enabling to the last check; %s checked, %s failed (discovery error, e.g. no calibration archive); %s CASDA requests; %s sources/min\n' \
    "$run" "$elapsed" "$checked" "$failed" "$tap_requests" "$rate"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" "$workers" "$started" "$batch_size" \
    "$source_concurrency" "$delay_ms" "$run" "$elapsed" "$rate" >>"$root/benchmarks/target/discovery-throughput.tsv"
done
median="$(printf '%s\n' "${rates[@]}" | sort -n | python3 -c 'import sys; v=[float(x) for x in sys.stdin]; print(v[len(v)//2])')"
printf '  median of %s runs: %s sources/min (load average now: %s)\n' "$repeats" "$median" "$(cut -d' ' -f1-3 /proc/loadavg)"
