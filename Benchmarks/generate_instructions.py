#!/usr/bin/env python3
"""Writes a synthetic instruction dataset of about SIZE megabytes (chat format, ~1 KB records) for
Sift's throughput benchmarks. Deterministic for a given seed, so runs are comparable."""
import json
import random
import sys

WORDS = ("the order refund shipping account password invoice delivery package tracking number customer "
         "support agent please thanks help issue problem update email address payment card billing plan "
         "subscription cancel renew upgrade device app login error message screen settings reset verify "
         "code week days business return label warehouse carrier estimate policy store credit exchange").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + rng.choice([".", "?", "!", "."])


def main():
    out_path = sys.argv[1]
    size_mb = float(sys.argv[2]) if len(sys.argv) > 2 else 1024
    rng = random.Random(42)
    target = int(size_mb * 1_000_000)
    written = 0
    i = 0
    with open(out_path, "w", encoding="utf-8") as out:
        while written < target:
            turns = [{"role": "system", "content": "You are a helpful support agent."}]
            for _ in range(rng.randint(1, 2)):
                turns.append({"role": "user", "content": " ".join(sentence(rng, rng.randint(6, 18)) for _ in range(rng.randint(1, 3)))})
                turns.append({"role": "assistant", "content": " ".join(sentence(rng, rng.randint(8, 24)) for _ in range(rng.randint(2, 6)))})
            record = {"id": f"r{i:08d}", "messages": turns, "intent": rng.choice(["billing", "shipping", "returns", "account"]),
                      "source": rng.choice(["manual", "crowd", "synthetic"]), "created_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            i += 1
    print(f"wrote {i} records, {written / 1e6:.1f} MB to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
