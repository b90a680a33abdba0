# Sourced at the top of the bench scripts that start a server and its stub target (run.sh, profile.sh, outage.sh):
# the JWT secret the server runs with, PIDS (append every background process; all are killed when the script
# exits), log (a timestamped line on stderr), then lib.sh and jvm-opts.sh. Expects HERE (the bench folder).
SECRET=bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { echo "== $(date -u +%T) $*" >&2; }
. "$HERE/lib.sh"
. "$HERE/jvm-opts.sh"
