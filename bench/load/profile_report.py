"""Prints bench/profile.sh's figures: the measured window's rates, and the heaviest frames of a collapsed profile."""
import collections
import json
import sys


def summary(wrk_json, event, young_gcs, cpu_ticks, seconds, full_gcs, peak_rss_mb, switches):
    w = json.load(open(wrk_json))
    n = max(w["requests"], 1)
    print(f"[{event}] {w['requests']} requests ({w['rps']:.0f}/s, p99 {w['p99_ms']:.1f} ms); "
          f"young GCs {young_gcs} = {1000 * int(young_gcs) / n:.2f} per 1,000, full GCs {full_gcs}; "
          f"server CPU {int(cpu_ticks) / int(seconds):.0f}% = {10_000 * int(cpu_ticks) / n:.0f} us per request; "
          f"{int(switches) / n:.1f} context switches per request; peak RSS {peak_rss_mb} MB")


def frames(collapsed, top=30):
    """Self samples per frame, and per thread group (the root frame with digits folded), of one profile."""
    own, threads, total = collections.Counter(), collections.Counter(), 0
    for line in open(collapsed):
        stack, n = line.rstrip().rsplit(" ", 1)
        n = int(n)
        total += n
        parts = stack.split(";")
        own[parts[-1]] += n
        threads["".join("#" if c.isdigit() else c for c in parts[0])] += n
    print(f"--- {collapsed}: {total} samples")
    for name, n in threads.most_common(8):
        print(f"{100 * n / total:5.1f}%  thread {name}")
    for name, n in own.most_common(top):
        print(f"{100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    {"summary": summary, "frames": frames}[sys.argv[1]](*sys.argv[2:])
