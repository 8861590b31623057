#!/usr/bin/env bash
# Throughput and memory of `sift stats` on a generated JSON Lines dataset.
# Usage: Benchmarks/stats/run.sh [size_mb=1024]
# Prints MB/s (wall and CPU) and peak RSS with one worker thread and with all cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-1024}
data=bench-data/chat-${size}mb.jsonl
mkdir -p bench-data
[ -f "$data" ] || python3 Benchmarks/generate_chat.py "$data" "$((size * 1000000))"
swift build -c release --product sift >/dev/null
bin=$(swift build -c release --show-bin-path)/sift
bytes=$(stat -c %s "$data")
cat "$data" > /dev/null  # warm the page cache so the first run is not penalised

run() {
  local threads=$1
  local log
  log=$(mktemp)
  SIFT_THREADS=$threads /usr/bin/time -v "$bin" stats "$data" --json /dev/null > /dev/null 2> "$log"
  python3 - "$log" "$bytes" "$threads" <<'PY'
import re, sys
log, size, threads = open(sys.argv[1]).read(), int(sys.argv[2]), sys.argv[3]
def field(name):
    return re.search(re.escape(name) + r":\s*(.+)", log).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
print(f"threads={threads}  {size / 1e6:.0f} MB in {seconds:.2f} s wall = {size / 1e6 / seconds:.0f} MB/s"
      f"  (CPU {cpu:.2f} s = {size / 1e6 / cpu:.0f} MB/s per core)  peak RSS {rss:.0f} MB")
PY
  rm -f "$log"
}

echo "sift stats on $data"
run 1
run "$(nproc)"
