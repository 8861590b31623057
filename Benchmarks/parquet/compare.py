"""The read goals of issue 16 on medians: `sift stats` on the same records as JSON Lines, Parquet
snappy and Parquet zstd, and DuckDB (threads=1) on both Parquet files, all on one thread,
interleaved (every reader once, then again) RUNS times; prints each one's median wall and CPU
time and the ratios the goals name. With BASELINE, a second sift binary runs in the same rotation
(an A/B of a change).

Usage: compare.py JSONL SNAPPY_PARQUET ZSTD_PARQUET SIFT_BIN PYTHON RUNS [BASELINE_BIN]
CPU time (user + system) is printed next to wall time because on a shared machine wall time
measures the neighbours as much as the program; DuckDB's system time (page faults on its
buffers) swings from run to run, so both are shown."""
import os
import statistics
import subprocess
import sys
import tempfile

jsonl, snappy, zstd, sift, python, runs = sys.argv[1:6] + [int(sys.argv[6])]
baseline = sys.argv[7] if len(sys.argv) > 7 else None
here = os.path.dirname(os.path.abspath(__file__))
size = os.path.getsize(jsonl)


def commands():
    rows = [("sift stats, JSON Lines", [sift, "stats", jsonl, "--json", "/dev/null"])]
    for codec, path in (("snappy", snappy), ("zstd", zstd)):
        rows.append((f"sift stats, {codec}", [sift, "stats", path, "--json", "/dev/null"]))
        if baseline:
            rows.append((f"baseline stats, {codec}", [baseline, "stats", path, "--json", "/dev/null"]))
        rows.append((f"DuckDB, {codec}", [python, f"{here}/duckdb_read.py", path]))
    return rows


def measure(argv):
    """(wall s, user s, system s, peak RSS MB) of one run, from GNU time."""
    with tempfile.NamedTemporaryFile("r") as log:
        env = dict(os.environ, SIFT_THREADS="1")
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", log.name, *argv],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        wall, user, system, rss = log.read().split()[-4:]
    return float(wall), float(user), float(system), int(rss) / 1024


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


print(f"{jsonl}: {size / 1e6:,.0f} MB of JSON Lines; {runs} runs per reader, interleaved, one thread")
print(f"(load average before: {load()})")
results = {name: [] for name, _ in commands()}
for _ in range(runs):
    for name, argv in commands():
        results[name].append(measure(argv))
medians = {}
print(f"  {'reader':<26} {'wall':>8} {'user':>7} {'system':>7} {'CPU':>7} {'MB/s CPU':>9} {'peak RSS':>9}")
for name, rows in results.items():
    wall, user, system = (statistics.median(r[i] for r in rows) for i in range(3))
    cpu = statistics.median(r[1] + r[2] for r in rows)
    medians[name] = (wall, cpu)
    print(f"  {name:<26} {wall:6.2f} s {user:5.2f} s {system:5.2f} s {cpu:5.2f} s {size / 1e6 / cpu:9.0f}"
          f" {max(r[3] for r in rows):6.0f} MB")
print(f"(load average after: {load()})")
print("Goals (median time over median time; at most 1.00 means met):")
for codec in ("snappy", "zstd"):
    sift_wall, sift_cpu = medians[f"sift stats, {codec}"]
    duck_wall, duck_cpu = medians[f"DuckDB, {codec}"]
    jsonl_wall, jsonl_cpu = medians["sift stats, JSON Lines"]
    print(f"  {codec}: sift / DuckDB {sift_wall / duck_wall:.2f} wall, {sift_cpu / duck_cpu:.2f} CPU;"
          f" Parquet / JSON Lines {sift_wall / jsonl_wall:.2f} wall, {sift_cpu / jsonl_cpu:.2f} CPU")
    if baseline:
        base_wall, base_cpu = medians[f"baseline stats, {codec}"]
        print(f"  {codec}: sift / baseline {sift_wall / base_wall:.2f} wall, {sift_cpu / base_cpu:.2f} CPU")
