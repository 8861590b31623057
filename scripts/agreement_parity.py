#!/usr/bin/env python3
"""Parity of `sift agree` with the reference implementations of agreement coefficients.

The references:
  * scikit-learn  `cohen_kappa_score(y1, y2, labels=..., weights=None|"linear"|"quadratic")`
                  on the items both annotators labelled (pairwise complete);
  * statsmodels   `fleiss_kappa(aggregate_raters(data)[0])` on the items with the most common
                  number of labels (Sift's documented rule: statsmodels needs a constant number);
  * krippendorff  `alpha(reliability_data, level_of_measurement=..., value_domain=...)`, all four
                  levels, missing labels as NaN;
  * irrCAC        `CAC(ratings, categories=...)`: `fleiss()` (Scott's pi / Fleiss' generalised
                  kappa with missing labels), `gwet()` (AC1) and their `pa` (percent agreement).

Modes:
  fixtures  Generate random annotation tables (2-5 annotators, missing labels, nominal text labels,
            ordinal integers, interval/ratio decimals, explicit label orders, degenerate cases),
            compute the reference values and write them with the inputs to a JSON fixture that
            the Swift tests (Tests/SiftLabelTests/ReferenceParityTests.swift) compare to 1e-9.
  check     Generate FRESH random tables, write each as a long CSV, run `sift agree --json -`
            once per kappa weighting and compare every coefficient with the references. Exits 1
            on any mismatch (or a metric defined on one side and undefined on the other).

  python3 scripts/agreement_parity.py fixtures --out Tests/Fixtures/agreement/parity.json
  python3 scripts/agreement_parity.py check --sift .build/debug/sift --cases 40

Requires: pip install numpy==1.26.4 scipy==1.12.0 pandas==2.3.3 scikit-learn==1.9.1 \
          statsmodels==0.15.0 krippendorff==0.9.0 irrcac==0.4.4
"""

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import krippendorff
import sklearn
import statsmodels
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
import irrCAC
from irrCAC.raw import CAC

TOLERANCE = 1e-9
SKIP = "skip"  # a reference that could not be computed; not compared
WEIGHTS = ["none", "linear", "quadratic"]
LEVELS = ["nominal", "ordinal", "interval", "ratio"]
TEXT_LABELS = ["pos", "neg", "neu", "Mixed", "irrelevant", "éclair", "Zebra", "spam", "ham"]


# ---------------------------------------------------------------------------------------------
# Random studies


def number_text(value):
    """A number as a CSV cell: integers without a fraction, decimals by Python's shortest repr."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def random_case(rng, index):
    """One random study: a matrix items x annotators of label texts (None = not labelled)."""
    kind = rng.choice(["text", "ordinal", "interval", "ratio"])
    annotators = [f"a{j}" for j in range(rng.randint(2, 5))]
    items = rng.randint(3, 60)
    k = rng.randint(2, 7)
    if kind == "text":
        domain = rng.sample(TEXT_LABELS, k)
    elif kind == "ordinal":
        start = rng.randint(-2, 3)
        domain = [str(start + i) for i in range(k)]
    elif kind == "interval":
        values = sorted({round(rng.uniform(-10, 10) * 4) / 4 for _ in range(k)})
        domain = [number_text(v) for v in values]
    else:
        values = sorted({rng.choice([0, 0.5, 1, 2, 3, 5, 8, 13, 21.5, 40]) for _ in range(k)})
        domain = [number_text(v) for v in values]
    if len(domain) < 2 and rng.random() < 0.8:
        domain = domain + ([rng.choice([t for t in TEXT_LABELS if t not in domain])] if kind == "text" else [number_text(float(domain[0]) + 1)])
    missing = rng.choice([0.0, 0.0, 0.1, 0.25, 0.4])
    noise = rng.choice([0.05, 0.2, 0.4, 0.7, 1.0])
    matrix = []
    for _ in range(items):
        truth = rng.choice(domain)
        row = []
        for _ in annotators:
            if rng.random() < missing:
                row.append(None)
            elif rng.random() < noise:
                row.append(rng.choice(domain))
            else:
                row.append(truth)
        matrix.append(row)
    # Degenerate variants keep the undefined cases honest.
    shape = rng.random()
    if shape < 0.04:
        matrix = [[domain[0] if v is not None else None for v in row] for row in matrix]
    elif shape < 0.08 and len(annotators) >= 3:
        # The first two annotators never share an item.
        for i, row in enumerate(matrix):
            row[i % 2] = None
    labels = None
    if rng.random() < 0.3:
        used = sorted({v for row in matrix for v in row if v is not None}, key=lambda t: domain.index(t))
        extra = [f"unused{index}"] if kind == "text" else [number_text(max(float(v) for v in domain) + 1.5)]
        labels = used + extra
        if kind == "text" or rng.random() < 0.3:
            rng.shuffle(labels)
    return {"name": f"case{index}_{kind}", "kind": kind, "annotators": annotators, "labels": labels, "matrix": matrix}


# ---------------------------------------------------------------------------------------------
# Reference values


def finite(x):
    x = float(x)
    return x if math.isfinite(x) else None


def typed(values, kind):
    """Labels as the references would see them after `pandas.read_csv`: numbers for numeric studies."""
    if kind == "text":
        return np.array(values, dtype=object)
    return np.array([float(v) for v in values])


def sklearn_codes(values, kind, order):
    """scikit-learn rejects non-integer floats as "continuous" targets: numeric labels go in as
    their rank in numeric order (same categories, same order), text labels as they are."""
    if kind == "text":
        return np.array(values, dtype=object)
    return np.array([order.index(float(v)) for v in values])


def references(case):
    kind = case["kind"]
    annotators = case["annotators"]
    matrix = case["matrix"]
    labels = case["labels"]
    numeric_order = [] if kind == "text" else sorted({float(v) for row in matrix for v in row if v is not None} | {float(v) for v in labels or []})
    sk_labels = None if labels is None else list(sklearn_codes(labels, kind, numeric_order))
    out = {"cohen": {}, "alpha": {}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for w in WEIGHTS:
            pairs = []
            for a in range(len(annotators)):
                for b in range(a + 1, len(annotators)):
                    shared = [(row[a], row[b]) for row in matrix if row[a] is not None and row[b] is not None]
                    if not shared:
                        continue
                    y1 = sklearn_codes([s[0] for s in shared], kind, numeric_order)
                    y2 = sklearn_codes([s[1] for s in shared], kind, numeric_order)
                    try:
                        kappa = finite(cohen_kappa_score(y1, y2, labels=sk_labels, weights=None if w == "none" else w))
                    except ValueError:
                        kappa = None
                    pairs.append({"a": annotators[a], "b": annotators[b], "kappa": kappa, "n": len(shared)})
            out["cohen"][w] = pairs

        # Fleiss: the items with the most common number of labels (>= 2; ties to the larger).
        sizes = {}
        for row in matrix:
            m = sum(v is not None for v in row)
            if m >= 2:
                sizes[m] = sizes.get(m, 0) + 1
        if sizes:
            m = max(sizes, key=lambda s: (sizes[s], s))
            data = [[v for v in row if v is not None] for row in matrix if sum(v is not None for v in row) == m]
            table, _ = aggregate_raters(np.array(data, dtype=object))
            out["fleiss"] = {"kappa": finite(fleiss_kappa(table)), "items": len(data), "labels_per_item": m}
        else:
            out["fleiss"] = {"kappa": None, "items": 0, "labels_per_item": 0}

        # Krippendorff: annotators x items, NaN for missing. Text labels are coded by their
        # position in the study's order (identity is all nominal alpha uses; ordinal needs the
        # order, which for text exists only with explicit labels).
        if kind == "text":
            order = labels if labels is not None else sorted({v for row in matrix for v in row if v is not None})
            code = {t: float(i) for i, t in enumerate(order)}
            data = [[code[row[a]] if row[a] is not None else np.nan for row in matrix] for a in range(len(annotators))]
            domain = [float(i) for i in range(len(order))] if labels is not None else None
        else:
            data = [[float(row[a]) if row[a] is not None else np.nan for row in matrix] for a in range(len(annotators))]
            domain = [float(v) for v in labels] if labels is not None else None
        for level in LEVELS:
            if kind == "text" and (level in ("interval", "ratio") or (level == "ordinal" and labels is None)):
                out["alpha"][level] = None
                continue
            try:
                out["alpha"][level] = finite(krippendorff.alpha(reliability_data=np.array(data), value_domain=domain,
                                                                 level_of_measurement=level))
            except (ValueError, ZeroDivisionError):
                out["alpha"][level] = None

        # irrCAC (Gwet): Scott's pi (its "Fleiss' generalized kappa"), AC1 and percent agreement.
        frame = pd.DataFrame([[typed([v], kind)[0] if v is not None else np.nan for v in row] for row in matrix], columns=annotators)
        categories = None if labels is None else list(typed(labels, kind))
        compared = sum(1 for row in matrix if sum(v is not None for v in row) >= 2)
        observed = sorted({v for row in matrix for v in row if v is not None})
        q = len(labels) if labels is not None else len(observed)
        if compared == 0:
            out["scott_pi"] = out["gwet_ac1"] = out["percent_agreement"] = None
        else:
            # irrCAC also computes variances, which divide by zero on tiny studies; then this
            # reference is not available and the value is not compared (SKIP).
            try:
                gwet = CAC(frame, categories=categories, digits=30).gwet()["est"]
                out["percent_agreement"] = finite(gwet["pa"])
                # With one category irrCAC substitutes p_e = 1 - 1e-15; AC1 is undefined there.
                out["gwet_ac1"] = finite(gwet["coefficient_value"]) if q >= 2 else None
            except (ZeroDivisionError, FloatingPointError, ValueError):
                out["percent_agreement"] = out["gwet_ac1"] = SKIP
            if len(observed) == 1:
                # Every label given is the same: p_a = p_e = 1 and pi is 0/0. irrCAC sums p_e from
                # n fractions 1/n, so it raises or answers 1.0 depending on rounding; undefined.
                out["scott_pi"] = None
            else:
                try:
                    out["scott_pi"] = finite(CAC(frame, categories=categories, digits=30).fleiss()["est"]["coefficient_value"])
                except (ZeroDivisionError, FloatingPointError, ValueError):
                    out["scott_pi"] = SKIP
    return out


def versions():
    return {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scikit-learn": sklearn.__version__,
        "statsmodels": statsmodels.__version__,
        "krippendorff": getattr(krippendorff, "__version__", "0.9.0"),
        "irrCAC": getattr(irrCAC, "__version__", "0.4.4"),
    }


# ---------------------------------------------------------------------------------------------
# Comparison


class Comparison:
    def __init__(self):
        self.count = 0
        self.max_error = 0.0
        self.failures = []

    def value(self, where, expected, actual):
        if expected == SKIP:
            return
        self.count += 1
        if expected is None or actual is None:
            if expected is not None or actual is not None:
                self.failures.append(f"{where}: expected {expected}, sift gave {actual}")
            return
        error = abs(expected - actual)
        self.max_error = max(self.max_error, error)
        if not error <= TOLERANCE:
            self.failures.append(f"{where}: expected {expected!r}, sift gave {actual!r} (error {error:.3g})")


def write_long_csv(case, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["item", "annotator", "label"])
        for i, row in enumerate(case["matrix"]):
            for a, value in enumerate(row):
                if value is not None:
                    out.writerow([f"item{i}", case["annotators"][a], value])


def run_sift(sift, csv_path, case, weights):
    args = [sift, "agree", csv_path, "--json", "-", "--bootstrap", "0", "--weights", weights]
    if case["labels"] is not None:
        args.append("--labels=" + ",".join(case["labels"]))
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"sift agree failed ({done.returncode}) on {case['name']}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def check(args):
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    rng = random.Random(seed)
    comparison = Comparison()
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.cases):
            case = random_case(rng, index)
            if sum(v is not None for row in case["matrix"] for v in row) == 0:
                continue
            expected = references(case)
            path = os.path.join(tmp, f"{case['name']}.csv")
            write_long_csv(case, path)
            active = {case["annotators"][a] for row in case["matrix"] for a, v in enumerate(row) if v is not None}
            if len(active) < 2:
                continue
            for weights in WEIGHTS:
                report = run_sift(args.sift, path, case, weights)
                where = f"seed {seed} {case['name']} weights={weights}"
                got_pairs = {frozenset((p["a"], p["b"])): p for p in report["cohen_kappa"]["pairs"]}
                for pair in expected["cohen"][weights]:
                    got = got_pairs.get(frozenset((pair["a"], pair["b"])))
                    if got is None:
                        comparison.failures.append(f"{where}: pair {pair['a']}/{pair['b']} missing")
                        continue
                    comparison.value(f"{where} kappa {pair['a']}/{pair['b']}", pair["kappa"], got["kappa"])
                    comparison.value(f"{where} n {pair['a']}/{pair['b']}", pair["n"], got["n"])
                if weights != "none":
                    continue
                comparison.value(f"{where} fleiss", expected["fleiss"]["kappa"], report["fleiss_kappa"])
                for level in LEVELS:
                    comparison.value(f"{where} alpha {level}", expected["alpha"][level], report["krippendorff_alpha_levels"][level])
                comparison.value(f"{where} scott_pi", expected["scott_pi"], report["scott_pi"])
                comparison.value(f"{where} gwet_ac1", expected["gwet_ac1"], report["gwet_ac1"])
                comparison.value(f"{where} percent_agreement", expected["percent_agreement"], report["percent_agreement"])
    print(f"agreement parity: seed {seed}, {args.cases} fresh studies, {comparison.count} values compared, "
          f"max abs error {comparison.max_error:.3g} (tolerance {TOLERANCE:g})")
    for failure in comparison.failures[:50]:
        print("MISMATCH " + failure)
    print(f"{comparison.count - len(comparison.failures)} passed, {len(comparison.failures)} failed")
    return 1 if comparison.failures else 0


def fixtures(args):
    rng = random.Random(args.seed)
    cases = []
    index = 0
    while len(cases) < args.cases:
        case = random_case(rng, index)
        index += 1
        active = {a for row in case["matrix"] for a, v in enumerate(row) if v is not None}
        if len(active) < 2:
            continue
        case["expected"] = references(case)
        cases.append(case)
    document = {
        "generator": "scripts/agreement_parity.py fixtures --seed %d --cases %d" % (args.seed, args.cases),
        "tolerance": TOLERANCE,
        "versions": versions(),
        "cases": cases,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        # One study per line: small diffs when the fixtures are regenerated.
        head = json.dumps({k: v for k, v in document.items() if k != "cases"}, ensure_ascii=False)
        f.write(head[:-1] + ', "cases": [\n')
        f.write(",\n".join(json.dumps(case, ensure_ascii=False, separators=(",", ":")) for case in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} studies to {args.out}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    f = sub.add_parser("fixtures", help="write reference fixtures for the Swift tests")
    f.add_argument("--out", default="Tests/Fixtures/agreement/parity.json")
    f.add_argument("--seed", type=int, default=20261125)
    f.add_argument("--cases", type=int, default=60)
    c = sub.add_parser("check", help="compare `sift agree` with the references on fresh random data")
    c.add_argument("--sift", default=".build/debug/sift")
    c.add_argument("--cases", type=int, default=40)
    c.add_argument("--seed", type=int, default=None, help="default: a fresh random seed (printed)")
    args = parser.parse_args()
    return fixtures(args) if args.mode == "fixtures" else check(args)


if __name__ == "__main__":
    sys.exit(main())
