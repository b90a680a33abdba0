#!/usr/bin/env bash
# What one durable call costs the database: posts N calls of the bench flow to the packaged server on PostgreSQL,
# waits until all completed, and prints PostgreSQL's own counters divided by N: transactions committed, rows
# inserted / updated / deleted and index / sequential scans per table (pg_stat_database, pg_stat_user_tables;
# counted by the server, so nothing is sampled and the server runs unchanged). A first batch of N/2 calls runs
# before the counters are read, so one-off work (setup caches, the first claim) is not divided among the N.
#
# Also the CPU time PostgreSQL's processes (backends, WAL writer, checkpointer, ...) used per call, from /proc: steadier
# than throughput on a shared host for telling whether a change made the database's work per call smaller.
#
# Usage: bench/statements.sh            Env: N=2000 CONC=16 SKIP_BUILD=1 PORT=8092 STUB_PORT=9102 DB=aftercall_stmt
#                                       APP_DIR (a packaged PostgreSQL server to measure instead of building one)
#                                       PG_URL_OPTS (appended to the JDBC URL, e.g. "?reWriteBatchedInserts=true")
#                                       TRANSCRIPT_BYTES (a transcript of about this size in each call: post-calls.js)
# Needs: node, python3, curl, psql.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE"); cd "$ROOT"
N=${N:-2000}; CONC=${CONC:-16}; PORT=${PORT:-8092}; STUB_PORT=${STUB_PORT:-9102}; DB=${DB:-aftercall_stmt}
WORK=$HERE/.work; mkdir -p "$WORK"; API=http://127.0.0.1:$PORT/api/v1
. "$HERE/preamble.sh"
psql_db() { psql -X -q -tA -h 127.0.0.1 -U postgres -d "$DB" "$@"; }
drain() { # calls expected finished
  for _ in $(seq 1 3000); do [ "$(calls_finished)" -ge "$1" ] && return 0; sleep 0.1; done
  echo "calls did not finish: $(calls_finished) of $1" >&2; return 1
}
# One JSON object: the database's commits and, per table, the counters that grow with the work.
snapshot() {
  psql_db -c "select json_build_object('commits', (select xact_commit from pg_stat_database where datname = current_database()),
    'wal', (select json_build_object('records', wal_records, 'fpi', wal_fpi, 'bytes', wal_bytes) from pg_stat_wal),
    'tables', (select json_object_agg(relname, json_build_object('ins', n_tup_ins, 'upd', n_tup_upd, 'del', n_tup_del,
      'idx_scan', coalesce(idx_scan, 0), 'seq_scan', seq_scan)) from pg_stat_user_tables))"
}

# CPU ticks (user + system) of every PostgreSQL process; backends of the server's pool live through the measurement.
pg_ticks() { for p in $(pgrep -u postgres); do awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }

if [ -n "${APP_DIR:-}" ]; then APP=$APP_DIR; else build pg; APP=$WORK/app-pg; fi
psql -X -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists $DB with (force)" -c "create database $DB"
STUB_PORT=$STUB_PORT node "$HERE/stub-target.js" > "$WORK/stub-statements.log" 2>&1 & PIDS+=("$!")
wait_http "http://127.0.0.1:$STUB_PORT/__stats" 10
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB${PG_URL_OPTS:-} QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD= QUARKUS_HTTP_PORT=$PORT AFTERCALL_JWT_SECRET=$SECRET \
  AFTERCALL_DATA_DIR=$WORK/data-statements AFTERCALL_OUTBOUND_ALLOW_HOSTS=127.0.0.1 \
  bash -c 'cd "$1" && exec java $2 -jar quarkus-run.jar' - "$APP" "$JAVA_OPTS" \
  > "$WORK/server-statements.log" 2>&1 & PIDS+=("$!")
wait_http "http://127.0.0.1:$PORT/q/health/ready" 60
TOKEN=$(token); export TOKEN
FLOW=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary "$(sed "s/:9100/:$STUB_PORT/" "$HERE/load/flow.json")" "$API/flows" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -XPOST "$API/flows/$FLOW/publish"

node "$HERE/post-calls.js" $((N / 2)) "$CONC" "first-$$" "$PORT" > /dev/null; drain $((N / 2))
sleep 11; BEFORE=$(snapshot); TICKS0=$(pg_ticks)
log "posting $N calls at $CONC connections"
node "$HERE/post-calls.js" "$N" "$CONC" "measured-$$" "$PORT" > /dev/null; drain $((N / 2 + N))
TICKS1=$(pg_ticks); sleep 11; AFTER=$(snapshot)

python3 - "$N" "$BEFORE" "$AFTER" "${APP_DIR:-commit $(git rev-parse --short HEAD)}" "$((TICKS1 - TICKS0))" "$(getconf CLK_TCK)" <<'PY'
import json, sys
n, before, after, commit = int(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
print(f"per durable call, {n} calls, {commit}: {(after['commits'] - before['commits']) / n:.2f} commits")
print(f"PostgreSQL CPU (all its processes, posting to drained): {int(sys.argv[5]) / int(sys.argv[6]) * 1e6 / n:.0f} us")
wal = {k: (after['wal'][k] - before['wal'][k]) / n for k in after['wal']}
print(f"WAL (whole cluster): {wal['records']:.1f} records, {wal['fpi']:.2f} full-page images, {wal['bytes']:.0f} bytes")
print(f"{'table':<22}{'ins':>7}{'upd':>7}{'del':>7}{'idx_scan':>10}{'seq_scan':>10}")
total = dict.fromkeys(('ins', 'upd', 'del', 'idx_scan', 'seq_scan'), 0.0)
for table, a in sorted(after['tables'].items()):
    b = before['tables'].get(table, dict.fromkeys(a, 0))
    d = {k: (a[k] - b[k]) / n for k in total}
    if any(d.values()):
        print(f"{table:<22}" + "".join(f"{d[k]:>{w}.2f}" for k, w in zip(total, (7, 7, 7, 10, 10))))
        for k in total:
            total[k] += d[k]
print(f"{'all':<22}" + "".join(f"{total[k]:>{w}.2f}" for k, w in zip(total, (7, 7, 7, 10, 10))))
PY
