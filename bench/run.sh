#!/usr/bin/env bash
# The load benchmark: Aftercall on H2 and on PostgreSQL, and Node-RED 4.1.8 beside it, on the peers' flow
# (../shared/bench/peers). See BENCHMARKS.md for what each figure means.
#
# Usage: bench/run.sh [h2] [pg] [nodered]        (default: all three)
# Env:   CONNS="16 64"   connection counts      DURATION=20   seconds per measured wrk run
#        WARMUP=5        seconds of warm-up before each row   NODE_RED_DIR  folder with node_modules/node-red (4.1.8)
#        JIT_WARMUP=120  seconds of load each server gets once, right after it starts, before any row: the C2
#                        compiler takes 60-110 s on 2 cores to compile the hot paths (BENCHMARKS.md, "Warm-up")
#        SKIP_BUILD=1    reuse bench/.work/app-*   JAVA_OPTS   JVM flags for the server (default: bench/jvm-opts.sh)
#        APPCDS=1        build the H2 server's AppCDS archive (bench/appcds.sh), used when it starts
#        PORT=8090       the server's port          STUB_PORT=9100  the stub target's port
#        PHASES="durable in-memory"   which Aftercall loads to run
#        APP_DIR         run this packaged server (a quarkus-app folder) instead of building one; one kind only
#        BENCH_WORK      scratch folder (default bench/.work)   RESULTS  the JSON lines file to write
#        PG_DATABASE=aftercall_bench   the PostgreSQL database (dropped and created anew)
#        TRANSCRIPT_BYTES=0   a transcript of about this size in every posted call (bench/load/post-calls.lua; the
#                        peers' body has none, a real call's is several kB)
# Needs: wrk (apt-get install -y wrk), node, python3, psql for PostgreSQL (database PG_DATABASE is recreated).
# Writes: bench/results/<stamp>.jsonl (one line per measurement) and prints a Markdown table.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
TARGETS=${*:-h2 pg nodered}
CONNS=${CONNS:-16 64}; DURATION=${DURATION:-20}; WARMUP=${WARMUP:-5}; JIT_WARMUP=${JIT_WARMUP:-120}; PHASES=${PHASES:-durable in-memory}
PEERS=${PEERS:-$ROOT/../shared/bench/peers}; NODE_RED_DIR=${NODE_RED_DIR:-$ROOT/../nodered-peer}
WORK=${BENCH_WORK:-$HERE/.work}; mkdir -p "$WORK" "$HERE/results"
STAMP=$(date -u +%Y%m%dT%H%M%SZ); OUT=${RESULTS:-$HERE/results/$STAMP.jsonl}
PORT=${PORT:-8090}; API=http://127.0.0.1:$PORT/api/v1
STUB_PORT=${STUB_PORT:-9100}; STUB_URL=http://127.0.0.1:$STUB_PORT
. "$HERE/preamble.sh"

# --- helpers ---------------------------------------------------------------------------------------------------
tree_rss_kb() { # RSS (kB) of PID and its descendants, as the peers' bench.sh measures it
  local pids="$1" all="$1" kids
  while [ -n "$pids" ]; do kids=$(for p in $pids; do pgrep -P "$p" || true; done | xargs); all="$all $kids"; pids=$kids; done
  ps -o rss= -p "$(echo $all | tr ' ' ',')" 2>/dev/null | awk '{s+=$1} END {print s+0}'
}
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
json_get() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
# Runs wrk while sampling the RSS and CPU of PID; prints the wrk JSON merged with rss_max_mb, cpu_pct and
# cpu_ms_per_flow (server CPU per answered request; the durable record replaces it with its figure over the drain).
measure() { # label pid conns script url
  local label=$1 pid=$2 c=$3 script=$4 url=$5 t0 t1 rss=0 f=$WORK/wrk-$1-c$3.txt
  ( max=0; while sleep 1; do r=$(tree_rss_kb "$pid"); [ "$r" -gt "$max" ] && max=$r; echo $max > "$WORK/.rss"; done ) &
  local sampler=$!
  t0=$(cpu_ticks "$pid")
  wrk -t1 -c"$c" -d"${DURATION}s" --timeout 10s --latency -s "$script" "$url" > "$f" 2>&1
  t1=$(cpu_ticks "$pid"); kill $sampler; wait $sampler 2>/dev/null || true
  rss=$(cat "$WORK/.rss" 2>/dev/null || echo 0); r=$(tree_rss_kb "$pid"); [ "$r" -gt "$rss" ] && rss=$r
  python3 -c "import json,sys; j=json.loads(sys.argv[1]); ticks=int(sys.argv[4])-int(sys.argv[3]); j.update(rss_max_mb=round(int(sys.argv[2])/1024), cpu_pct=round(ticks/int(sys.argv[5])), cpu_ms_per_flow=round(ticks*1000/int(sys.argv[6])/max(j['requests'],1),3));print(json.dumps(j))" \
    "$(grep '^JSON ' "$f" | sed 's/^JSON //')" "$rss" "$t0" "$t1" "$DURATION" "$(getconf CLK_TCK)"
}
record() { python3 -c "import json,sys; j=json.loads(sys.argv[1]); j.update(json.loads(sys.argv[2])); print(json.dumps(j))" "$1" "$2" | tee -a "$OUT"; }
# Calls completed and calls taken in, from the server's counters (lib.sh). Counting through GET /api/v1/calls instead
# (as up to the run of 2026-12-06 22:27) read the whole call table on every poll: on H2, after the first load's
# 100,000+ calls, noticing the drain took 2.5-4 s after the last call had completed, and that went into the
# completed flows/s figure.
all_calls() { metric 'aftercall_calls_received_total'; }

# --- build ------------------------------------------------------------------------------------------------------
start_stub() {
  STUB_PORT=$STUB_PORT node "$HERE/stub-target.js" > "$WORK/stub.log" 2>&1 & STUB=$!; PIDS+=("$STUB")
  wait_http "$STUB_URL/__stats" 10
}

start_server() { # kind; sets SERVER and STARTUP_MS
  local kind=$1 url t0 app=${APP_DIR:-$WORK/app-$1}
  if [ "$kind" = h2 ]; then
    rm -rf "$WORK/data-h2"; url=$(h2_url "$WORK/data-h2")
    export QUARKUS_DATASOURCE_USERNAME=sa QUARKUS_DATASOURCE_PASSWORD=
  else
    local db=${PG_DATABASE:-aftercall_bench}
    psql -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists $db" -c "create database $db"
    url="jdbc:postgresql://127.0.0.1:5432/$db"; export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
  fi
  t0=$(date +%s%N)
  QUARKUS_DATASOURCE_JDBC_URL=$url QUARKUS_HTTP_PORT=$PORT AFTERCALL_JWT_SECRET=$SECRET \
    AFTERCALL_DATA_DIR=$WORK/data-$kind AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 \
    bash -c 'cd "$1" && exec java $2 -jar quarkus-run.jar' - "$app" "$JAVA_OPTS $(cds_opt "$app")" \
    > "$WORK/server-$kind.log" 2>&1 & SERVER=$!; PIDS+=("$SERVER")
  wait_http "http://127.0.0.1:$PORT/q/health/ready" 60
  STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
  log "$kind server ready in $STARTUP_MS ms (pid $SERVER)"
}

publish_flow() {
  local id
  id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "$(sed "s/:9100/:$STUB_PORT/" "$HERE/load/flow.json")" "$API/flows" | json_get "['id']")
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -XPOST "$API/flows/$id/publish"
  echo "$id"
}

# Waits until every posted call completed; prints the time (ms since epoch) the last one did, or fails after 10 min.
await_drained() {
  local total done_
  for _ in $(seq 1 12000); do
    total=$(all_calls); done_=$(calls_finished)
    [ "$done_" -ge "$total" ] && { date +%s%3N; return 0; }
    sleep 0.05
  done
  echo "backlog did not drain: $done_ of $total completed" >&2; return 1
}

# The server's first load, before any measured row: two thirds durable calls, one third test runs, at 64
# connections, then the backlog drains. Until the JIT has compiled the hot paths with C2, figures measure the compiler.
jit_warmup() { # kind flow
  [ "$JIT_WARMUP" -gt 0 ] || return 0
  local kind=$1 flow=$2 m
  log "JIT warm-up ${JIT_WARMUP}s"
  m=$(RUN_ID=jit-$STAMP DURATION=$((JIT_WARMUP * 2 / 3)) measure warm "$SERVER" 64 "$HERE/load/post-calls.lua" "$API/calls")
  record "$m" "{\"label\":\"aftercall-$kind\",\"metric\":\"jit_warmup\",\"path\":\"durable\",\"conns\":64}" >/dev/null
  m=$(DURATION=$((JIT_WARMUP / 3)) measure warm "$SERVER" 64 "$HERE/load/test-run.lua" "$API/flows/$flow/test-run")
  record "$m" "{\"label\":\"aftercall-$kind\",\"metric\":\"jit_warmup\",\"path\":\"in-memory\",\"conns\":64}" >/dev/null
  await_drained >/dev/null
}

bench_aftercall() { # kind
  local kind=$1 flow before after t_start t_end m lat n ticks0 ticks1
  [ -n "${APP_DIR:-}" ] || build "$kind"
  start_server "$kind"; TOKEN=$(token); export TOKEN
  flow=$(publish_flow)
  record '{}' "{\"label\":\"aftercall-$kind\",\"metric\":\"startup\",\"startup_ms\":$STARTUP_MS}" >/dev/null
  jit_warmup "$kind" "$flow"
  for c in $CONNS; do
    [[ " $PHASES " == *" durable "* ]] || break
    log "aftercall-$kind durable c=$c: warm-up ${WARMUP}s"
    RUN_ID=warm-$kind-$c-$STAMP DURATION=$WARMUP measure warm "$SERVER" "$c" "$HERE/load/post-calls.lua" "$API/calls" >/dev/null
    await_drained >/dev/null
    curl -s -XPOST $STUB_URL/__reset >/dev/null
    before=$(calls_completed)
    log "aftercall-$kind durable c=$c: ${DURATION}s"
    t_start=$(date +%s%3N); ticks0=$(cpu_ticks "$SERVER")
    m=$(RUN_ID=run-$kind-$c-$STAMP measure "aftercall-$kind" "$SERVER" "$c" "$HERE/load/post-calls.lua" "$API/calls")
    t_end=$(await_drained); after=$(calls_completed); n=$((after - before)); ticks1=$(cpu_ticks "$SERVER")
    lat=$(curl -s $STUB_URL/__latency)
    record "$m" "{\"label\":\"aftercall-$kind\",\"metric\":\"durable\",\"conns\":$c,\"calls_completed\":$n,
      \"completed_per_s\":$(python3 -c "print(round($n/(($t_end-$t_start)/1000),1))"),
      \"drain_s\":$(python3 -c "print(round(($t_end-$t_start)/1000,1))"),
      \"cpu_ms_per_flow\":$(python3 -c "print(round(($ticks1-$ticks0)*1000/$(getconf CLK_TCK)/max($n,1),3))"),
      \"e2e\":$lat, \"target\":$(curl -s $STUB_URL/__stats)}"
  done
  for c in $CONNS; do
    [[ " $PHASES " == *" in-memory "* ]] || break
    log "aftercall-$kind in-memory test-run c=$c"
    DURATION=$WARMUP measure warm "$SERVER" "$c" "$HERE/load/test-run.lua" "$API/flows/$flow/test-run" >/dev/null
    m=$(measure "aftercall-$kind" "$SERVER" "$c" "$HERE/load/test-run.lua" "$API/flows/$flow/test-run")
    record "$m" "{\"label\":\"aftercall-$kind\",\"metric\":\"in_memory\",\"conns\":$c}"
  done
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
}

bench_nodered() {
  local m
  [ -f "$NODE_RED_DIR/node_modules/node-red/red.js" ] || { log "Node-RED not installed in $NODE_RED_DIR: skipped (cd $NODE_RED_DIR && npm install node-red@4.1.8)"; return; }
  mkdir -p "$WORK/nodered"; cp "$PEERS/nodered/flows.json" "$WORK/nodered/"
  node "$NODE_RED_DIR/node_modules/node-red/red.js" --settings "$PEERS/nodered/settings.js" --userDir "$WORK/nodered" flows.json \
    > "$WORK/nodered.log" 2>&1 & local red=$!; PIDS+=("$red")
  for _ in $(seq 1 300); do curl -s -o /dev/null -XPOST -H 'content-type: application/json' -d @"$PEERS/body.json" http://127.0.0.1:1880/postcall && break; sleep 0.1; done
  if [ "$JIT_WARMUP" -gt 0 ]; then # the same first load as Aftercall's servers get (V8 compiles hot code too)
    log "node-red JIT warm-up ${JIT_WARMUP}s"
    m=$(BODY_JSON=$PEERS/body.json DURATION=$JIT_WARMUP measure warm "$red" 64 "$PEERS/post.lua" http://127.0.0.1:1880/postcall)
    record "$m" "{\"label\":\"nodered-4.1.8\",\"metric\":\"jit_warmup\",\"path\":\"flow over HTTP\",\"conns\":64}" >/dev/null
  fi
  for c in $CONNS; do
    log "node-red c=$c"
    BODY_JSON=$PEERS/body.json DURATION=$WARMUP measure warm "$red" "$c" "$PEERS/post.lua" http://127.0.0.1:1880/postcall >/dev/null
    m=$(BODY_JSON=$PEERS/body.json measure nodered-4.1.8 "$red" "$c" "$PEERS/post.lua" http://127.0.0.1:1880/postcall)
    record "$m" "{\"label\":\"nodered-4.1.8\",\"metric\":\"flow_http\",\"conns\":$c}"
  done
  kill "$red"; wait "$red" 2>/dev/null || true
}

# --- run --------------------------------------------------------------------------------------------------------
log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; commit $(git rev-parse --short HEAD); results -> $OUT"
record '{}' "{\"label\":\"meta\",\"commit\":\"$(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty')\",\"cores\":$(nproc),\"duration_s\":$DURATION,\"jit_warmup_s\":$JIT_WARMUP,\"transcript_bytes\":${TRANSCRIPT_BYTES:-0},\"java\":\"$(java -version 2>&1 | head -1 | tr -d '\"')\",\"java_opts\":\"$JAVA_OPTS\"}" >/dev/null
start_stub
for t in $TARGETS; do
  case $t in h2|pg) bench_aftercall "$t" ;; nodered) bench_nodered ;; *) echo "unknown target $t" >&2; exit 2 ;; esac
done
python3 "$HERE/load/table.py" "$OUT"
