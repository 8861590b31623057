#!/usr/bin/env python3
"""Writes a synthetic chat instruction dataset of about SIZE bytes to PATH, for the stats and audit
benchmarks (`Benchmarks/stats/run.sh`, `Benchmarks/audit/run.sh`).

Text is drawn from a Zipf-distributed vocabulary so that lengths, word frequencies and n-gram
diversity look like real instruction data; about 1% of records are exact duplicates and a few
carry the defects the audit looks for, so every check does real work. Seeded: same SIZE, same file.
"""
import json
import random
import sys

path, size = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
syllables = ["ka", "lo", "mi", "ne", "ra", "to", "su", "vi", "de", "an", "or", "el", "in", "us", "pre", "con", "ter", "pho", "gra", "ble"]
vocab = list({"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(60000)})
common = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "with", "as", "on", "be", "this", "by", "are", "or"]
weights = [1.0 / (i + 1) ** 1.1 for i in range(len(vocab))]
cumulative = []
total = 0.0
for w in weights:
    total += w
    cumulative.append(total)


def words(n):
    out = []
    picks = rng.choices(vocab, cum_weights=cumulative, k=n)
    for i, w in enumerate(picks):
        out.append(rng.choice(common) if rng.random() < 0.35 else w)
        if rng.random() < 0.07:
            out[-1] += rng.choice([".", ",", ".", "?"])
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


openings = ["Explain how", "Write a short", "What is the", "Describe the", "Give me", "How do I", "Summarize this", "Translate the"]
written = 0
i = 0
previous = []
with open(path, "w", encoding="utf-8") as f:
    while written < size:
        if previous and rng.random() < 0.01:
            record = dict(rng.choice(previous))
            record["id"] = f"r{i}"
        else:
            response = words(rng.randint(40, 400))
            if rng.random() < 0.002:
                response = "As an AI language model, I cannot help with that."
            record = {
                "id": f"r{i}",
                "messages": [
                    {"role": "system", "content": "You are a helpful assistant."},
                    {"role": "user", "content": rng.choice(openings) + " " + words(rng.randint(8, 40))},
                    {"role": "assistant", "content": response},
                ],
                "source": rng.choice(["human", "human", "gpt-4o", "forum"]),
                "created_at": f"202{rng.randint(3, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
            if len(previous) < 1000:
                previous.append(record)
            elif rng.random() < 0.01:
                previous[rng.randrange(1000)] = record
        line = json.dumps(record, ensure_ascii=False) + "\n"
        f.write(line)
        written += len(line.encode("utf-8"))
        i += 1
print(f"{path}: {i} records, {written} bytes")
