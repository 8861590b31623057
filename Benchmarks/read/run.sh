#!/usr/bin/env bash
# Reading JSON Lines at the speed of the best peers (issue 20): `sift stats` next to DuckDB's
# read_json, a Python orjson loop and pyarrow's JSON reader, each counting the records of one chat
# dataset and measuring its last messages, on one thread and then on two, interleaved.
# Usage: Benchmarks/read/run.sh [--size MB (1024)] [--runs N (5)] [--threads "1 2"]
# SIFT_BIN=path uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/../.."
size=1024 runs=5 threads="1 2"
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--size MB] [--runs N] [--threads \"1 2\"]" >&2; exit 64 ;;
  esac
done
mkdir -p .build/read-bench
data=.build/read-bench/chat-${size}mb.jsonl
[ -f "$data" ] || python3 Benchmarks/generate_chat.py "$data" "$((size * 1000000))"
venv=.build/read-venv
if [ ! -x $venv/bin/python ] || ! $venv/bin/python -c 'import duckdb, orjson, pyarrow' 2>/dev/null; then
  python3 -m venv $venv
  $venv/bin/pip install --quiet duckdb==2.0.0 orjson==3.13.0 pyarrow==26.0.1
fi
[ -n "${SIFT_BIN:-}" ] || swift build -c release --product sift >/dev/null
bin=${SIFT_BIN:-$(swift build -c release --show-bin-path)/sift}
cat "$data" > /dev/null  # warm the page cache
# Every reader must agree on what it counted before its time means anything.
echo "records (and summed last-message length) per reader:"
echo "  sift stats: $("$bin" stats "$data" --json - | $venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["records"])')"
for reader in duckdb orjson pyarrow; do
  echo "  $reader: $($venv/bin/python Benchmarks/read/${reader}_read.py "$data" 1)"
done
$venv/bin/python Benchmarks/read/compare.py "$data" "$bin" "$venv/bin/python" "$runs" $threads
