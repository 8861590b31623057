#!/usr/bin/env bash
# Times `sift agree` on one million labels (release build): reading, all coefficients, and the
# default 1,000-resample bootstrap. Prints wall-clock and CPU seconds and peak memory per run
# (CPU time is the figure to compare on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/../.."

data=bench-data/agree-1m.csv
[ -f "$data" ] || python3 Benchmarks/agreement/generate.py --labels 1111112 --out "$data"
swift build -c release --product sift >/dev/null
sift=.build/release/sift

run() {
    local name=$1; shift
    /usr/bin/time -f "$name: %e s wall, %U s user CPU, %M KB peak" "$sift" agree "$data" --threshold=-1 --json /dev/null "$@" >/dev/null
}
echo "sift agree on $(($(wc -l < "$data") - 1)) labels ($(nproc) cores)"
run "no bootstrap" --bootstrap 0
run "bootstrap 1000 (default)"
SIFT_THREADS=1 run "bootstrap 1000, SIFT_THREADS=1"
