#!/usr/bin/env bash
# Linearity of the durable path (issue 6): "10x the calls takes <= 11x the time; a backlog of 100,000 queued calls
# drains at the same rate as 1,000". See bench/LINEARITY.md for what each figure means.
#
#  scale:   one server, workers on. WARM calls first (JIT warm-up, not measured), then N, then FACTOR*N calls with
#           unique ids, posted at CONC connections (bench/post-calls.js); each timed from the first post until
#           GET /api/v1/calls counts them all completed (or failed). Prints time(FACTOR*N)/time(N), target <= 11.
#  backlog: per size B in BACKLOG, a fresh database: the server starts with job workers off
#           (AFTERCALL_JOBS_CONCURRENCY=0), B calls are posted through the API, the server stops and starts again
#           with workers on, and the backlog drains. Drain rates come from the calls' completed_at: over the whole
#           backlog and over its first and last 10%. Prints rate(largest B)/rate(smallest B), target ~1.
#
# Usage: bench/linearity.sh [pg|h2]          (default pg)
# Env:   N=2000 FACTOR=10 WARM=N/2 CONC=32   BACKLOG="1000 100000" POST_CONC=64   PARTS="scale backlog"
#        EXPLAIN=1 (pg: bench/load/explain.sql against the full backlog and the drained one, saved beside the results)
#        SKIP_BUILD=1 (reuse bench/.work/app-<kind>)  JAVA_OPTS (default bench/jvm-opts.sh)  PORT=8091 STUB_PORT=9101  DB=aftercall_lin (pg: recreated)
#        DEADLINE=7200 (seconds a drain may take)    POLL=0.2 (seconds between completion counts)
#        ANALYZE=0: 1 runs "vacuum analyze" on the database every ANALYZE_EVERY=30 s during the parts, as autovacuum
#        would; this machine's PostgreSQL runs with autovacuum off, so its tables otherwise never get statistics
# Needs: node, python3, curl; psql for PostgreSQL (database $DB is recreated).
# Writes: bench/results/linearity-<stamp>.jsonl (one JSON line per measurement).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
KIND=${1:-pg}
N=${N:-2000}; FACTOR=${FACTOR:-10}; WARM=${WARM:-$((N / 2))}; CONC=${CONC:-32}
BACKLOG=${BACKLOG:-1000 100000}; POST_CONC=${POST_CONC:-64}; PARTS=${PARTS:-scale backlog}; EXPLAIN=${EXPLAIN:-1}
ANALYZE=${ANALYZE:-0}; ANALYZE_EVERY=${ANALYZE_EVERY:-30}
PORT=${PORT:-8091}; STUB_PORT=${STUB_PORT:-9101}; DB=${DB:-aftercall_lin}; DEADLINE=${DEADLINE:-7200}; POLL=${POLL:-0.2}
WORK=$HERE/.work; mkdir -p "$WORK" "$HERE/results"
STAMP=$(date -u +%Y%m%dT%H%M%SZ); OUT=$HERE/results/linearity-$STAMP.jsonl
API=http://127.0.0.1:$PORT/api/v1
SECRET=bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz
SERVER=; STUB=; ANALYZER=
cleanup() { for p in "$SERVER" "$STUB" "$ANALYZER"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { echo "== $(date -u +%T) $*" >&2; }
. "$HERE/lib.sh"
. "$HERE/jvm-opts.sh" # README's server flags unless JAVA_OPTS is set, and the H2 URL
case $KIND in h2|pg) ;; *) echo "usage: $0 [pg|h2]" >&2; exit 2 ;; esac

now_ms() { date +%s%3N; }
secs() { python3 -c "print(round(($2 - $1) / 1000, 2))"; } # start_ms end_ms
record() { python3 -c "import json,sys; print(json.dumps(json.loads(sys.argv[1])))" "$1" | tee -a "$OUT"; }
total() { curl -sf -H "Authorization: Bearer $TOKEN" "$API/calls?size=1${1:+&status=$1}" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])"; }
psql_db() { psql -X -q -tA -h 127.0.0.1 -U postgres -d "$DB" "$@"; }

fresh_database() {
  if [ "$KIND" = pg ]; then
    psql -X -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists $DB with (force)" -c "create database $DB"
  else
    rm -rf "$WORK/data-lin-h2"
  fi
}

start_server() { # workers ("" for the default); sets SERVER and STARTED_MS
  local url workers=$1
  if [ "$KIND" = h2 ]; then
    url=$(h2_url "$WORK/data-lin-h2"); export QUARKUS_DATASOURCE_USERNAME=sa
  else
    url="jdbc:postgresql://127.0.0.1:5432/$DB"; export QUARKUS_DATASOURCE_USERNAME=postgres
  fi
  STARTED_MS=$(now_ms)
  env ${workers:+AFTERCALL_JOBS_CONCURRENCY=$workers} QUARKUS_DATASOURCE_JDBC_URL="$url" QUARKUS_DATASOURCE_PASSWORD= \
    QUARKUS_HTTP_PORT=$PORT AFTERCALL_JWT_SECRET=$SECRET AFTERCALL_DATA_DIR="$WORK/data-lin-$KIND" \
    AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 \
    java $JAVA_OPTS -jar "$WORK/app-$KIND/quarkus-run.jar" >> "$WORK/lin-server-$KIND.log" 2>&1 & SERVER=$!
  # Readiness includes the job worker, which counts as ready when it is off by configuration (workers 0).
  wait_http "http://127.0.0.1:$PORT/q/health/ready" 120
  log "server ready in $(($(now_ms) - STARTED_MS)) ms (pid $SERVER, workers ${workers:-default})"
}

stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

publish_flow() { # the bench flow, its API Request pointed at this script's stub target
  local id
  sed "s#127.0.0.1:9100#127.0.0.1:$STUB_PORT#" "$HERE/load/flow.json" > "$WORK/lin-flow.json"
  id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @"$WORK/lin-flow.json" "$API/flows" \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -XPOST "$API/flows/$id/publish"
}

post() { # calls conns prefix -> post-calls.js JSON line
  node "$HERE/post-calls.js" "$1" "$2" "$3" "$PORT"
}

await_finished() { # count poll_seconds -> ms when completed + failed calls reached count
  local done_=0 until=$(($(date +%s) + DEADLINE))
  while [ "$(date +%s)" -lt "$until" ]; do
    done_=$(calls_finished); [ "$done_" -ge "$1" ] && { now_ms; return 0; }
    sleep "$2"
  done
  echo "did not drain in ${DEADLINE}s: $done_ of $1 finished" >&2; return 1
}

explain() { # moment
  [ "$KIND" = pg ] && [ "$EXPLAIN" = 1 ] || return 0
  local f=$HERE/results/linearity-$STAMP-explain-$1.txt
  psql -X -h 127.0.0.1 -U postgres -d "$DB" -f "$HERE/load/explain.sql" > "$f" 2>&1 || true
  log "EXPLAIN output: $f"
}

analyzer() { # in the background: vacuum analyze every ANALYZE_EVERY seconds (ANALYZE=1, PostgreSQL)
  [ "$KIND" = pg ] && [ "$ANALYZE" = 1 ] || return 0
  ( while sleep "$ANALYZE_EVERY"; do psql_db -c "vacuum analyze" 2>/dev/null || true; done ) & ANALYZER=$!
}

scans() { # table scans so far, per growing table (PostgreSQL's statistics of this database)
  [ "$KIND" = pg ] || { echo '{}'; return; }
  psql_db -c "select coalesce(json_object_agg(relname, json_build_object('seq_scan', seq_scan, 'seq_tup_read',
    seq_tup_read, 'idx_scan', idx_scan)), '{}') from pg_stat_user_tables
    where relname in ('call', 'job', 'flow_run', 'delivery', 'scheduled_call')"
}

# --- scale: N and FACTOR*N calls -----------------------------------------------------------------------------------
part_scale() {
  local label calls before t0 t1 t2 posted failed0 failed time_n= time_big=
  fresh_database; start_server ""; publish_flow
  for label in warm n big; do
    case $label in warm) calls=$WARM ;; n) calls=$N ;; big) calls=$((N * FACTOR)) ;; esac
    [ "$calls" -gt 0 ] || continue
    before=$(calls_finished); failed0=$(total failed)
    log "scale $label: $calls calls at $CONC connections"
    curl -s -XPOST "http://127.0.0.1:$STUB_PORT/__reset" >/dev/null
    t0=$(now_ms); posted=$(post "$calls" "$CONC" "lin-$STAMP-$label"); t1=$(now_ms)
    t2=$(await_finished $((before + calls)) "$POLL"); failed=$(($(total failed) - failed0))
    record "{\"label\":\"aftercall-$KIND\",\"part\":\"scale\",\"run\":\"$label\",\"calls\":$calls,\"conns\":$CONC,
      \"post_s\":$(secs "$t0" "$t1"),\"total_s\":$(secs "$t0" "$t2"),\"completed_per_s\":$(python3 -c "print(round($calls / (($t2 - $t0) / 1000), 1))"),
      \"failed\":$failed,\"post\":$posted,\"target\":$(curl -s "http://127.0.0.1:$STUB_PORT/__stats"),\"scans\":$(scans)}"
    case $label in n) time_n=$((t2 - t0)) ;; big) time_big=$((t2 - t0)) ;; esac
  done
  record "{\"label\":\"aftercall-$KIND\",\"part\":\"scale\",\"run\":\"ratio\",\"factor\":$FACTOR,\"calls\":$N,
    \"time_ratio\":$(python3 -c "print(round($time_big / $time_n, 2))"),\"target\":$((FACTOR + FACTOR / 10))}"
  stop_server
}

# --- backlog: B calls queued with workers off, then drained ---------------------------------------------------
part_backlog() {
  local b t0 t1 posted rates rate first= last=
  for b in $BACKLOG; do
    fresh_database; start_server 0; publish_flow
    log "backlog $b: posting with workers off at $POST_CONC connections"
    t0=$(now_ms); posted=$(post "$b" "$POST_CONC" "lin-$STAMP-b$b"); t1=$(now_ms)
    log "backlog $b: posted in $(secs "$t0" "$t1") s: $posted"
    stop_server
    explain "backlog$b-queued"
    [ "$KIND" = pg ] && psql_db -c "select pg_stat_reset()" >/dev/null # the scans recorded below are the drain's
    curl -s -XPOST "http://127.0.0.1:$STUB_PORT/__reset" >/dev/null
    start_server ""
    await_finished "$b" "$POLL" >/dev/null
    if [ "$KIND" = pg ]; then
      rates=$(psql_db -c "select extract(epoch from completed_at) * 1000 from call where status = 'completed'" \
        | python3 "$HERE/load/linearity.py" rates "$STARTED_MS")
    else
      rates=$(python3 "$HERE/load/linearity.py" times-api "$API" "$TOKEN" | python3 "$HERE/load/linearity.py" rates "$STARTED_MS")
    fi
    record "{\"label\":\"aftercall-$KIND\",\"part\":\"backlog\",\"backlog\":$b,\"post_conns\":$POST_CONC,
      \"post_s\":$(secs "$t0" "$t1"),\"post\":$posted,\"drain\":$rates,\"failed\":$(total failed),
      \"target\":$(curl -s "http://127.0.0.1:$STUB_PORT/__stats"),\"scans\":$(scans)}"
    stop_server
    explain "backlog$b-drained"
    rate=$(echo "$rates" | python3 -c "import json,sys; print(json.load(sys.stdin)['rate_per_s'])")
    [ -z "$first" ] && first=$rate; last=$rate
  done
  record "{\"label\":\"aftercall-$KIND\",\"part\":\"backlog\",\"run\":\"ratio\",\"backlogs\":\"$BACKLOG\",
    \"rate_ratio\":$(python3 -c "print(round($last / $first, 2))")}"
}

# --- run ----------------------------------------------------------------------------------------------------------
log "linearity on $KIND: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD); results -> $OUT"
record "{\"label\":\"meta\",\"kind\":\"$KIND\",\"commit\":\"$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- server engine || echo '+dirty')\",
  \"cores\":$(nproc),\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"n\":$N,\"factor\":$FACTOR,\"warm\":$WARM,\"conns\":$CONC,
  \"backlog\":\"$BACKLOG\",\"analyze\":$ANALYZE,\"skip_build\":\"${SKIP_BUILD:-}\",\"autovacuum\":\"$([ "$KIND" = pg ] && psql -X -tA -h 127.0.0.1 -U postgres -d test -c 'show autovacuum' || echo n/a)\"}" >/dev/null
build "$KIND"
TOKEN=$(token); export TOKEN
STUB_PORT=$STUB_PORT node "$HERE/stub-target.js" > "$WORK/lin-stub.log" 2>&1 & STUB=$!
wait_http "http://127.0.0.1:$STUB_PORT/__stats" 10
analyzer
for part in $PARTS; do
  case $part in scale) part_scale ;; backlog) part_backlog ;; *) echo "unknown part $part" >&2; exit 2 ;; esac
done
log "done: $OUT"
