#!/usr/bin/env bash
# Sharded-run figures for docs/scale.md: a generated corpus through filter + pii + dedup + write,
# single-process `sift run` against `--executor local` with 1, 2 and 4 tasks (2 at once), with wall
# time, the driver's peak RSS (GNU time) and every task's peak RSS (from its log). Prints the
# machine load before and after, since the machine may be shared.
#
# Usage: Benchmarks/scale/run.sh [path/to/sift] [MEGABYTES]   (default .build/release/sift, 200)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sift=$(realpath "${1:-$root/.build/release/sift}")
mb=${2:-200}
work=$(mktemp -d /tmp/sift-scale-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$root/Benchmarks/scale/generate.py" corpus.jsonl "$mb"
recipe() {
  cat > "$1.yaml" <<YAML
name: bench
output: $1
steps:
  - read: {path: corpus.jsonl}
  - filter: {rules: [gopher-repetition]}
  - pii: {action: redact, types: [email]}
  - dedup: {method: both, threshold: 0.8}
  - write: {path: corpus.jsonl}
YAML
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
recipe single
/usr/bin/time -f "single-process: %e s wall, %M KB peak RSS" "$sift" run single.yaml > single.log
for tasks in 1 2 4; do
  recipe "tasks$tasks"
  /usr/bin/time -f "local --tasks $tasks --parallel 2: %e s wall, driver %M KB peak RSS" \
    "$sift" run "tasks$tasks.yaml" --executor local --tasks "$tasks" --parallel 2 > "tasks$tasks.log"
  cmp -s single/corpus.jsonl "tasks$tasks/corpus.jsonl" || { echo "outputs differ with $tasks tasks" >&2; exit 1; }
  grep -h "^done: stage" "tasks$tasks"/.sift-scale/logs/*.log | python3 -c '
import re, sys, collections
stages = collections.defaultdict(list)
for line in sys.stdin:
    m = re.match(r"done: stage (\S+) task \d+ in ([\d.]+) s, peak RSS (\d+) MB", line)
    if m: stages[m.group(1)].append((float(m.group(2)), int(m.group(3))))
for name, runs in sorted(stages.items()):
    print(f"    {name:22} {len(runs)} tasks, longest {max(t for t, _ in runs):6.2f} s, peak RSS up to {max(r for _, r in runs)} MB")
'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
