#!/usr/bin/env bash
# Scale-out fault test on PostgreSQL: PROCS server processes share one database while N calls arrive round-robin;
# with KILLS=k, a random process is killed with kill -9 at random moments k times and restarted; with PG_RESTART=1,
# PostgreSQL itself is restarted once during the load. Counts at the stub target by Idempotency-Key: every call's
# key must arrive (lost = 0); a key may arrive twice only for a request in flight at a kill.
# Usage: bench/scale-out.sh            Env: N=10000 PROCS=3 KILLS=0 PG_RESTART=0 CONC=32 SKIP_BUILD=1 DEADLINE=900
# Needs: node, python3, psql; builds bench/.work/app-pg unless SKIP_BUILD=1 and it exists.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
N=${N:-10000}; PROCS=${PROCS:-3}; KILLS=${KILLS:-0}; PG_RESTART=${PG_RESTART:-0}; CONC=${CONC:-32}; DEADLINE=${DEADLINE:-900}
WORK=$HERE/.work; mkdir -p "$WORK"; RUN=scale-$(date +%s); DB=aftercall_scale
SECRET=bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz
declare -A SERVER; PIDS=()
cleanup() { for p in "${PIDS[@]:-}" "${SERVER[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { echo "== $(date +%T) $*" >&2; }
port_of() { echo $((8090 + $1)); }

. "$HERE/lib.sh"
build pg
psql -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists $DB" -c "create database $DB"
TOKEN=$(token); export TOKEN

start() { # process number
  local port; port=$(port_of "$1")
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB QUARKUS_HTTP_PORT=$port AFTERCALL_JWT_SECRET=$SECRET \
    AFTERCALL_DATA_DIR=$WORK/data-scale-$1 AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 QUARKUS_DATASOURCE_JDBC_MAX_SIZE=25 \
    java -Xmx512m -jar "$WORK/app-pg/quarkus-run.jar" >> "$WORK/scale-$1.log" 2>&1 &
  SERVER[$1]=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && return 0; sleep 0.1; done
  log "process $1 did not become ready"; return 1
}
done_count() { # process_call jobs done, counted by each live process since its start
  local total=0 n
  for i in $(seq 1 "$PROCS"); do
    n=$(curl -s "http://127.0.0.1:$(port_of "$i")/q/metrics" 2>/dev/null | awk -F' ' '/^aftercall_jobs_completed_total\{kind="process_call",status="done"/ {s+=$2} END {print s+0}')
    echo "process $i: $n"
  done
}
completed() { psql -tA -h 127.0.0.1 -U postgres -d $DB -c "select count(*) from call where status = 'completed' and call_id like '$RUN-%'" 2>/dev/null || echo -1; }
keys() { curl -s http://127.0.0.1:9100/__keys | python3 -c "
import json,sys; k={a: b for a, b in json.load(sys.stdin).items() if a.startswith('$RUN-')}; print(json.dumps({'received': len(k), 'repeated': sum(1 for v in k.values() if v > 1), 'max': max(k.values(), default=0)}))"; }

STUB_PORT=9100 node "$HERE/stub-target.js" > "$WORK/stub-scale.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:9100/__stats && break; sleep 0.1; done
for i in $(seq 1 "$PROCS"); do start "$i"; done
log "$PROCS processes ready on ports $(port_of 1)..$(port_of "$PROCS")"
API=http://127.0.0.1:$(port_of 1)/api/v1
FLOW=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @"$HERE/load/flow.json" "$API/flows" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
curl -sf -o /dev/null -XPOST -H "Authorization: Bearer $TOKEN" "$API/flows/$FLOW/publish"

PORTS=$(for i in $(seq 1 "$PROCS"); do port_of "$i"; done | paste -sd,)
T0=$(date +%s)
node "$HERE/post-calls.js" "$N" "$CONC" "$RUN" "$PORTS" > "$WORK/scale-post.json" & POSTER=$!; PIDS+=($POSTER)
kills=0; inflight_at_kills=0
while [ "$kills" -lt "$KILLS" ]; do
  sleep "$(python3 -c 'import random; print(round(random.uniform(2, 6), 1))')"
  victim=$((RANDOM % PROCS + 1))
  # Runs in flight: claimed jobs, and calls handed over at intake, whose lease is on the call row (V17).
  inflight=$(psql -tA -h 127.0.0.1 -U postgres -d $DB -c "select (select count(*) from job where status = 'running')
    + (select count(*) from call where status = 'processing' and lease_owner is not null)" 2>/dev/null || echo 0)
  kill -9 "${SERVER[$victim]}" 2>/dev/null || true; kills=$((kills + 1)); inflight_at_kills=$((inflight_at_kills + inflight))
  log "kill -9 process $victim (kill $kills of $KILLS, $inflight jobs running across processes)"
  sleep 2; start "$victim"
done
if [ "$PG_RESTART" = 1 ]; then
  sleep 3; log "restarting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart; log "PostgreSQL back"
fi
wait $POSTER || true
log "posted: $(cat "$WORK/scale-post.json")"
for _ in $(seq 1 "$DEADLINE"); do
  c=$(completed); [ "$c" -ge "$N" ] && break; sleep 1
done
T1=$(date +%s)
sleep 2
K=$(keys)
log "done in $((T1 - T0)) s; work per live process:"; done_count >&2
python3 - "$N" "$(completed)" "$K" "$KILLS" "$inflight_at_kills" "$((T1 - T0))" <<'PY'
import json, sys
n, completed, k, kills, inflight, secs = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(json.dumps({"calls_sent": n, "runs_completed": completed, "keys_received": k["received"], "lost": n - k["received"],
                  "repeated_keys": k["repeated"], "max_repeats": k["max"], "kills": kills,
                  "jobs_running_at_kills": inflight, "seconds": secs}))
ok = k["received"] == n and completed == n and (kills > 0 or k["repeated"] == 0)
sys.exit(0 if ok else 1)
PY
