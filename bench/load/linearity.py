#!/usr/bin/env python3
"""Helpers of bench/linearity.sh.

  linearity.py times-api <api base> <token>   prints the completed_at of every completed call (epoch ms, one a line),
                                              read page by page from GET /calls?status=completed (for H2, whose
                                              file the server holds open)
  linearity.py rates <process start ms>       reads such times on stdin, prints the drain figures as one JSON line:
                                              the rate over the whole backlog, over its first and its last 10%
"""
import json
import sys
import urllib.request
from datetime import datetime


def times_api(api, token):
    page = 0
    while True:
        request = urllib.request.Request(f"{api}/calls?status=completed&size=500&page={page}",
                                         headers={"Authorization": f"Bearer {token}"})
        items = json.load(urllib.request.urlopen(request, timeout=120))["items"]
        if not items:
            return
        for item in items:
            at = datetime.fromisoformat(item["completed_at"].replace("Z", "+00:00"))
            print(round(at.timestamp() * 1000, 3))
        page += 1


def rate(times, first, last):
    """Calls completed per second between the first-th and the last-th completion (0-based, inclusive)."""
    seconds = (times[last] - times[first]) / 1000
    return round((last - first) / seconds, 1) if seconds > 0 else None


def rates(process_start_ms):
    times = sorted(float(line) for line in sys.stdin if line.strip())
    n = len(times)
    tenth = max(1, n // 10)
    print(json.dumps({
        "completed": n,
        "first_completion_after_start_s": round((times[0] - process_start_ms) / 1000, 2),
        "drain_s": round((times[-1] - times[0]) / 1000, 2),
        "rate_per_s": rate(times, 0, n - 1),
        "rate_first_10pct_per_s": rate(times, 0, tenth),
        "rate_last_10pct_per_s": rate(times, n - 1 - tenth, n - 1),
        # Each tenth of the backlog in completion order: the first also holds the fresh process's JIT warm-up.
        "rate_by_tenth_per_s": [rate(times, i * (n - 1) // 10, (i + 1) * (n - 1) // 10) for i in range(10)],
    }))


if __name__ == "__main__":
    if sys.argv[1] == "times-api":
        times_api(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "rates":
        rates(float(sys.argv[2]))
    else:
        sys.exit(__doc__)
