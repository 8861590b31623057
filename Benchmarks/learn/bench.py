"""SiftLearn speed benchmark helper (Benchmarks/learn/run.sh drives it).

Subcommands:
  generate  writes a classification set of short texts (~200 characters, 10 classes) as JSON Lines
            (id, text, label), seeded: each class has a topic vocabulary of 150 words, drawn from a
            shared 6,000-word vocabulary (so topics overlap), and a text mixes topic words with
            Zipf-distributed general words, so the task is learnable but not separable.
  sklearn   trains scikit-learn's LogisticRegression(solver="lbfgs", C=1.0) on the hashed features
            `sift curve --export-features` wrote (exactly Sift's features), on one thread, and prints
            one JSON line: fit seconds (wall and CPU), iterations, accuracy on the exported eval set.

Pinned (run.sh): scikit-learn==1.9.1 numpy==1.26.4 scipy==1.12.0.
"""
import argparse
import bisect
import json
import os
import random
import sys
import time


def make_vocabulary(rng, size):
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fi", "go", "hu", "je", "pa", "ze",
                 "an", "or", "el", "is", "um", "qua", "tre", "sto", "pri", "bla", "cor", "dan", "mer", "vis"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))))
    return sorted(words)


def generate(args):
    rng = random.Random(args.seed)
    vocabulary = make_vocabulary(rng, 6000)
    rng.shuffle(vocabulary)  # Zipf ranks in random, not alphabetical, order
    cumulative, total = [], 0.0
    for rank in range(len(vocabulary)):
        total += 1.0 / (rank + 1) ** 0.9
        cumulative.append(total)
    topics = [rng.sample(vocabulary, 150) for _ in range(args.classes)]

    def general():
        return vocabulary[min(bisect.bisect_left(cumulative, rng.random() * total), len(vocabulary) - 1)]

    def text(label):
        words, length = [], 0
        target = rng.randint(170, 230)
        while length < target:
            word = rng.choice(topics[label]) if rng.random() < args.topic_share else general()
            words.append(word)
            length += len(word) + 1
        return " ".join(words)

    for path, count, offset in ((args.train, args.records, 0), (args.eval, args.eval_records, args.records)):
        with open(path, "w", encoding="utf-8") as out:
            for i in range(count):
                label = rng.randrange(args.classes)
                out.write(json.dumps({"id": f"r{offset + i}", "text": text(label), "label": f"class{label}"}) + "\n")


def sklearn(args):
    from sklearn.datasets import load_svmlight_file
    from sklearn.linear_model import LogisticRegression
    x_train, y_train = load_svmlight_file(os.path.join(args.features, "train.svm"), n_features=2**20, zero_based=True)
    x_eval, y_eval = load_svmlight_file(os.path.join(args.features, "eval.svm"), n_features=2**20, zero_based=True)
    wall, cpu = time.perf_counter(), time.process_time()
    model = LogisticRegression(solver="lbfgs", C=1.0, max_iter=args.max_iter).fit(x_train, y_train)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    accuracy = float((model.predict(x_eval) == y_eval).mean())
    print(json.dumps({"fit_wall": wall, "fit_cpu": cpu, "iterations": int(model.n_iter_.max()),
                      "accuracy": accuracy, "rows": x_train.shape[0], "nonzeros": int(x_train.nnz)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--train", required=True)
    g.add_argument("--eval", required=True)
    g.add_argument("--records", type=int, default=100_000)
    g.add_argument("--eval-records", type=int, default=10_000)
    g.add_argument("--classes", type=int, default=10)
    g.add_argument("--topic-share", type=float, default=0.12)
    g.add_argument("--seed", type=int, default=17)
    s = sub.add_parser("sklearn")
    s.add_argument("--features", required=True)
    s.add_argument("--max-iter", type=int, default=100)
    args = parser.parse_args()
    {"generate": generate, "sklearn": sklearn}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
