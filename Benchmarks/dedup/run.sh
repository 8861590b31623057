#!/usr/bin/env bash
# Sift dedup vs datasketch (MinHash + MinHashLSH) on the same generated corpus: same normalisation
# (NFKC, case-folded, whitespace collapsed), word 5-gram shingles, 128 permutations, threshold 0.8
# and the same LSH banding weights (so both use the same bands x rows). Prints docs/s for each, the
# ratio (by wall clock and by CPU time, which stays fair when other work shares the machine),
# Sift's 1 -> 2 thread speed-up, memory held per document, and precision/recall of each tool's
# removals against exact-Jaccard ground truth (Sift also with --verify).
#
#   Benchmarks/dedup/run.sh            # 100,000 documents
#   DOCS=20000 Benchmarks/dedup/run.sh # a quicker run
set -euo pipefail
cd "$(dirname "$0")/../.."

DOCS=${DOCS:-100000}
WORK=.build/bench-dedup
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check datasketch
PY="$WORK/venv/bin/python"

CORPUS="$WORK/corpus-$DOCS.jsonl"
TRUTH="$WORK/truth-$DOCS.json"
if [ ! -s "$CORPUS" ] || [ ! -s "$TRUTH" ]; then
    "$PY" Benchmarks/dedup/bench.py generate --docs "$DOCS" --out "$CORPUS" --truth "$TRUTH"
fi

swift build -c release --product sift >/dev/null

"$PY" Benchmarks/dedup/bench.py datasketch --corpus "$CORPUS" --out "$WORK/datasketch.json"

for threads in 1 2; do
    "$PY" Benchmarks/dedup/bench.py sift --binary .build/release/sift --corpus "$CORPUS" --work "$WORK" --threads "$threads"
done
"$PY" Benchmarks/dedup/bench.py sift --binary .build/release/sift --corpus "$CORPUS" --work "$WORK" --threads 2 --verify
cmp -s "$WORK/kept-1.jsonl" "$WORK/kept-2.jsonl" && cmp -s "$WORK/removed-1.jsonl" "$WORK/removed-2.jsonl" \
    && echo "outputs with 1 and 2 threads: byte-identical" || echo "outputs with 1 and 2 threads DIFFER"

"$PY" Benchmarks/dedup/bench.py compare --truth "$TRUTH" --datasketch "$WORK/datasketch.json" --work "$WORK"
