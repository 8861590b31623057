#!/usr/bin/env bash
# Throughput of `sift synth qa` without a judge: format and instruction-data checks, exact and
# near-duplicate detection (MinHash LSH + ROUGE-L) against seeds and accepted records.
# Usage: Benchmarks/synth/run.sh [records] [sift binary]   (default 20000, .build/release/sift)
set -euo pipefail
records="${1:-20000}"
sift="${2:-.build/release/sift}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$records" "$work" <<'PY'
import json, random, sys
n, work = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
verbs = ["Explain", "Compare", "Summarize", "Describe", "List", "Critique", "Plan", "Teach", "Evaluate", "Outline"]
words = [f"topic{i}" for i in range(3000)]
def prompt():
    return f"{rng.choice(verbs)} {' '.join(rng.sample(words, 6))} for a reader in {rng.randint(2, 9)} sentences."
with open(f"{work}/seeds.jsonl", "w") as seeds:
    for i in range(200):
        seeds.write(json.dumps({"id": f"s{i}", "instruction": prompt(), "output": "x"}) + "\n")
with open(f"{work}/gen.jsonl", "w") as out:
    kept = []
    for i in range(n):
        r = rng.random()
        if kept and r < 0.05:
            p = rng.choice(kept)                                   # exact duplicate
        elif kept and r < 0.10:
            p = rng.choice(kept).replace("sentences", "short sentences")  # near duplicate
        else:
            p = prompt()
            kept.append(p)
        answer = " ".join(rng.choice(words) for _ in range(rng.randint(20, 120))) + "."
        if rng.random() < 0.02:
            answer = "I'm sorry, but I cannot help with that."
        out.write(json.dumps({"id": f"g{i}", "messages": [{"role": "user", "content": p}, {"role": "assistant", "content": answer}],
                              "_sift": {"provenance": {"source": "synthetic", "technique": "self-instruct", "model": "m",
                                                       "prompt_sha256": "0", "seed_ids": [], "parent_id": None, "generation": 1}}}) + "\n")
PY

start=$(date +%s.%N)
"$sift" synth qa --in "$work/gen.jsonl" --seeds "$work/seeds.jsonl" --out "$work/accepted.jsonl" --removed "$work/rejected.jsonl" --json "$work/qa.json" > /dev/null
end=$(date +%s.%N)
python3 - "$work/qa.json" "$start" "$end" "$records" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
seconds = float(sys.argv[3]) - float(sys.argv[2])
n = int(sys.argv[4])
print(f"synth qa: {n} records in {seconds:.2f} s = {n / seconds:,.0f} records/s")
print(f"  accepted {summary['accepted']}, rejected {summary['rejected']}: {summary['rejections_by_rule']}")
PY
