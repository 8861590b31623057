#!/usr/bin/env python3
"""Writes a large synthetic annotation study for benchmarking `sift agree`.

Long CSV (item, annotator, label): every item gets a true label and each annotator copies it with
probability `--accuracy` or picks a random label otherwise; `--missing` of the labels are skipped.
Deterministic for a seed. Example (1M labels):

  python3 Benchmarks/agreement/generate.py --labels 1000000 --out bench-data/agree-1m.csv
"""

import argparse
import csv
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=int, default=1_000_000, help="labels to write (approximately, before skips)")
    parser.add_argument("--annotators", type=int, default=5)
    parser.add_argument("--categories", type=int, default=5)
    parser.add_argument("--accuracy", type=float, default=0.8)
    parser.add_argument("--missing", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    categories = [f"label_{k}" for k in range(args.categories)]
    annotators = [f"annotator_{a}" for a in range(args.annotators)]
    items = args.labels // args.annotators
    written = 0
    with open(args.out, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["item", "annotator", "label"])
        for i in range(items):
            truth = rng.choice(categories)
            for annotator in annotators:
                if rng.random() < args.missing:
                    continue
                label = truth if rng.random() < args.accuracy else rng.choice(categories)
                out.writerow([f"item-{i}", annotator, label])
                written += 1
    print(f"wrote {written} labels on {items} items by {len(annotators)} annotators to {args.out}")


if __name__ == "__main__":
    main()
