#!/usr/bin/env bash
# Label submissions per second and their latency (p50/p99) at 50 concurrent clients, with
# `sift studio serve` pinned to one core (cpu 0) and the load generator on the other (cpu 1).
# Every submission is acknowledged only after its transaction committed (synchronous = FULL).
# Usage: Benchmarks/studio/run.sh [seconds] [clients] [sift binary]   (default 20, 50, .build/release/sift)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
clients="${2:-50}"
sift="${3:-.build/release/sift}"
[ -x "$sift" ] || swift build -c release --product sift
python3 Benchmarks/studio/load.py bench --sift "$sift" --clients "$clients" --seconds "$seconds" --server-cpu 0 --client-cpu 1
