"""Shared pieces: the seed, deterministic randomness, text canonicalisation, similarity measures,
file writers, and Luhn arithmetic. Every builder draws its randomness from `rng(name)` so that one
dataset's changes never shift another's output."""

import json
import random
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

SEED = 20261124
# Staleness in rag-docs.jsonl is measured against this day (older than 365 days before it = stale).
REFERENCE_DATE = date(2026, 11, 24)


def rng(name):
    """An independent generator per dataset; string seeds are hashed with SHA-512 by `random`,
    so this does not depend on PYTHONHASHSEED."""
    return random.Random(f"sift-examples:{SEED}:{name}")


def canonical(text):
    """Same normal form as SiftCore's TextNormalization.canonical: NFKC, casefold, whitespace
    runs collapsed to one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def word_shingles(text, n=5):
    words = canonical(text).split()
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a, b):
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def most_similar_pairs(texts, n=5):
    """For every text, its highest word n-gram Jaccard similarity to any other text and with
    which one. Exact, all pairs: the datasets are small enough."""
    shingles = [frozenset(hash(s) for s in word_shingles(t, n)) for t in texts]
    best = [(0.0, -1)] * len(texts)
    # Inverted index: only pairs sharing at least one shingle can have non-zero similarity.
    postings = {}
    for i, sh in enumerate(shingles):
        for s in sh:
            postings.setdefault(s, []).append(i)
    for i, sh in enumerate(shingles):
        candidates = set()
        for s in sh:
            candidates.update(postings[s])
        candidates.discard(i)
        for j in candidates:
            inter = len(sh & shingles[j])
            score = inter / (len(sh) + len(shingles[j]) - inter)
            if score > best[i][0] or (score == best[i][0] and j < best[i][1]):
                best[i] = (score, j)
    return best


def luhn_valid(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix, length, r):
    """A Luhn-valid number of `length` digits starting with `prefix`."""
    body = prefix + "".join(str(r.randrange(10)) for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable: one check digit always satisfies Luhn")


def luhn_break(number):
    """The same number with its last digit changed so that the Luhn check fails."""
    last = int(number[-1])
    broken = number[:-1] + str((last + 1) % 10)
    assert not luhn_valid(broken)
    return broken


def digits_only(text):
    return re.sub(r"\D", "", text)


def iso_datetime(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def random_datetime(r, start, end):
    """A UTC datetime uniformly between two dates (inclusive start, exclusive end), whole seconds."""
    start_dt = datetime(start.year, start.month, start.day, tzinfo=timezone.utc)
    end_dt = datetime(end.year, end.month, end.day, tzinfo=timezone.utc)
    span = int((end_dt - start_dt).total_seconds())
    return start_dt + timedelta(seconds=r.randrange(span))


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(path, records):
    with open(path, "wb") as f:
        for record in records:
            f.write(dumps(record).encode("utf-8") + b"\n")


def read_jsonl(path):
    with open(path, "rb") as f:
        return [json.loads(line) for line in f.read().decode("utf-8").splitlines()]


def sentence_join(parts):
    return " ".join(p.strip() for p in parts if p and p.strip())


class Slots(dict):
    """format_map mapping that fails loudly on a missing slot (a template typo must not ship)."""

    def __missing__(self, key):
        raise KeyError(f"template slot {{{key}}} has no value")


def fill(template, slots):
    return template.format_map(slots)


class SimilarityGuard:
    """Accepts a text only if its word 5-gram Jaccard similarity to every accepted text stays
    below `limit`: generated pools must not contain accidental near-duplicates, so that the
    planted ones are the only ones."""

    def __init__(self, limit):
        self.limit = limit
        self.sets = []
        self.postings = {}

    def admit(self, text):
        sh = word_shingles(text)
        candidates = set()
        for s in sh:
            candidates.update(self.postings.get(s, ()))
        for j in candidates:
            if jaccard(sh, self.sets[j]) >= self.limit:
                return False
        index = len(self.sets)
        self.sets.append(sh)
        for s in sh:
            self.postings.setdefault(s, []).append(index)
        return True
