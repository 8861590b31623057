#!/usr/bin/env bash
# The measured run of docs/scale.md: one corpus through filter + pii + dedup + split (near-duplicate
# groups), single-process `sift run` and then `--executor local --tasks N --parallel K`, with wall
# time and peak RSS (GNU time), the time of every step (single-process: its checkpoint markers'
# times) and stage (sharded: the driver's progress), every task's time and peak RSS (its log), CPU
# seconds per step, stage and run (cpu_sampler.py, GNU time), the work directories' disk use, and
# the machine's load sampled every 10 s (the machine may be shared: CPU seconds measure the work,
# wall times also the load).
# The single-process files are hashed and deleted before the sharded run, so that both fit on one
# disk; the sharded files must have the same SHA-256.
#
# Usage: Benchmarks/scale/measure.sh CORPUS.jsonl [path/to/sift] [TASKS] [PARALLEL]
#        (default .build/release/sift, 16 tasks, 2 at once; SIFT_BENCH_DIR: where to work, default /tmp)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(realpath "$1")
sift=$(realpath "${2:-$root/.build/release/sift}")
tasks=${3:-16}
parallel=${4:-2}
work=$(mktemp -d "${SIFT_BENCH_DIR:-/tmp}/sift-scale-measure.XXXXXX")
( while true; do echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)"; sleep 10; done ) > "$work/load.log" &
sampler=$!
python3 "$root/Benchmarks/scale/cpu_sampler.py" "$work/cpu.tsv" &
cpu_sampler=$!
trap 'kill $sampler $cpu_sampler 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
recipe() {
  cat > "$1.yaml" <<YAML
name: measure
output: $1
steps:
  - read: {path: $corpus}
  - filter: {rules: [gopher-repetition]}
  - pii: {action: redact, types: [email]}
  - dedup: {method: both, threshold: 0.8}
  - split: {ratios: [0.9, 0.05, 0.05], group_by: near-duplicates, seed: 1}
YAML
}
load() {  # min/mean/max of the 1-minute load average since $1 (epoch seconds)
  awk -v since="$1" '$1 >= since { n++; s += $2; if (n == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
    END { if (n) printf "load %.1f-%.1f (mean %.1f, %d samples)", lo, hi, s / n, n; else print "load not sampled" }' load.log
}
outputs="train.jsonl validation.jsonl test.jsonl rejects.jsonl"
echo "corpus: $corpus, $(du -h "$corpus" | cut -f1), $(wc -l < "$corpus") documents; $(nproc) cores; sift $sift"

recipe single
t0=$(date +%s)
/usr/bin/time -f "%e %U %S %M" -o single.time "$sift" run single.yaml > single.log
read -r wall user system rss < single.time
echo "single-process: ${wall} s wall, $(python3 -c "print(round($user + $system))") CPU s, ${rss} KB peak RSS, $(load "$t0"); work files $(du -sh single | cut -f1)"
# Step times: each step's marker is written when it ends; CPU from the sampler at that moment.
for marker in $(ls -tr single/.sift-run/*.done.json); do echo "$(stat -c %.1Y "$marker") $(basename "$marker" .done.json)"; done > steps.txt
python3 - "$t0" <<'PY'
import sys
samples = [(float(t), float(c)) for t, k, c in (l.split() for l in open("cpu.tsv")) if k == "run:single.yaml"]
def cpu_at(t): return max([c for s, c in samples if s <= t] or [0.0])
previous_t, previous_c = float(sys.argv[1]), 0.0
for line in open("steps.txt"):
    t, name = line.split()
    t = float(t)
    print(f"    {name:12} {t - previous_t:7.1f} s wall, {cpu_at(t) - previous_c:7.1f} CPU s")
    previous_t, previous_c = t, cpu_at(t)
PY
(cd single && sha256sum $outputs) > single.sha256
rm -rf single

recipe sharded
t0=$(date +%s)
/usr/bin/time -f "%e %U %S %M" -o sharded.time "$sift" run sharded.yaml --executor local --tasks "$tasks" --parallel "$parallel" > sharded.log
read -r wall user system rss < sharded.time
echo "local --tasks $tasks --parallel $parallel: ${wall} s wall, $(python3 -c "print(round($user + $system))") CPU s (driver and tasks)," \
  "largest process (driver or task) ${rss} KB peak RSS, $(load "$t0"); work files $(du -sh sharded | cut -f1)"
grep -h "^done: stage" sharded/.sift-scale/logs/*.log | python3 -c '
import re, sys, collections
stages = collections.defaultdict(list)
for line in sys.stdin:
    m = re.match(r"done: stage (\S+) task \d+ in ([\d.]+) s, peak RSS (\d+) MB", line)
    if m: stages[m.group(1)].append((float(m.group(2)), int(m.group(3))))
cpu = {}
for line in open("cpu.tsv"):
    t, key, c = line.split()
    if not key.startswith("run:"): cpu[key] = float(c)
walls = {}
for line in open("sharded.log"):
    m = re.search(r"(\S+): \d+/\d+ tasks done in ([\d.]+) s", line)
    if m: walls[m.group(1)] = float(m.group(2))
for name in sorted(stages, key=lambda n: list(walls).index(n) if n in walls else len(walls)):
    runs = stages[name]
    stage_cpu = sum(c for k, c in cpu.items() if k.rsplit(".", 1)[0] == name)
    print(f"    {name:20} {len(runs):3} tasks, stage {walls.get(name, 0):7.1f} s wall, {stage_cpu:7.1f} CPU s, "
          f"longest task {max(t for t, _ in runs):6.1f} s, peak RSS {min(r for _, r in runs)}-{max(r for _, r in runs)} MB")
'
(cd sharded && sha256sum -c --quiet ../single.sha256) && echo "outputs: the same SHA-256 as the single-process run ($outputs)"
