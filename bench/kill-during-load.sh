#!/usr/bin/env bash
# Fault test: kill -9 the service while it runs N calls through a published flow, restart it, and check at the stub
# target that every call's Idempotency-Key arrived (nothing lost) and how many arrived twice (requests in flight at
# the kill). Bounded: every wait has a deadline.
# Usage: TOKEN=... PORT=8080 FLOW_READY=1 bench/kill-during-load.sh <N> '<command that starts the service>'
# Needs bench/stub-target.js running on 127.0.0.1:9100 and a published flow whose API node posts to it.
set -euo pipefail
N=${1:-500}; START_CMD=$2; PORT=${PORT:-8080}; API=http://localhost:$PORT/api/v1
RUN=$(date +%s)
curl -s -XPOST localhost:9100/__reset >/dev/null
post() { curl -s -o /dev/null -w "%{http_code}\n" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"call_id\":\"kill-$RUN-$1\",\"agent\":\"a\",\"call_duration\":42,\"hangup_reason\":\"NORMAL\",\"call_metadata\":{\"lead_id\":\"L$1\"},\"post_call\":{\"interested\":true}}" $API/calls; }
export -f post; export TOKEN API RUN
codes=$(seq 1 "$N" | xargs -P 16 -I{} bash -c 'post {}' | sort | uniq -c | tr '\n' ' ')
echo "posted $N calls, answers: $codes"
# Kill once the target has seen about a third of them.
for _ in $(seq 1 600); do
  seen=$(curl -s localhost:9100/__keys | python3 -c "import json,sys; print(sum(1 for k in json.load(sys.stdin) if k.startswith('kill-$RUN-')))")
  [ "$seen" -ge $((N / 3)) ] && break; sleep 0.1
done
PID=$(pgrep -f 'dev-app-model|quarkus-run.jar' | head -1)
kill -9 "$PID"; echo "killed $PID with $seen keys received"
sleep 2
bash -c "$START_CMD" > /tmp/kill-restart.log 2>&1 &
for _ in $(seq 1 120); do curl -sf localhost:$PORT/q/health/ready >/dev/null && break; sleep 1; done
for _ in $(seq 1 300); do
  keys=$(curl -s localhost:9100/__keys | python3 -c "import json,sys; print(sum(1 for k in json.load(sys.stdin) if k.startswith('kill-$RUN-')))")
  [ "$keys" -ge "$N" ] && break; sleep 1
done
# Only this run's keys: a run killed earlier may still re-send its in-flight requests once their leases expire.
curl -s localhost:9100/__keys | python3 -c "
import json,sys; k={a: b for a, b in json.load(sys.stdin).items() if a.startswith('kill-$RUN-')}; n=$N
rep=[a for a, b in k.items() if b > 1]
print(f'calls sent {n}, keys received {len(k)}, lost {n - len(k)}, repeated keys {len(rep)}, max repeats {max(k.values(), default=0)}')
print('repeated:', sorted(rep))"
