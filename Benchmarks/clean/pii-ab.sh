#!/usr/bin/env bash
# A/B speed of `sift pii` between two binaries on the cleaning benchmark's corpus, for a shared,
# noisy machine: runs alternate between the binaries (A B A B ...), and the medians of wall-clock
# and CPU-time MB/s are printed per binary, action and thread count.
#
#   Benchmarks/clean/pii-ab.sh BASE_SIFT NEW_SIFT [RUNS] [SIZE_MB]     (default 5 runs, 300 MB)
#
# Build the two binaries first (release), e.g. the base from a worktree at the base commit.
set -euo pipefail
cd "$(dirname "$0")/../.."

BASE="$1"
NEW="$2"
RUNS="${3:-5}"
SIZE_MB="${4:-300}"
CORPUS="bench-data/clean-${SIZE_MB}mb.jsonl"
OUT="bench-data/clean-out"
mkdir -p bench-data "$OUT"
if [ ! -s "$CORPUS" ]; then
    echo "generating ${SIZE_MB} MB corpus: $CORPUS"
    python3 Benchmarks/clean/make_corpus.py --mb "$SIZE_MB" --out "$CORPUS"
fi
BYTES=$(stat -c %s "$CORPUS")
echo "corpus: $CORPUS ($((BYTES / 1000000)) MB), $RUNS runs each, $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"

RESULTS="$OUT/ab-results.txt"
: > "$RESULTS"
for run in $(seq 1 "$RUNS"); do
    for threads in 1 2; do
        for action in report redact; do
            for label in base new; do
                if [ "$label" = base ]; then bin="$BASE"; else bin="$NEW"; fi
                rm -f "$OUT/redacted.jsonl"
                if [ "$action" = report ]; then
                    args=(pii "$CORPUS" --json "$OUT/pii-report.json")
                else
                    args=(pii "$CORPUS" --action redact --out "$OUT/redacted.jsonl")
                fi
                SIFT_THREADS="$threads" /usr/bin/time -o "$OUT/time.txt" -f "%e %U %S" "$bin" "${args[@]}" >/dev/null 2>&1
                echo "$label $action $threads $(tail -1 "$OUT/time.txt")" >> "$RESULTS"
            done
        done
    done
done

awk -v b="$BYTES" '
    { key = $1 " " $2 " threads=" $3; n[key]++; wall[key, n[key]] = b / 1e6 / $4; cpu[key, n[key]] = b / 1e6 / ($5 + $6) }
    function median(arr, key, count,    i, j, t, v) {
        for (i = 1; i <= count; i++) v[i] = arr[key, i]
        for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
    }
    END {
        for (key in n) printf "%-28s wall %7.1f MB/s   cpu %7.1f MB/s per core   (median of %d)\n", key, median(wall, key, n[key]), median(cpu, key, n[key]), n[key]
    }' "$RESULTS" | sort
