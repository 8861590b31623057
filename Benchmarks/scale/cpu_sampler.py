#!/usr/bin/env python3
"""CPU time of sift processes, sampled from /proc every half second, for Benchmarks/scale/measure.sh:
on a shared machine wall times measure the load as much as the work, CPU seconds measure the work.

Usage: cpu_sampler.py OUT.tsv    (runs until killed)
Writes "epoch_seconds key cpu_seconds" lines: key is "stage.task" for a `sift run-task` and
"run:RECIPE" for a `sift run`; a process's last line is its CPU time to within half a second."""
import os
import sys
import time

tick = os.sysconf("SC_CLK_TCK")
with open(sys.argv[1], "w", buffering=1) as out:
    while True:
        now = time.time()
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    args = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if len(args) < 2 or not args[0].endswith("sift"):
                continue
            if args[1] == "run-task" and "--stage" in args and "--task" in args:
                key = f"{args[args.index('--stage') + 1]}.{args[args.index('--task') + 1]}"
            elif args[1] == "run":
                key = f"run:{os.path.basename(args[2]) if len(args) > 2 else ''}"
            else:
                continue
            # utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the name).
            cpu = (int(fields[11]) + int(fields[12])) / tick
            out.write(f"{now:.1f} {key} {cpu:.2f}\n")
        time.sleep(0.5)
