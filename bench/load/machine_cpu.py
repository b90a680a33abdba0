"""CPU of every process on the machine over a window, per request: which of the server, the database, the stub
target and the load driver the 2 shared cores went to (bench/profile.sh prints it for its measured run).

  machine_cpu.py snap FILE                 records the CPU ticks of every process and of the machine
  machine_cpu.py report FILE WRK_JSON PID  prints the busy share of all cores since FILE and the CPU per request
                                           (wrk's count, from the JSON line of bench/load/*.lua) of each process
                                           name; processes started since count whole, those that ended are left
                                           out, except the children of PID (the script that ran wrk), counted as wrk
"""
import json
import os
import sys


def snapshot():
    """CPU ticks by process, keyed by pid and start time (a pid can be reused), with the process's name."""
    processes = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # ended meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        # A kernel worker's name carries the work it does at the moment ("kworker/u8:0-events_unbound").
        name = "kworker" if name.startswith("kworker/") else name
        # utime + stime, and cutime + cstime: the CPU of its children that ended and were waited for
        processes[f"{pid}/{fields[19]}"] = [name, int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])]
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    return {"processes": processes, "total": sum(cpu), "idle": cpu[3] + cpu[4]}


def report(before, requests, driver_pid):
    after = snapshot()
    total, idle = after["total"] - before["total"], after["idle"] - before["idle"]
    hz, cores = os.sysconf("SC_CLK_TCK"), os.cpu_count()
    seconds = total / hz / cores
    used = {}
    for key, (name, ticks, children) in after["processes"].items():
        was = before["processes"].get(key, [name, 0, 0])
        used[name] = used.get(name, 0) + ticks - was[1]
        if key.startswith(f"{driver_pid}/"):
            # wrk has ended by now: its CPU is in the script's that ran and waited for it
            used["wrk"] = used.get("wrk", 0) + children - was[2]
    top = sorted(((t, n) for n, t in used.items() if t > 0), reverse=True)[:5]
    per_request = lambda ticks: ticks / hz * 1e6 / max(requests, 1)
    print(f"machine {100 * (1 - idle / total):.0f}% busy over {seconds:.1f} s = "
          f"{per_request(total - idle):.0f} us of CPU per request, of which "
          + ", ".join(f"{name} {per_request(ticks):.0f}" for ticks, name in top))


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        with open(sys.argv[2], "w") as out:
            json.dump(snapshot(), out)
    else:
        with open(sys.argv[2]) as before, open(sys.argv[3]) as wrk:
            report(json.load(before), json.load(wrk)["requests"], sys.argv[4])
