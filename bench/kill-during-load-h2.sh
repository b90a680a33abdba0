#!/usr/bin/env bash
# bench/kill-during-load.sh against the packaged server on a fresh H2 database, set up in one go: starts the stub
# target (answering after STUB_DELAY_MS, so calls are in flight at the kill), the server with a short lease, loads and
# publishes the bench flow, then lets kill-during-load.sh post N calls, kill -9 the server, restart it and count the
# keys at the target. Afterwards prints what the restarted process swept back and the calls' attempts (H2 shell).
# Usage: bench/kill-during-load-h2.sh        Env: N=600 APP_DIR=bench/.work/app-h2 LEASE=10s STUB_DELAY_MS=2000
# Needs: node, python3, curl; a packaged H2 build in APP_DIR (bench/run.sh h2 builds one). Uses ports 8080 and 9100.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
N=${N:-600}; APP_DIR=$(cd "${APP_DIR:-$HERE/.work/app-h2}" && pwd); LEASE=${LEASE:-10s}
DATA=$(mktemp -d); SECRET=bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz
. "$HERE/lib.sh"
STUB_PORT=9100 STUB_DELAY_MS=${STUB_DELAY_MS:-2000} node "$HERE/stub-target.js" > "$DATA/stub.log" 2>&1 & STUB=$!
trap 'pkill -f "$APP_DIR/quarkus-run.jar" || true; kill $STUB 2>/dev/null || true' EXIT
URL="jdbc:h2:file:$DATA/aftercall;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=4096"
START_CMD="QUARKUS_DATASOURCE_JDBC_URL='$URL' QUARKUS_DATASOURCE_USERNAME=sa QUARKUS_DATASOURCE_PASSWORD= \
  AFTERCALL_JOBS_LEASE=$LEASE QUARKUS_HTTP_PORT=8080 AFTERCALL_JWT_SECRET=$SECRET AFTERCALL_DATA_DIR=$DATA \
  AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 exec java -Xmx256m -jar $APP_DIR/quarkus-run.jar"
bash -c "$START_CMD" > "$DATA/first.log" 2>&1 &
for _ in $(seq 1 120); do curl -sf localhost:8080/q/health/ready > /dev/null && break; sleep 1; done
TOKEN=$(token); export TOKEN
API=http://127.0.0.1:8080/api/v1
FLOW=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @"$HERE/load/flow.json" \
  "$API/flows" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
curl -sf -o /dev/null -XPOST -H "Authorization: Bearer $TOKEN" "$API/flows/$FLOW/publish"
PORT=8080 FLOW_READY=1 bash "$HERE/kill-during-load.sh" "$N" "$START_CMD" | grep -v '^repeated:'
grep -h "requeued" /tmp/kill-restart.log || echo "the restarted process requeued nothing"
pkill -f "$APP_DIR/quarkus-run.jar" || true # a graceful stop: it may take the shutdown grace (10 s)
for _ in $(seq 1 60); do pgrep -f "$APP_DIR/quarkus-run.jar" > /dev/null || break; sleep 0.5; done
java -cp "$(ls "$APP_DIR"/lib/main/*h2*.jar | head -1)" org.h2.tools.Shell -url "jdbc:h2:file:$DATA/aftercall" \
  -user sa -password "" -sql "select status, attempts, count(*) calls from call group by status, attempts;
  select count(*) job_rows_left from job; select count(*) call_leases_left from call where lease_owner is not null"
rm -rf "$DATA"
