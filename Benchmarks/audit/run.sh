#!/usr/bin/env bash
# Benchmark of `sift audit` (release build): generates a chat instruction dataset of SIZE bytes
# (default 1 GB; e.g. `run.sh 200M`) and audits it with SIFT_THREADS=1 and 2, printing MB/s and
# peak RSS, and CPU time (user + system), which stays meaningful on a shared, busy machine.
# Goal: >= 100 MB/s on one core (near-duplicates not included).
set -euo pipefail
cd "$(dirname "$0")/../.."

size_arg="${1:-1G}"
size=$(numfmt --from=iec "${size_arg^^}")
data_dir="${BENCH_DATA_DIR:-bench-data}"
data="$data_dir/audit-chat-$size_arg.jsonl"
mkdir -p "$data_dir"
if [[ ! -f "$data" ]]; then
    python3 Benchmarks/generate_chat.py "$data" "$size"
fi
swift build -c release --product sift >/dev/null
bytes=$(stat -c %s "$data")
echo "dataset: $data ($bytes bytes)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall-clock figures need an idle machine; CPU figures do not)"
for threads in 1 2; do
    log=$(mktemp)
    start=$(date +%s.%N)
    SIFT_THREADS=$threads /usr/bin/time -v .build/release/sift audit "$data" --as-of 2026-11-24 --no-near-duplicates --json /dev/null >/dev/null 2>"$log"
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc -l)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
    printf "SIFT_THREADS=%s  wall %.2f s = %.1f MB/s  |  CPU %.2f s = %.1f MB/s per core  |  peak RSS %.1f MB\n" \
        "$threads" "$seconds" "$(echo "$bytes / 1000000 / $seconds" | bc -l)" "$cpu" "$(echo "$bytes / 1000000 / $cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
    rm -f "$log"
done
