#!/usr/bin/env bash
# Profiles the packaged server (H2, or PostgreSQL with KIND=pg) under one of the bench loads with async-profiler (Maven Central
# tools.profiler:async-profiler:4.2, fetched into ~/.m2 on first use) and counts the young collections per 1,000
# requests (eden is fixed by -Xmx, so that count follows the bytes allocated; steadier than throughput on a busy
# host). Writes collapsed stacks for CPU (itimer) and allocation to bench/.work/profile-<load>.{cpu,alloc}.collapsed
# and prints the heaviest frames of each. Also prints what the whole machine spent per request in the measured run,
# by process (server, database, stub target, wrk: they share the 2 cores; bench/load/machine_cpu.py).
#
# Usage: bench/profile.sh [durable|test-run]      (default durable)
# Env:   CONNS=64  DURATION=15  WARMUP=120 (C2 has compiled the hot paths by then)  SKIP_BUILD=1 (reuse bench/.work/app-h2)  PORT=8090  STUB_PORT=9100
#        EVENTS=itimer,alloc (async-profiler events; JFR-free; "none" measures without the profiler)
#        APP_DIR (a packaged server to profile instead of building one)
#        KIND=h2|pg (pg: a fresh database aftercall_profile on 127.0.0.1:5432; PG_URL_OPTS are appended to its URL)
#        JAVA_OPTS (default bench/jvm-opts.sh)   H2_URL_OPTS (appended to jvm-opts.sh's H2 URL; H2 refuses a setting given twice, e.g. ";PAGE_SIZE=4096")
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
LOAD=${1:-durable}; CONNS=${CONNS:-64}; DURATION=${DURATION:-15}; WARMUP=${WARMUP:-120}
PORT=${PORT:-8090}; API=http://127.0.0.1:$PORT/api/v1; STUB_PORT=${STUB_PORT:-9100}
WORK=$HERE/.work; mkdir -p "$WORK"
. "$HERE/preamble.sh"

AP_VERSION=4.2; AP=$WORK/async-profiler-$AP_VERSION
if [ ! -f "$AP/linux-x64/libasyncProfiler.so" ]; then
  ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64 >/dev/null
  mkdir -p "$AP" && (cd "$AP" && unzip -q -o ~/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar)
fi
case $LOAD in
  durable) SCRIPT=$HERE/load/post-calls.lua ;;
  test-run) SCRIPT=$HERE/load/test-run.lua ;;
  *) echo "unknown load $LOAD (durable|test-run)" >&2; exit 2 ;;
esac

KIND=${KIND:-h2}; APP=${APP_DIR:-$WORK/app-$KIND}
[ -n "${APP_DIR:-}" ] || build "$KIND"
STUB_PORT=$STUB_PORT node "$HERE/stub-target.js" > "$WORK/stub.log" 2>&1 & PIDS+=("$!")
wait_http "http://127.0.0.1:$STUB_PORT/__stats" 10
OUT=$WORK/profile-$LOAD; rm -f "$OUT".*
IFS=, read -ra EV <<< "${EVENTS:-itimer,alloc}"
gcs() { grep -c "Pause $1" "$OUT.gc.log" || true; }
ticks() { awk '{print $14+$15}' "/proc/$SERVER/stat"; }
# Context switches of all the server's threads (voluntary: a thread parked or waited; involuntary: preempted). Threads
# that end meanwhile take theirs along; the pools' threads live through the run.
switches() { cat /proc/"$SERVER"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}'; }

# Each event gets its own server. The agent is loaded into it after the warm-up with jcmd (JVMTI.agent_load), so the
# profile covers the measured run only, not startup and the JIT's first minute; stopped the same way after the run.
# The options are quoted for jcmd, whose parser would otherwise read "start,event=itimer" as a name and a value.
# Without DebugNonSafepoints the JIT keeps line and inlining information only at safepoints, and a sample taken between
# two is credited to the nearest one: inlined frames are then wrong (a 2-entry HashMap showed tree-bin lookups). Not
# for "none", which measures the server as the bench runs it.
debug_info() { [ "$1" = none ] || echo "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"; }
agent() { jcmd "$SERVER" JVMTI.agent_load "$AP/linux-x64/libasyncProfiler.so" "\"$1\"" > /dev/null; }
for e in "${EV[@]}"; do
  rm -rf "$WORK/data-$KIND" "$OUT.gc.log"
  if [ "$KIND" = pg ]; then
    psql -X -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists aftercall_profile with (force)" \
      -c "create database aftercall_profile"
    url="jdbc:postgresql://127.0.0.1:5432/aftercall_profile${PG_URL_OPTS:-}"; user=postgres
  else
    url="$(h2_url "$WORK/data-h2")${H2_URL_OPTS:-}"; user=sa
  fi
  QUARKUS_DATASOURCE_JDBC_URL=$url \
    QUARKUS_DATASOURCE_USERNAME=$user QUARKUS_DATASOURCE_PASSWORD= QUARKUS_HTTP_PORT=$PORT AFTERCALL_JWT_SECRET=$SECRET \
    AFTERCALL_DATA_DIR=$WORK/data-$KIND AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 \
    bash -c 'cd "$1" && exec java $2 -jar quarkus-run.jar' - "$APP" \
    "$JAVA_OPTS $(cds_opt "$APP") $(debug_info "$e") -Xlog:gc:file=$OUT.gc.log" \
    > "$WORK/server-profile.log" 2>&1 & SERVER=$!; PIDS+=("$SERVER")
  wait_http "http://127.0.0.1:$PORT/q/health/ready" 60
  TOKEN=$(token); export TOKEN
  FLOW=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data-binary "$(sed "s/:9100/:$STUB_PORT/" "$HERE/load/flow.json")" "$API/flows" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -XPOST "$API/flows/$FLOW/publish"
  URL=$API/calls; [ "$LOAD" = test-run ] && URL=$API/flows/$FLOW/test-run
  log "$e: warm-up ${WARMUP}s"
  RUN_ID=warm-$e-$$ wrk -t1 -c"$CONNS" -d"${WARMUP}s" -s "$SCRIPT" "$URL" >/dev/null
  sleep 2
  log "$e: measure ${DURATION}s, $CONNS connections, $LOAD"
  [ "$e" = none ] || agent "start,event=$e,interval=${INTERVAL:-1ms},threads"
  g0=$(gcs Young); f0=$(gcs Full); t0=$(ticks); s0=$(switches); python3 "$HERE/load/machine_cpu.py" snap "$OUT.machine"
  RUN_ID=run-$e-$$ wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -s "$SCRIPT" "$URL" | grep -E '^JSON ' | sed 's/^JSON //' > "$OUT.wrk.json"
  sleep 1 # the durable path finishes what it took in
  machine=$(python3 "$HERE/load/machine_cpu.py" report "$OUT.machine" "$OUT.wrk.json" $$)
  g1=$(gcs Young); f1=$(gcs Full); t1=$(ticks); s1=$(switches)
  [ "$e" = none ] || agent "stop,file=$OUT.$e.collapsed"
  python3 "$HERE/load/profile_report.py" summary "$OUT.wrk.json" "$e" "$((g1 - g0))" "$((t1 - t0))" "$DURATION" \
    "$((f1 - f0))" "$(awk '/VmHWM/{print int($2 / 1024)}' "/proc/$SERVER/status")" "$((s1 - s0))"
  echo "[$e] $machine"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done
for e in "${EV[@]}"; do [ "$e" = none ] || python3 "$HERE/load/profile_report.py" frames "$OUT.$e.collapsed"; done
