#!/usr/bin/env bash
# Outage fault test on PostgreSQL: the target answers 503 for the first half of OUTAGE seconds, then takes longer
# than the request timeout (timeouts) for the second half, then recovers. N calls arrive at the start, each with a
# flow (an API Request node with the node's default 3 attempts) and a webhook action (a durable delivery).
# Afterwards:
#   - every delivery is delivered once the target is back (retried with backoff; the attempt log shows the gaps);
#   - every flow run whose node gave up during the outage is `failed`, listed by GET /api/v1/flow-runs?status=failed,
#     and completes when retried through POST /api/v1/flow-runs/{id}/retry.
# Counts at the target by Idempotency-Key among the requests it accepted (2xx): lost must be 0, repeated 0.
# Usage: bench/outage.sh        Env: N=200 OUTAGE=300 SKIP_BUILD=1 DEADLINE=600
# The server runs with deliveries' max backoff at 60 s and 20 attempts, so a 5-minute outage is outlasted.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
N=${N:-200}; OUTAGE=${OUTAGE:-300}; DEADLINE=${DEADLINE:-600}
WORK=$HERE/.work; mkdir -p "$WORK"; RUN=outage-$(date +%s); DB=aftercall_outage; PORT=8095
. "$HERE/preamble.sh"
sql() { psql -tA -h 127.0.0.1 -U postgres -d $DB -c "$1"; }
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
stub() { curl -sf "http://127.0.0.1:9100$1"; }

build pg
psql -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists $DB" -c "create database $DB"
TOKEN=$(token); export TOKEN
STUB_PORT=9100 node "$HERE/stub-target.js" > "$WORK/stub-outage.log" 2>&1 & PIDS+=($!)
wait_http http://127.0.0.1:9100/__stats 5
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB QUARKUS_HTTP_PORT=$PORT AFTERCALL_JWT_SECRET=$SECRET \
  AFTERCALL_DATA_DIR=$WORK/data-outage AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 \
  AFTERCALL_DELIVERIES_MAX_BACKOFF=60s AFTERCALL_DELIVERIES_MAX_ATTEMPTS=20 AFTERCALL_DELIVERIES_TIMEOUT=5s \
  java -Xmx512m -jar "$WORK/app-pg/quarkus-run.jar" > "$WORK/outage-server.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/q/health/ready" 60
API=http://127.0.0.1:$PORT/api/v1
FLOW=$(api -d @"$HERE/load/flow.json" "$API/flows" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
api -o /dev/null -XPOST "$API/flows/$FLOW/publish"
api -o /dev/null -XPUT "$API/agents/bench/actions" -d '[{"type": "webhook", "name": "crm-webhook",
  "condition": {"field": "interested", "operator": "==", "value": true},
  "config": {"url": "http://127.0.0.1:9100/webhook"}}]'

stub /__status/503 >/dev/null
T0=$(date +%s)
log "target down (503); posting $N calls"
node "$HERE/post-calls.js" "$N" 16 "$RUN" "$PORT" > "$WORK/outage-post.json"
log "posted: $(cat "$WORK/outage-post.json")"
sleep $((OUTAGE / 2 - ($(date +%s) - T0) > 0 ? OUTAGE / 2 - ($(date +%s) - T0) : 0))
log "target hangs (answers 503 after 30 s, past the 5 s timeouts)"; stub /__delay/30000 >/dev/null
sleep $((OUTAGE - ($(date +%s) - T0) > 0 ? OUTAGE - ($(date +%s) - T0) : 0))
stub /__delay/0 >/dev/null; stub /__status/200 >/dev/null
log "target back after $(($(date +%s) - T0)) s"

for _ in $(seq 1 "$DEADLINE"); do
  pending=$(sql "select count(*) from delivery where status = 'pending'")
  running=$(sql "select count(*) from flow_run where status = 'running'")
  [ "$pending" = 0 ] && [ "$running" = 0 ] && break; sleep 1
done
log "deliveries settled $(($(date +%s) - T0)) s after the outage began"
# A retried run leaves the failed list, so the first page is read until it is empty.
FAILED=0
for _ in $(seq 1 100); do
  ids=$(api "$API/flow-runs?status=failed&size=200" | python3 -c "import json,sys; print(' '.join(str(i['id']) for i in json.load(sys.stdin)['items']))")
  [ -z "$ids" ] && break
  for id in $ids; do api -o /dev/null -XPOST "$API/flow-runs/$id/retry"; FAILED=$((FAILED + 1)); done
done
log "$FAILED failed flow runs were listed and retried by API"
for _ in $(seq 1 120); do
  [ "$(sql "select count(*) from flow_run where status <> 'completed'")" = 0 ] && break; sleep 1
done

sleep 2
python3 - "$N" "$FAILED" "$(stub /__ok)" "$(stub /__stats)" \
  "$(sql "select status || ':' || count(*) from delivery group by status" | paste -sd,)" \
  "$(sql "select status || ':' || count(*) from flow_run group by status" | paste -sd,)" \
  "$(sql "select max(attempts) || ',' || round(avg(attempts), 1) from delivery")" \
  "$(sql "select string_agg(round(extract(epoch from started_at - lag)::numeric)::text, ' ' order by attempt) from (select attempt, started_at, lag(started_at) over (order by attempt) as lag from delivery_attempt where delivery_pk = (select min(pk) from delivery)) a where lag is not null")" <<'PY'
import json, sys
n, failed, ok, stats = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
deliveries = dict(x.split(':') for x in sys.argv[5].split(',') if x)
runs = dict(x.split(':') for x in sys.argv[6].split(',') if x)
max_attempts, avg_attempts = sys.argv[7].split(',')
expected = 2 * n  # each call: one flow request (key call:flow:node) and one webhook delivery (key call:action:name)
print(json.dumps({"calls_sent": n, "requests_at_target": stats["requests"], "keys_accepted": ok["accepted_keys"],
                  "lost": expected - ok["accepted_keys"], "repeated_keys": ok["accepted_repeated"],
                  "deliveries": deliveries, "delivery_attempts_max": int(max_attempts),
                  "delivery_attempts_avg": float(avg_attempts),
                  "backoff_gaps_s_first_delivery": sys.argv[8], "flow_runs_failed_then_retried": failed,
                  "flow_runs": runs}))
ok_run = ok["accepted_keys"] == expected and ok["accepted_repeated"] == 0 and deliveries.get("delivered") == str(n) \
    and runs.get("completed") == str(n) and len(runs) == 1
sys.exit(0 if ok_run else 1)
PY
