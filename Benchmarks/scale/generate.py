#!/usr/bin/env python3
"""Writes a synthetic web-text corpus for sharded-run benchmarks (docs/scale.md): documents of
80-400 words from a fixed vocabulary, 10% exact copies and 10% near-copies (a few words changed)
of earlier documents, some with e-mail addresses. Deterministic for a seed.

Usage: generate.py OUT.jsonl MEGABYTES [SEED]"""
import json
import random
import sys

out, megabytes = sys.argv[1], float(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
vocabulary = [f"w{i}" for i in range(20000)] + ["the", "and", "of", "to", "a", "in", "is", "that", "for", "it"] * 200
target = int(megabytes * 1e6)
recent = []
written = 0
n = 0
with open(out, "w") as f:
    while written < target:
        roll = rng.random()
        if recent and roll < 0.1:
            text = rng.choice(recent)
        elif recent and roll < 0.2:
            words = rng.choice(recent).split(" ")
            for _ in range(max(1, len(words) // 50)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text = " ".join(words)
        else:
            sentences = []
            for _ in range(rng.randint(8, 40)):
                sentences.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 14))).capitalize() + ".")
            text = " ".join(sentences)
            if rng.random() < 0.05:
                text += f" Contact jane.doe{n}@example.com for details."
        recent.append(text)
        if len(recent) > 2000:
            recent.pop(rng.randrange(len(recent)))
        line = json.dumps({"id": f"doc-{n}", "text": text}) + "\n"
        f.write(line)
        written += len(line)
        n += 1
print(f"{out}: {n} documents, {written / 1e6:.1f} MB")
