#!/usr/bin/env bash
# Parquet read and write speed and memory, side by side in one run (docs/performance.md):
#   sift stats on a chat dataset as JSON Lines, as Parquet (snappy, zstd; written by pyarrow),
#   pyarrow read_table(use_threads=False) + touching every string, DuckDB (threads=1) counting
#   and measuring the text, and sift convert JSON Lines -> Parquet (zstd) against pyarrow's
#   read_json + write_table, all on one core; then sift convert on every core (wall time).
# Usage: Benchmarks/parquet/run.sh [size_mb=1024]
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-1024}
mkdir -p bench-data
jsonl=bench-data/chat-${size}mb.jsonl
[ -f "$jsonl" ] || python3 Benchmarks/generate_chat.py "$jsonl" "$((size * 1000000))"
venv=.build/parquet-venv
[ -x $venv/bin/python ] || { python3 -m venv $venv && $venv/bin/pip install --quiet pyarrow==26.0.1 duckdb==2.0.0; }
for codec in snappy zstd; do
  pq=bench-data/chat-${size}mb.$codec.parquet
  [ -f "$pq" ] || $venv/bin/python Benchmarks/parquet/write_pyarrow.py "$jsonl" "$pq" "$codec"
done
[ -n "${SIFT_BIN:-}" ] || swift build -c release --product sift >/dev/null
bin=${SIFT_BIN:-$(swift build -c release --show-bin-path)/sift}
jsonl_bytes=$(stat -L -c %s "$jsonl")
cat bench-data/chat-${size}mb.* > /dev/null  # warm the page cache

measure() {  # label, then the command; prints wall, CPU, MB/s of the JSON Lines size, peak RSS
  local label=$1; shift
  local log
  log=$(mktemp)
  SIFT_THREADS=${THREADS:-1} /usr/bin/time -v "$@" > /dev/null 2> "$log"
  python3 - "$log" "$jsonl_bytes" "$label" <<'PY'
import re, sys
log, size, label = open(sys.argv[1]).read(), int(sys.argv[2]), sys.argv[3]
def field(name):
    return re.search(re.escape(name) + r":\s*(.+)", log).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
print(f"{label:<44} {seconds:7.2f} s wall  {cpu:7.2f} s CPU  {size / 1e6 / seconds:6.0f} MB/s (JSONL-equivalent)  peak RSS {rss:6.0f} MB")
PY
  rm -f "$log"
}

echo "chat dataset: $(du -hL "$jsonl" | cut -f1) JSON Lines; Parquet: $(du -h bench-data/chat-${size}mb.snappy.parquet | cut -f1) snappy, $(du -h bench-data/chat-${size}mb.zstd.parquet | cut -f1) zstd"
measure "sift stats, JSON Lines" "$bin" stats "$jsonl" --json /dev/null
for codec in snappy zstd; do
  pq=bench-data/chat-${size}mb.$codec.parquet
  measure "sift stats, Parquet $codec" "$bin" stats "$pq" --json /dev/null
  measure "pyarrow read_table + every string, $codec" $venv/bin/python Benchmarks/parquet/pyarrow_read.py "$pq"
  measure "DuckDB threads=1 count + text length, $codec" $venv/bin/python Benchmarks/parquet/duckdb_read.py "$pq"
done
rm -f bench-data/sift-written.parquet bench-data/pyarrow-written.parquet
measure "sift convert JSONL -> Parquet zstd (write)" "$bin" convert "$jsonl" --out bench-data/sift-written.parquet
measure "pyarrow read_json + write_table zstd" $venv/bin/python Benchmarks/parquet/pyarrow_convert.py "$jsonl" bench-data/pyarrow-written.parquet
rm -f bench-data/pyarrow-written.parquet bench-data/sift-written.parquet
THREADS=$(nproc) measure "sift convert JSONL -> Parquet, $(nproc) threads" "$bin" convert "$jsonl" --out bench-data/sift-written.parquet
measure "sift stats, Parquet written by sift" "$bin" stats bench-data/sift-written.parquet --json /dev/null
