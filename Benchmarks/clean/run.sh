#!/usr/bin/env bash
# Cleaning benchmark: `sift filter` with the four web rule sets and `sift pii`, on a generated
# web-like corpus, with one and two threads. Prints MB/s (input bytes / wall time).
#
#   Benchmarks/clean/run.sh [SIZE_MB]     (default 1000 MB; the corpus is cached in bench-data/)
#
# Goals: filters >= 50 MB/s per core, PII scan >= 100 MB/s per core.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB="${1:-1000}"
CORPUS="bench-data/clean-${SIZE_MB}mb.jsonl"
OUT="bench-data/clean-out"
mkdir -p bench-data "$OUT"

swift build -c release --product sift >/dev/null
SIFT="$(swift build -c release --show-bin-path)/sift"

if [ ! -s "$CORPUS" ]; then
    echo "generating ${SIZE_MB} MB corpus: $CORPUS"
    python3 Benchmarks/clean/make_corpus.py --mb "$SIZE_MB" --out "$CORPUS"
fi
BYTES=$(stat -c %s "$CORPUS")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: $CORPUS ($MB MB, $(wc -l < "$CORPUS") records), $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"

# Prints wall-clock MB/s and CPU-time MB/s (input bytes over user + system seconds): on a shared
# machine the wall clock measures the neighbours too, CPU time measures Sift.
measure() { # label threads command...
    local label="$1" threads="$2"
    shift 2
    local times
    # The previous run's outputs are removed first: replacing them would time freeing their pages.
    rm -f "$OUT/kept.jsonl" "$OUT/removed.jsonl" "$OUT/redacted.jsonl"
    SIFT_THREADS="$threads" /usr/bin/time -o "$OUT/time.txt" -f "%e %U %S" "$@" >/dev/null 2>&1
    times=$(tail -1 "$OUT/time.txt")
    awk -v b="$BYTES" -v t="$times" -v l="$label" -v n="$threads" \
        'BEGIN { split(t, a, " "); wall = a[1]; cpu = a[2] + a[3];
                 printf "%-26s threads=%d  wall %6.1f s %7.1f MB/s   cpu %6.1f s %7.1f MB/s per core\n", l, n, wall, b / 1e6 / wall, cpu, b / 1e6 / cpu }'
}

for threads in 1 2; do
    measure "filter (4 web rule sets)" "$threads" "$SIFT" filter "$CORPUS" --out "$OUT/kept.jsonl" --removed "$OUT/removed.jsonl" \
        --rules gopher-quality,gopher-repetition,c4,fineweb --json "$OUT/filter-report.json"
done
for threads in 1 2; do
    measure "pii (report, all types)" "$threads" "$SIFT" pii "$CORPUS" --json "$OUT/pii-report.json"
done
for threads in 1 2; do
    measure "pii (redact, all types)" "$threads" "$SIFT" pii "$CORPUS" --action redact --out "$OUT/redacted.jsonl"
done
echo "filter: $(grep -m1 '"kept"' "$OUT/filter-report.json" | tr -d ' ,') $(grep -m1 '"removed"' "$OUT/filter-report.json" | tr -d ' ,')"
