#!/usr/bin/env bash
# SiftLearn speed (issue 17), in one run, Sift on one core (SIFT_THREADS=1) unless said otherwise:
#   1. training on 100K short texts (~200 characters, 10 classes): Sift's learner against scikit-learn's
#      LogisticRegression(solver="lbfgs") on exactly Sift's hashed features (exported by
#      `sift curve --export-features`), scikit-learn on one thread; fit seconds, ratio, both accuracies
#      on the same 10K held-out texts. Goal: Sift >= 20x faster at equal or better accuracy.
#   2. `sift curve` with the default sizes and 3 repeats on 10K records. Goal: < 10 s.
#   3. `sift label-errors` on 100K records, 5 folds. Goal: < 30 s. Also with 2 threads, and the two
#      flagged sets compared (they must be byte-identical).
# Wall-clock and CPU ("user") seconds are both printed: on a shared machine CPU time is the fair figure.
#
#   Benchmarks/learn/run.sh                # 100,000 training texts
#   RECORDS=20000 Benchmarks/learn/run.sh  # a quicker run (curve still on 10K)
set -euo pipefail
cd "$(dirname "$0")/../.."

RECORDS=${RECORDS:-100000}
WORK=.build/bench-learn
mkdir -p "$WORK"
[ -x .build/learn-venv/bin/python ] || python3 -m venv .build/learn-venv
.build/learn-venv/bin/pip install --quiet --disable-pip-version-check scikit-learn==1.9.1 numpy==1.26.4 scipy==1.12.0
PY=.build/learn-venv/bin/python

TRAIN="$WORK/train-$RECORDS.jsonl"
EVAL="$WORK/eval-$RECORDS.jsonl"
[ -s "$TRAIN" ] && [ -s "$EVAL" ] || "$PY" Benchmarks/learn/bench.py generate --train "$TRAIN" --eval "$EVAL" --records "$RECORDS"
SMALL="$WORK/train-10k.jsonl"
head -n 10000 "$TRAIN" > "$SMALL"

[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product sift >/dev/null   # SKIP_BUILD=1: measure the binary as built
SIFT=.build/release/sift

# Runs a command under /usr/bin/time; prints "NAME: W s wall, U s CPU, M MB peak".
timed() {
    local name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >/dev/null
    read -r wall user system peak < "$WORK/time"
    printf '%-58s %8.1f s wall %8.1f s CPU %7d MB peak\n' "$name:" "$wall" "$(echo "$user + $system" | bc)" $((peak / 1024))
}
field() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, d))" "$@"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo
echo "== 1. training on $RECORDS texts, 10 classes (one core)"
timed "sift curve --sizes $RECORDS --repeats 1 (read, hash, leakage check, fit, export)" \
    env SIFT_THREADS=1 "$SIFT" curve "$TRAIN" --eval "$EVAL" --label label --sizes "$RECORDS" --repeats 1 \
    --json "$WORK/train.json" --export-features "$WORK/features"
read -r _ user system _ < "$WORK/time"
sift_cpu=$(echo "$user + $system" | bc)   # the whole command: an upper bound on the fit's CPU
pool=$(field "$WORK/train.json" "training_pool")
[ "$pool" = "$RECORDS" ] || { echo "the training pool is $pool, not $RECORDS (leakage check)"; exit 1; }
sift_fit=$(field "$WORK/train.json" "seconds_per_fit")
sift_accuracy=$(field "$WORK/train.json" "points[0]['mean']")
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "$PY" Benchmarks/learn/bench.py sklearn --features "$WORK/features" > "$WORK/sklearn.json"
sk_fit=$(field "$WORK/sklearn.json" "fit_cpu")
sk_wall=$(field "$WORK/sklearn.json" "fit_wall")
sk_accuracy=$(field "$WORK/sklearn.json" "accuracy")
sk_iterations=$(field "$WORK/sklearn.json" "iterations")
nonzeros=$(field "$WORK/sklearn.json" "nonzeros")
printf '%-34s %10s %10s\n' "" "Sift" "sklearn"
printf '%-34s %10.2f %10.2f\n' "CPU s (Sift: whole command; sklearn: fit)" "$sift_cpu" "$sk_fit"
printf '%-34s %10.2f %10.2f\n' "fit wall seconds" "$sift_fit" "$sk_wall"
printf '%-34s %10.4f %10.4f\n' "accuracy on $(wc -l < "$EVAL") held-out" "$sift_accuracy" "$sk_accuracy"
printf '%-34s %10s %10s\n' "iterations" "-" "$sk_iterations"
echo "features: $nonzeros non-zeros; by CPU time Sift is at least $(echo "scale=2; $sk_fit / $sift_cpu" | bc)x as fast (goal >= 20x at equal or better accuracy)"

echo
echo "== 2. sift curve, default sizes, 3 repeats, 10,000 records (goal < 10 s on one core)"
timed "sift curve, SIFT_THREADS=1" env SIFT_THREADS=1 "$SIFT" curve "$SMALL" --label label --json "$WORK/curve-1.json"
timed "sift curve, SIFT_THREADS=2" env SIFT_THREADS=2 "$SIFT" curve "$SMALL" --label label --json "$WORK/curve-2.json"
"$PY" - "$WORK/curve-1.json" "$WORK/curve-2.json" <<'EOF'
import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:])
print("points:", ", ".join(f"{p['size']}: {p['mean']:.3f}" for p in one["points"]), "|", one["forecast"]["text"])
print("curves with 1 and 2 threads:", "identical" if one["points"] == two["points"] else "DIFFER")
EOF

echo
echo "== 3. sift label-errors, $RECORDS records, 5 folds (goal < 30 s)"
timed "sift label-errors, SIFT_THREADS=1" env SIFT_THREADS=1 "$SIFT" label-errors "$TRAIN" --label label --out "$WORK/issues-1.jsonl"
timed "sift label-errors, SIFT_THREADS=2" env SIFT_THREADS=2 "$SIFT" label-errors "$TRAIN" --label label --out "$WORK/issues-2.jsonl"
echo "flagged: $(wc -l < "$WORK/issues-1.jsonl"); with 1 and 2 threads: $(cmp -s "$WORK/issues-1.jsonl" "$WORK/issues-2.jsonl" && echo byte-identical || echo DIFFER)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
