"""Runs every reader of `Benchmarks/read/run.sh` on one file, interleaved (sift, DuckDB, orjson,
pyarrow, then again; `sift stats --strict`, which decodes every record, shows
the line reader's gain within one binary), RUNS times per thread count, and prints each one's median wall and CPU time,
its throughput, its peak RSS and its ratio to `sift stats`.

Usage: compare.py FILE SIFT_BIN PYTHON RUNS THREADS...
CPU time (user + system) is printed next to wall time because on a shared machine wall time
measures the neighbours as much as the program."""
import os
import statistics
import subprocess
import sys
import tempfile

path, sift, python, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
thread_counts = [int(t) for t in sys.argv[5:]]
here = os.path.dirname(os.path.abspath(__file__))
size = os.path.getsize(path)


def commands(threads):
    return [
        ("sift stats", [sift, "stats", path, "--json", "/dev/null"]),
        # --strict decodes every record with JSONParser (the path before issue 20): the gain, same binary.
        ("sift stats --strict", [sift, "stats", path, "--strict", "--json", "/dev/null"]),
        ("DuckDB read_json", [python, f"{here}/duckdb_read.py", path, str(threads)]),
        ("Python orjson loop", [python, f"{here}/orjson_read.py", path, str(threads)]),
        ("pyarrow read_json", [python, f"{here}/pyarrow_read.py", path, str(threads)]),
    ]


def measure(argv, threads):
    """(wall s, CPU s, peak RSS MB) of one run, from GNU time."""
    with tempfile.NamedTemporaryFile("r") as log:
        env = dict(os.environ, SIFT_THREADS=str(threads))
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", log.name, *argv],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        wall, user, system, rss = log.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


print(f"{path}: {size / 1e6:,.0f} MB, {runs} runs per reader, interleaved")
for threads in thread_counts:
    print(f"\n{threads} thread{'s' if threads > 1 else ''}  (load average before: {load()})")
    results = {name: [] for name, _ in commands(threads)}
    for _ in range(runs):
        for name, argv in commands(threads):
            results[name].append(measure(argv, threads))
    print(f"  {'reader':<22} {'wall (median)':>14} {'CPU (median)':>13} {'MB/s wall':>10} {'MB/s CPU':>9} {'peak RSS':>9}  "
          f"{'its time / sift (wall, CPU)':>28}")
    sift_wall = statistics.median(r[0] for r in results["sift stats"])
    sift_cpu = statistics.median(r[1] for r in results["sift stats"])
    for name, rows in results.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        rss = max(r[2] for r in rows)
        print(f"  {name:<22} {wall:12.2f} s {cpu:11.2f} s {size / 1e6 / wall:10.0f} {size / 1e6 / cpu:9.0f} {rss:7.0f} MB"
              f"  {wall / sift_wall:13.2f}x {cpu / sift_cpu:6.2f}x")
    print(f"  (load average after: {load()}; a ratio above 1 means sift stats is faster)")
