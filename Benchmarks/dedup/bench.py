"""Sift dedup against datasketch on the same generated corpus.

Subcommands:
  generate   writes a corpus of ~1 KB documents with planted near-duplicates (exact copies with case
             and spacing changes, word edits, sentence reorders, sentence insertions, and heavy
             rewrites that must NOT count as duplicates) and the ground truth: for every document,
             whether an earlier document has exact word-5-gram Jaccard >= the threshold with it.
  datasketch runs datasketch MinHash + MinHashLSH with the same normalisation, shingling,
             num_perm, threshold and banding weights as Sift, and writes the removed documents.
  compare    prints docs/s for each tool, the ratio, Sift's memory per document, and precision /
             recall of each tool's removals against the ground truth.
"""
import argparse
import json
import random
import resource
import sys
import time
import unicodedata


# ---------------------------------------------------------------------------- corpus

def make_vocabulary(rng, size):
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fi", "go", "hu", "je", "pa", "ze",
                 "an", "or", "el", "is", "um", "qua", "tre", "sto", "pri", "bla", "cor", "dan", "mer", "vis"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class Writer:
    def __init__(self, rng, vocabulary):
        self.rng = rng
        self.vocabulary = vocabulary
        # Zipf-like weights: frequent function-like words and a long tail, as in real text.
        self.weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(vocabulary))]
        self.cumulative = []
        total = 0.0
        for w in self.weights:
            total += w
            self.cumulative.append(total)

    def words(self, n):
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=n)

    def sentence(self):
        return self.words(self.rng.randint(10, 20))

    def document(self):
        return [self.sentence() for _ in range(self.rng.randint(7, 9))]


def render(sentences, shout=False):
    text = " ".join(" ".join(s).capitalize() + "." for s in sentences)
    return text.upper() if shout else text


def canonical(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def shingles(text, n):
    words = canonical(text).split(" ")
    if words == [""]:
        return set()
    if len(words) <= n:
        return {" ".join(words)}
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a, b):
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def variant(writer, base, kind):
    rng = writer.rng
    doc = [list(s) for s in base]
    if kind == "exact":
        return render(doc, shout=rng.random() < 0.5).replace(". ", ".   ")
    if kind in ("edit1", "edit2", "heavy"):
        edits = {"edit1": 1, "edit2": 2, "heavy": rng.randint(20, 40)}[kind]
        for _ in range(edits):
            s = rng.randrange(len(doc))
            doc[s][rng.randrange(len(doc[s]))] = writer.words(1)[0]
    elif kind == "reorder":
        i = rng.randrange(len(doc) - 1)
        doc[i], doc[i + 1] = doc[i + 1], doc[i]
    elif kind == "insert":
        doc.insert(rng.randrange(len(doc) + 1), writer.words(rng.randint(6, 10)))
    elif kind == "rewrite":
        for i in rng.sample(range(len(doc)), len(doc) // 2):
            doc[i] = writer.sentence()
    return render(doc)


def generate(args):
    rng = random.Random(args.seed)
    writer = Writer(rng, make_vocabulary(rng, 30000))
    kinds = ["exact", "edit1", "edit2", "reorder", "insert", "heavy", "rewrite"]
    docs = []  # (family, text)
    family = 0
    while len(docs) < args.docs:
        base = writer.document()
        if rng.random() < args.family_rate:
            members = [render(base)] + [variant(writer, base, rng.choice(kinds)) for _ in range(rng.randint(1, 4))]
        else:
            members = [render(base)]
        docs.extend((family, text) for text in members)
        family += 1
    docs = docs[:args.docs]
    rng.shuffle(docs)
    sets = [shingles(text, args.ngram) for _, text in docs]
    seen = {}
    truth = []
    best = []
    for i, (fam, _) in enumerate(docs):
        earlier = seen.setdefault(fam, [])
        similarity = max((jaccard(sets[i], sets[j]) for j in earlier), default=0.0)
        truth.append(similarity >= args.threshold)
        best.append(round(similarity, 4))
        earlier.append(i)
    with open(args.out, "w") as f:
        for i, (_, text) in enumerate(docs):
            f.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    with open(args.truth, "w") as f:
        json.dump({"threshold": args.threshold, "ngram": args.ngram, "duplicate": truth, "best_earlier_jaccard": best}, f)
    planted = sum(truth)
    size = sum(len(t) for _, t in docs) / len(docs)
    print(f"corpus: {len(docs)} documents, mean {size:.0f} bytes, {planted} true duplicates at J >= {args.threshold}")


# ---------------------------------------------------------------------------- datasketch

def run_datasketch(args):
    from datasketch import MinHash, MinHashLSH
    import datasketch
    started = time.perf_counter()
    cpu_started = time.process_time()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm, weights=(args.fp_weight, args.fn_weight))
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    count = 0
    with open(args.corpus) as f:
        for line in f:
            record = json.loads(line)
            key = record["id"]
            m = MinHash(num_perm=args.num_perm, seed=1)
            m.update_batch([s.encode("utf-8") for s in shingles(record["text"], args.ngram)])
            parent[key] = key
            for other in lsh.query(m):
                a, b = find(key), find(other)
                if a != b:
                    # Keep the earliest document as the root, like `--keep first`.
                    if int(a[1:]) < int(b[1:]):
                        parent[b] = a
                    else:
                        parent[a] = b
            lsh.insert(key, m)
            count += 1
    removed = [key for key in parent if find(key) != key]
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with open(args.out, "w") as f:
        json.dump({"version": datasketch.__version__, "bands": lsh.b, "rows": lsh.r, "documents": count,
                   "seconds": seconds, "cpu_seconds": cpu, "peak_rss_bytes": peak, "removed": removed}, f)
    print(f"datasketch {datasketch.__version__}: {count} docs in {seconds:.1f} s ({count / seconds:.0f} docs/s), "
          f"{lsh.b} bands x {lsh.r} rows, {len(removed)} removed")


# ---------------------------------------------------------------------------- sift

def run_sift(args):
    import os
    import subprocess
    env = dict(os.environ, SIFT_THREADS=str(args.threads))
    name = f"{args.threads}{'-verify' if args.verify else ''}"
    command = [args.binary, "dedup", args.corpus, "--method", "minhash", "--threshold", str(args.threshold),
               "--num-perm", str(args.num_perm), "--ngram", str(args.ngram),
               "--out", f"{args.work}/kept-{name}.jsonl", "--removed", f"{args.work}/removed-{name}.jsonl",
               "--json", f"{args.work}/report-{name}.json"] + (["--verify"] if args.verify else [])
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss * 1024
    with open(f"{args.work}/sift-{name}.json", "w") as f:
        json.dump({"threads": args.threads, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_bytes": peak}, f)
    print(f"sift{' --verify' if args.verify else ''}, SIFT_THREADS={args.threads}: {seconds:.2f} s wall, {cpu:.2f} s CPU, "
          f"peak RSS {peak / 1e6:.0f} MB")


# ---------------------------------------------------------------------------- comparison

def scores(removed, truth):
    predicted = [False] * len(truth)
    for key in removed:
        predicted[int(key[1:])] = True
    tp = sum(p and t for p, t in zip(predicted, truth))
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(truth))
    return precision, recall


def sift_removed(path):
    with open(path) as f:
        return [json.loads(line)["id"] for line in f if '"dedup"' in line]


def compare(args):
    truth = json.load(open(args.truth))["duplicate"]
    ds = json.load(open(args.datasketch))
    rows = []
    p, r = scores(ds["removed"], truth)
    rows.append(("datasketch " + ds["version"], 1, ds["documents"] / ds["seconds"], ds["seconds"], ds["documents"] / ds["cpu_seconds"],
                 p, r, f'{ds["bands"]}x{ds["rows"]}'))
    memory = None
    rss = {}
    for name in ("1", "2", "2-verify"):
        timing = json.load(open(f"{args.work}/sift-{name}.json"))
        report = json.load(open(f"{args.work}/report-{name}.json"))
        p, r = scores(sift_removed(f"{args.work}/removed-{name}.jsonl"), truth)
        documents = report["input"]["records"]
        if name == "1":
            memory = report["memory"]["bytes_held_per_document"]
        rss[name] = timing["peak_rss_bytes"]
        banding = f'{report["parameters"]["bands"]}x{report["parameters"]["rows"]}'
        label = "sift dedup --method minhash" + (" --verify" if name.endswith("verify") else "")
        rows.append((label, timing["threads"], documents / timing["seconds"], timing["seconds"],
                     documents / timing["cpu_seconds"], p, r, banding))
    print()
    print(f"{'tool':32} {'threads':>7} {'docs/s':>10} {'seconds':>8} {'docs/CPU-s':>10} {'precision':>9} {'recall':>7}  banding")
    for name, threads, rate, seconds, cpu_rate, p, r, banding in rows:
        print(f"{name:32} {threads:>7} {rate:>10,.0f} {seconds:>8.2f} {cpu_rate:>10,.0f} {p:>9.4f} {r:>7.4f}  {banding}")
    base, base_cpu = rows[0][2], rows[0][4]
    print()
    for name, threads, rate, _, cpu_rate, *_ in rows[1:]:
        print(f"{name[5:]}, {threads} thread(s): {rate / base:.1f}x datasketch in docs/s (wall clock), "
              f"{cpu_rate / base_cpu:.1f}x in docs per CPU-second")
    print(f"sift speed-up from 1 to 2 threads (wall clock): {rows[2][2] / rows[1][2]:.2f}x")
    print(f"sift memory held per document: {memory} bytes (signature, band tables, union-find; no text); "
          f"peak RSS {rss['1'] / 1e6:.0f} MB (1 thread), {rss['2'] / 1e6:.0f} MB (2 threads); "
          f"datasketch process peak RSS {ds['peak_rss_bytes'] / 1e6:.0f} MB")
    print(f"truth: {sum(truth)} of {len(truth)} documents have an earlier document with word-{args.ngram}-gram Jaccard >= threshold")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--docs", type=int, default=100_000)
    g.add_argument("--family-rate", type=float, default=0.15)
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--threshold", type=float, default=0.8)
    g.add_argument("--ngram", type=int, default=5)
    g.add_argument("--out", required=True)
    g.add_argument("--truth", required=True)
    d = sub.add_parser("datasketch")
    d.add_argument("--corpus", required=True)
    d.add_argument("--threshold", type=float, default=0.8)
    d.add_argument("--num-perm", type=int, default=128)
    d.add_argument("--ngram", type=int, default=5)
    d.add_argument("--fp-weight", type=float, default=0.1)
    d.add_argument("--fn-weight", type=float, default=0.9)
    d.add_argument("--out", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--truth", required=True)
    c.add_argument("--datasketch", required=True)
    c.add_argument("--ngram", type=int, default=5)
    c.add_argument("--work", required=True)
    s = sub.add_parser("sift")
    s.add_argument("--binary", required=True)
    s.add_argument("--corpus", required=True)
    s.add_argument("--work", required=True)
    s.add_argument("--threads", type=int, required=True)
    s.add_argument("--threshold", type=float, default=0.8)
    s.add_argument("--num-perm", type=int, default=128)
    s.add_argument("--ngram", type=int, default=5)
    s.add_argument("--verify", action="store_true")
    args = parser.parse_args()
    {"generate": generate, "datasketch": run_datasketch, "sift": run_sift, "compare": compare}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
