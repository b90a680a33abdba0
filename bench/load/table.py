#!/usr/bin/env python3
"""Prints the Markdown tables of one bench/run.sh result file (JSON lines)."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
meta = next((r for r in rows if r.get("label") == "meta"), {})
print(f"commit {meta.get('commit')}, {meta.get('cores')} cores, {meta.get('duration_s')} s per run, {meta.get('java')}\n")

print("| engine | path | conns | intake req/s | intake p50 ms | intake p99 ms | completed flows/s | e2e p50 ms | e2e p99 ms | CPU % | CPU ms/flow | peak RSS MB | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    metric = r.get("metric")
    if metric not in ("durable", "in_memory", "flow_http"):
        continue
    errors = r["non2xx"] + r["err_connect"] + r["err_read"] + r["err_write"] + r["err_timeout"]
    e2e = r.get("e2e", {})
    completed = r.get("completed_per_s", r["rps"] if metric != "durable" else "")
    # Server CPU per flow (bench/run.sh): durable over the run and its drain, else over the run. Files written before
    # run.sh recorded it for every row: derived from the CPU % over the run.
    cpu_ms = r.get("cpu_ms_per_flow", r["cpu_pct"] * 10 / r["rps"] if r["rps"] else 0)
    path = {"durable": "durable (persisted)", "in_memory": "in-memory test-run", "flow_http": "flow over HTTP, nothing persisted"}[metric]
    print(f"| {r['label']} | {path} | {r['conns']} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
          f"{completed if isinstance(completed, str) else f'{completed:,.0f}'} | "
          f"{e2e.get('p50_ms', '') if e2e else ''} | {e2e.get('p99_ms', '') if e2e else ''} | "
          f"{r['cpu_pct']} | {cpu_ms:.2f} | {r['rss_max_mb']} | {errors} |")
for r in rows:
    if r.get("metric") == "startup":
        print(f"\n{r['label']}: process start to ready {r['startup_ms']} ms")
for r in rows:
    if r.get("metric") == "jit_warmup":
        print(f"\n{r['label']} JIT warm-up, {r['path']}, {r['conns']} conns, {r['duration_us'] / 1e6:.0f} s: "
              f"{r['rps']:,.0f} req/s, peak RSS {r['rss_max_mb']} MB")
