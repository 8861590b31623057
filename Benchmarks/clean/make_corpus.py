#!/usr/bin/env python3
"""Writes a web-like JSON Lines corpus for the cleaning benchmarks: documents of Zipf-distributed
English-like words in sentences and paragraphs, with the things web pages carry (navigation lines,
bullet lists, cookie notices, repeated boilerplate, numbers, URLs, and some e-mail addresses, phone
numbers and card-like numbers for the PII scan). Seeded, so a size always gives the same file.

Usage: make_corpus.py --mb 1000 --out bench-data/clean-corpus.jsonl
"""
import argparse
import json
import random

WORDS = (
    "the of and to a in is that for it as was with be by on not he I this are or his from at which but have an they you "
    "were her she there been one all we their has would when if so no will can more other its who about up out them some "
    "could into what time only new then these two may first any like now my such make over our even most me state after also "
    "made many did must before back see through way where get much go well your know should down work year because come "
    "people just say each those take day good how long very great little world own old place right same still last might "
    "data model training city river market school history music water energy system research government students council "
    "festival harbor library museum garden season recipe engine network forest coast summer winter painting theory language "
    "company product service customer online free shipping price review order account information page website download"
).split()
WEIGHTS = [1.0 / (i + 1) ** 0.9 for i in range(len(WORDS))]
NAV = ["Home", "About us", "Contact", "Login", "Sign up", "Products", "Blog", "FAQ", "Careers", "Press"]
NOTICES = ["This website uses cookies to improve your experience.", "Read our privacy policy and terms of use.",
           "Copyright 2024 Example Inc. All rights reserved.", "Please enable JavaScript to view this page."]


def sentence(rng):
    words = rng.choices(WORDS, WEIGHTS, k=rng.randint(6, 24))
    words[0] = words[0].capitalize()
    if rng.random() < 0.15:
        words.insert(rng.randint(1, len(words) - 1), str(rng.randint(1, 2024)))
    if rng.random() < 0.05:
        words.insert(rng.randint(1, len(words) - 1), f"https://www.example{rng.randint(1, 999)}.com/page/{rng.randint(1, 99999)}")
    if rng.random() < 0.01:
        words.insert(rng.randint(1, len(words) - 1), f"user{rng.randint(1, 99999)}@example.org")
    if rng.random() < 0.01:
        words.insert(rng.randint(1, len(words) - 1), f"+1 415 555 {rng.randint(1000, 9999)}")
    if rng.random() < 0.005:
        words.insert(rng.randint(1, len(words) - 1), "4111 1111 1111 1111")
    return " ".join(words) + rng.choice([".", ".", ".", "!", "?", ",", ""])


def document(rng):
    parts = []
    if rng.random() < 0.3:
        parts.append("\n".join(rng.sample(NAV, rng.randint(3, 7))))
    for _ in range(rng.randint(2, 12)):
        if rng.random() < 0.15:
            parts.append("\n".join("- " + sentence(rng) for _ in range(rng.randint(2, 6))))
        else:
            parts.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 6))))
    if rng.random() < 0.3:
        parts.append(rng.choice(NOTICES))
    if rng.random() < 0.05:
        parts += parts[-2:]
    return "\n\n".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(6)
    limit = int(args.mb * 1_000_000)
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        i = 0
        while written < limit:
            line = json.dumps({"id": f"doc-{i}", "url": f"https://www.example{i % 997}.com/{i}", "text": document(rng)}) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            i += 1


if __name__ == "__main__":
    main()
