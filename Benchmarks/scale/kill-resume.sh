#!/usr/bin/env bash
# SIGKILL of a running shard task, then --resume (docs/scale.md, Faults): the killed task is
# reported with its signal, the finished ones are not rerun, and the outputs equal the
# single-process run. Usage: Benchmarks/scale/kill-resume.sh [path/to/sift]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sift=$(realpath "${1:-$root/.build/release/sift}")
work=$(mktemp -d /tmp/sift-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$root/Benchmarks/scale/generate.py" corpus.jsonl 2 >/dev/null
printf 'name: k\noutput: %s\nsteps:\n  - read: {path: corpus.jsonl}\n  - filter: {rules: [gopher-repetition]}\n  - dedup: {method: both, threshold: 0.8}\n  - write: {path: kept.jsonl}\n' out > r.yaml
sed 's/^output: out/output: single/' r.yaml > s.yaml
status=0
"$sift" run r.yaml --executor local --tasks 4 --parallel 1 > run1.log 2>&1 &
driver=$!
victim=""
for _ in $(seq 1 1200); do
  victim=$(pgrep -P "$driver" -f "run-task .*--stage 02-filter --task 2" || true)
  [ -n "$victim" ] && break
  sleep 0.05
done
[ -n "$victim" ] || { echo "kill-resume: task 2 of 02-filter was never seen running" >&2; exit 1; }
kill -9 "$victim"
wait "$driver" || status=$?
echo "driver exit status $status"; grep "failed" run1.log
"$sift" run r.yaml --executor local --tasks 4 --parallel 1 --resume | grep "tasks done"
grep -c "== sift run-task" out/.sift-scale/logs/01-read.*.log out/.sift-scale/logs/02-filter.*.log
"$sift" run s.yaml > /dev/null
cmp out/kept.jsonl single/kept.jsonl && cmp out/rejects.jsonl single/rejects.jsonl && echo "outputs equal the single-process run"
