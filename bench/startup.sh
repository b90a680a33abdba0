#!/usr/bin/env bash
# Startup time and idle memory of the packaged server on H2: starts it RUNS times on a fresh database, measures
# from process start to the first 200 of /q/health/ready, and the RSS just then and IDLE_S seconds later (when
# background work begun at startup, e.g. the JavaScript sandbox, has settled). See STARTUP-RSS.md.
#
# Usage: bench/startup.sh [app-dir]     (default bench/.work/app-h2, as bench/run.sh builds it)
# Env:   RUNS=3  PORT=8190  IDLE_S=10  JAVA_OPTS (as bench/run.sh: the recommended flags unless set)  JAVA=java
#        KEEP_LOG=/tmp/x keeps each run's server log as /tmp/x.<run>
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
APP=$(cd "${1:-$HERE/.work/app-h2}" && pwd); RUNS=${RUNS:-3}; PORT=${PORT:-8190}; IDLE_S=${IDLE_S:-10}; JAVA=${JAVA:-java}
. "$HERE/jvm-opts.sh"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
ready() { curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; }
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$1/stat"; } # user+system

cd "$APP"
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/data"; t0=$(date +%s%N)
  QUARKUS_DATASOURCE_JDBC_URL=$(h2_url "$WORK/data") \
    QUARKUS_DATASOURCE_USERNAME=sa QUARKUS_DATASOURCE_PASSWORD= QUARKUS_HTTP_PORT=$PORT \
    AFTERCALL_JWT_SECRET=bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz AFTERCALL_DATA_DIR="$WORK/data" \
    $JAVA $JAVA_OPTS $(cds_opt "$APP") -jar quarkus-run.jar > "$WORK/server.log" 2>&1 & pid=$!
  until ready; do sleep 0.02; kill -0 $pid 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }; done
  ms=$((($(date +%s%N) - t0) / 1000000)); cpu=$(cpu_s $pid); rss0=$(rss_mb $pid)
  sleep "$IDLE_S"; rss1=$(rss_mb $pid)
  echo "run $i: ready in $ms ms (cpu ${cpu}s), rss at ready $rss0 MB, after ${IDLE_S}s $rss1 MB (cpu $(cpu_s $pid)s)"
  [ -n "${KEEP_LOG:-}" ] && cp "$WORK/server.log" "$KEEP_LOG.$i"
  kill $pid; wait $pid 2>/dev/null || true
done
