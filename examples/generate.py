#!/usr/bin/env python3
"""Regenerates Sift's example datasets, checks every planted defect against the written files,
and writes README.md and planted.json next to them.

    python3 examples/generate.py

Python 3 standard library only; fixed seed; two runs give byte-identical files."""

import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from generator import chat, classification, docs, evals, labeling, malformed, readme  # noqa: E402
from generator.common import SEED, read_jsonl, write_jsonl  # noqa: E402


def path(name):
    return os.path.join(HERE, name)


def write_text(name, text):
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main():
    eval_records, eval_manifest, leakable = evals.build()
    chat_records, chat_manifest = chat.build(leakable)
    doc_records, doc_manifest = docs.build()
    review_items, review_manifest = classification.build()
    pilot_items, pilot_rows, gold, pilot_manifest = labeling.build()

    write_jsonl(path("eval-cases.jsonl"), eval_records)
    write_jsonl(path("support-chat.jsonl"), chat_records)
    write_jsonl(path("rag-docs.jsonl"), doc_records)
    write_text("classification.csv", classification.to_csv(review_items))
    write_jsonl(path("labeling-pilot-items.jsonl"), [dict(item=it["item"], text=it["text"]) for it in pilot_items])
    write_text("labeling-pilot.csv", labeling.to_csv(["item", "annotator", "label"], pilot_rows))
    write_text("labeling-gold.csv", labeling.to_csv(["item", "label"], gold))
    with open(path("malformed.jsonl"), "wb") as f:
        f.write(malformed.content())

    # Self-check: everything below re-reads the files as written.
    eval_stats = evals.check(read_jsonl(path("eval-cases.jsonl")), eval_manifest)
    chat_stats = chat.check(read_jsonl(path("support-chat.jsonl")), chat_manifest, read_jsonl(path("eval-cases.jsonl")))
    doc_stats = docs.check(read_jsonl(path("rag-docs.jsonl")), doc_manifest)
    review_stats = classification.check(path("classification.csv"), review_manifest)
    pilot_stats = labeling.check(path("labeling-pilot.csv"), path("labeling-gold.csv"), pilot_items, pilot_manifest)
    malformed_counts = malformed.check(path("malformed.jsonl"))

    planted = {
        "seed": SEED,
        "support-chat.jsonl": chat_manifest,
        "rag-docs.jsonl": doc_manifest,
        "eval-cases.jsonl": eval_manifest,
        "classification.csv": review_manifest,
        "labeling-pilot.csv": pilot_manifest,
        "malformed.jsonl": [dict(line=i, expected=outcome, exercises=desc) for i, (_, outcome, desc) in enumerate(malformed.LINES, 1)],
    }
    write_text("planted.json", json.dumps(planted, ensure_ascii=False, indent=2) + "\n")
    write_text("README.md", readme.render(dict(
        chat=dict(records=chat_records, manifest=chat_manifest, stats=chat_stats),
        docs=dict(records=doc_records, manifest=doc_manifest, stats=doc_stats),
        evals=dict(records=eval_records, manifest=eval_manifest, stats=eval_stats),
        classification=dict(items=review_items, manifest=review_manifest, stats=review_stats),
        labeling=dict(items=pilot_items, rows=pilot_rows, gold=gold, manifest=pilot_manifest, stats=pilot_stats),
        malformed=malformed_counts,
    )))

    total = sum(os.path.getsize(path(n)) for n in os.listdir(HERE) if os.path.isfile(path(n)))
    print(f"support-chat.jsonl   {len(chat_records)} records; {chat_stats}")
    print(f"rag-docs.jsonl       {len(doc_records)} documents; {doc_stats}")
    print(f"eval-cases.jsonl     {len(eval_records)} cases; {eval_stats}")
    print(f"classification.csv   {len(review_items)} rows; {review_stats}")
    print(f"labeling-pilot.csv   {len(pilot_rows)} rows; {pilot_stats}")
    print(f"malformed.jsonl      {len(malformed.LINES)} lines; {malformed_counts}")
    print(f"all planted defects verified; examples/ holds {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
