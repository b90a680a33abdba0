#!/usr/bin/env bash
# Writes an AppCDS archive (app-cds.jsa) into a packaged server's directory from one training run: the server
# starts from that directory on a throw-away H2 database with -XX:ArchiveClassesAtExit, serves one readiness check
# and a few API requests, and stops; the JVM then archives every class it loaded. A server started from the same
# directory with -XX:SharedArchiveFile=app-cds.jsa and the same JDK maps them instead of loading them from the jars
# (bench/jvm-opts.sh's cds_opt adds the flag when the file is there). See STARTUP-RSS.md.
#
# Usage: bench/appcds.sh [app-dir]     (default bench/.work/app-h2; an H2 build, as bench/lib.sh's build h2 makes)
# Env:   PORT=8190  JAVA=java (must be the JDK that will run the server)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
APP=$(cd "${1:-$HERE/.work/app-h2}" && pwd); PORT=${PORT:-8190}; JAVA=${JAVA:-java}
DATA=$(mktemp -d); trap 'rm -rf "$DATA"' EXIT
SECRET=training-secret-0123456789-abcdefghijklmnopqrstuvwxyz
. "$HERE/lib.sh"
log() { echo "== $*" >&2; }

cd "$APP"; rm -f app-cds.jsa
QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$DATA/aftercall;DB_CLOSE_ON_EXIT=FALSE" QUARKUS_DATASOURCE_USERNAME=sa \
  QUARKUS_DATASOURCE_PASSWORD= QUARKUS_HTTP_PORT=$PORT AFTERCALL_JWT_SECRET=$SECRET AFTERCALL_DATA_DIR=$DATA \
  $JAVA -XX:ArchiveClassesAtExit=app-cds.jsa -Xlog:cds=error -jar quarkus-run.jar > "$DATA/server.log" 2>&1 &
pid=$!
wait_http "http://127.0.0.1:$PORT/q/health/ready" 300
TOKEN=$(token)
for path in calls flows functions; do
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/$path"
done
kill "$pid"; wait "$pid" || true
[ -f app-cds.jsa ] || { cat "$DATA/server.log" >&2; exit 1; }
log "wrote $APP/app-cds.jsa ($(du -m app-cds.jsa | cut -f1) MB)"
