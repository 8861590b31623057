#!/usr/bin/env bash
# A recipe with filter + pii + dedup + decontam + write + split through a real one-node Slurm
# (scripts/slurm/start-local.sh) as 4 shard tasks per stage, compared file by file with the
# single-process run of the same recipe; then a Slurm run resumed with nothing left to do, and a
# task that fails (its exit status and log tail shown, the later stages cancelled). Stops Slurm at the end.
#
# Usage: scripts/slurm/check.sh [path/to/sift]   (default .build/release/sift). Needs root.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sift=$(realpath "${1:-$root/.build/release/sift}")
work=$(mktemp -d /tmp/sift-slurm-check.XXXXXX)
trap 'bash "$root/scripts/slurm/stop-local.sh"; rm -rf "$work"' EXIT
started=$(date +%s.%N)
eval "$(bash "$root/scripts/slurm/start-local.sh")"
echo "slurm: one node up in $(python3 -c "print(round($(date +%s.%N) - $started, 1))") s ($(sinfo -h -o '%N %c CPUs %T'))"
cp -r "$root/examples" "$work/examples"
cd "$work"
sed "s|^output: .*|output: single|" examples/recipes/finetune-cleanup.yaml > single.yaml
sed "s|^output: .*|output: slurm|" examples/recipes/finetune-cleanup.yaml > slurm.yaml
"$sift" run single.yaml > single.log
t0=$(date +%s.%N)
"$sift" run slurm.yaml --executor slurm --tasks 4 --mem 400M --time 00:10:00 --poll 0.5 | tee slurm.log
echo "slurm run: $(python3 -c "print(round($(date +%s.%N) - $t0, 1))") s"
for file in single/*; do
  name=$(basename "$file")
  [ "$name" = manifest.json ] && continue
  cmp -s "$file" "slurm/$name" || { echo "slurm check FAILED: $name differs from the single-process run" >&2; exit 1; }
done
echo "ok  slurm outputs equal the single-process run: $(ls single | tr '\n' ' ')"
"$sift" run slurm.yaml --executor slurm --tasks 4 --resume > resume.log
grep -q "resumed" resume.log || { echo "slurm check FAILED: --resume resubmitted finished stages" >&2; exit 1; }
echo "ok  --resume submits nothing when every task has its marker"
# A failing stage: pii hash without its salt fails in every task with status 78.
sed "s|^output: .*|output: failing|; s|pii: {action: redact.*|pii: {action: hash, salt_env: SIFT_CHECK_NO_SUCH_SALT}|" \
  examples/recipes/finetune-cleanup.yaml > failing.yaml
status=0
"$sift" run failing.yaml --executor slurm --tasks 2 --poll 0.5 > failing.out 2> failing.err || status=$?
[ "$status" != 0 ] || { echo "slurm check FAILED: a failing task did not fail the run" >&2; exit 1; }
grep -q "task 0 failed" failing.err && grep -q "SIFT_CHECK_NO_SUCH_SALT" failing.err \
  || { echo "slurm check FAILED: no task status and log tail"; cat failing.err; exit 1; } >&2
[ ! -e failing/train.jsonl ] || { echo "slurm check FAILED: partial output written" >&2; exit 1; }
sleep 1
[ -z "$(squeue -h)" ] || { echo "slurm check FAILED: stages after the failure still queued: $(squeue -h)" >&2; exit 1; }
echo "ok  a failed task shows its status and log tail; later stages are cancelled; no output written"
