# Shared by the bench scripts (source it): an outlet token, the packaged server per database kind, readiness.
# Expects WORK (bench/.work), SECRET (the JWT secret the servers run with) and a log function.

token() { # HS256 JWT {"id": 1, "type": "OUTLET"}, as seed 004 describes it
  python3 - "$SECRET" <<'PY'
import base64, hashlib, hmac, json, sys
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b'=').decode()
h = b(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()); p = b(json.dumps({"id": 1, "type": "OUTLET"}).encode())
print(f"{h}.{p}." + b(hmac.new(sys.argv[1].encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()))
PY
}

build() { # db-kind -> $WORK/app-<kind>; SKIP_BUILD=1 reuses an existing one; APPCDS=1 adds an H2 build's AppCDS archive
  [ -n "${SKIP_BUILD:-}" ] && [ -d "$WORK/app-$1" ] && return
  log "build for $1"
  local db_kind=$1; [ "$1" = pg ] && db_kind=postgresql # the name Flyway's db/<db-kind> location uses
  ./mvnw -B -q -pl server -am package -DskipTests -Dquarkus.datasource.db-kind="$db_kind" >/dev/null
  rm -rf "$WORK/app-$1"; cp -r server/target/quarkus-app "$WORK/app-$1"
  if [ -n "${APPCDS:-}" ] && [ "$1" = h2 ]; then "$(dirname "${BASH_SOURCE[0]}")/appcds.sh" "$WORK/app-$1"; fi
}

# The sum of the server's (on $PORT) /q/metrics lines that start with $1, a metric name with its labels: O(1), where
# counting calls through GET /api/v1/calls reads the call table each time and slows what it measures (BENCHMARKS.md,
# "Completion measured by counter").
metric() { curl -s "http://127.0.0.1:$PORT/q/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%d\n", s}'; }
calls_completed() { metric 'aftercall_jobs_completed_total{kind="process_call",status="done"}'; }
# Calls the server finished: completed, or failed for good (a retry scheduled is not finished).
calls_finished() {
  echo $(($(calls_completed) + $(metric 'aftercall_jobs_completed_total{kind="process_call",status="failed"}')))
}

wait_http() { # url, seconds
  for _ in $(seq 1 $(($2 * 20))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done; echo "not ready: $1" >&2; return 1
}
