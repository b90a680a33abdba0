#!/usr/bin/env bash
# Compares two packaged servers side by side. This shared host's speed drifts by a third within a minute, so runs
# one after the other cannot tell a 10% change from noise. Here both run at the same time, each with its own stub
# target and load driver pinned to one of the two cores (taskset): whatever the host does, it does to both. The
# cores are not equal (here core 0 was at times 2-3x slower: it takes the host's interrupts), so A and B swap cores
# every round and the summary is the geometric mean of the B/A ratios over the rounds: run an even number. With pg,
# the PostgreSQL server itself is not pinned: both sides share it.
#
# Usage: bench/ab.sh <quarkus-app dir A> <quarkus-app dir B> [h2|pg]     (default h2; pg uses two databases)
# Env:   ROUNDS=4  CONNS=16  DURATION=10  WARMUP=3  PHASES=durable   (and any other setting of bench/run.sh)
# A variant: ./mvnw -B -q -pl server -am package -DskipTests -Dquarkus.datasource.db-kind=h2 &&
#            cp -a server/target/quarkus-app bench/.work/app-B
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: bench/ab.sh <quarkus-app dir A> <quarkus-app dir B> [h2|pg]" >&2; exit 2; }
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd); KIND=${3:-h2}; ROUNDS=${ROUNDS:-4}
export CONNS=${CONNS:-16} DURATION=${DURATION:-10} WARMUP=${WARMUP:-3} PHASES=${PHASES:-durable}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
for r in $(seq 1 "$ROUNDS"); do
  pids=()
  for v in A B; do
    dir=$A; n=0; [ $v = B ] && { dir=$B; n=1; }
    core=$(( (n + r) % 2 ))
    mkdir -p "$TMP/$v"
    APP_DIR=$dir BENCH_WORK=$TMP/$v RESULTS=$TMP/$r.$v.jsonl PORT=$((8190 + n)) STUB_PORT=$((9190 + n)) \
      PG_DATABASE=aftercall_ab_${v,,} taskset -c $core bash "$HERE/run.sh" "$KIND" > "$TMP/$r.$v.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do
    wait "$p" || { echo "round $r failed (servers' logs kept in $TMP):" >&2; cat "$TMP/$r.A.out" "$TMP/$r.B.out" >&2
                   trap - EXIT; exit 1; }
  done
  for v in A B; do grep '^| aftercall' "$TMP/$r.$v.out" | sed "s/^/$v round $r /" || cat "$TMP/$r.$v.out"; done
done
python3 - "$TMP" "$ROUNDS" <<'PY'
import json, math, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def rows(r, v):
    return {(j["metric"], j["conns"]): j for j in map(json.loads, open(f"{tmp}/{r}.{v}.jsonl"))
            if j.get("metric") in ("durable", "in_memory")}
figures = {"completed or answered /s": lambda j: j.get("completed_per_s", j["rps"]),
           "server CPU ms per flow": lambda j: j.get("cpu_ms_per_flow"),
           "e2e p99 ms": lambda j: j.get("e2e", {}).get("p99_ms")}
print()
for key in rows(1, "A"):
    for name, get in figures.items():
        ratios = [get(rows(r, "B")[key]) / get(rows(r, "A")[key]) for r in range(1, rounds + 1)
                  if get(rows(r, "A")[key]) and get(rows(r, "B")[key])]
        if ratios:
            mean = math.exp(sum(map(math.log, ratios)) / len(ratios))
            print(f"{key[0]} c={key[1]} {name}: B/A {mean:.3f} "
                  f"(rounds {', '.join(f'{x:.3f}' for x in ratios)})")
PY
