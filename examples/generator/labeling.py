"""labeling-pilot.csv (long format item,annotator,label), labeling-pilot-items.jsonl and
labeling-gold.csv: a 50-item sentiment labeling pilot with three annotators. Disagreement is
constructed, not sampled, so the agreement figures in the README are exact by design:
ann_a is careful, ann_b is decent and skipped three items, ann_c systematically labels neutral
reviews as negative."""

import csv
import io
from collections import Counter

from .classification import _review
from .common import SimilarityGuard, rng

ANNOTATORS = ["ann_a", "ann_b", "ann_c"]
LABELS = ["positive", "negative", "neutral"]
TRUE_COUNTS = {"positive": 20, "negative": 15, "neutral": 15}
# (annotator, true label, given label): how many items each annotator gets wrong that way.
ERRORS = [
    ("ann_a", "neutral", "positive", 2), ("ann_a", "negative", "neutral", 1), ("ann_a", "positive", "neutral", 1),
    ("ann_b", "positive", "neutral", 2), ("ann_b", "neutral", "positive", 1), ("ann_b", "negative", "neutral", 1), ("ann_b", "neutral", "negative", 1),
    ("ann_c", "neutral", "negative", 7), ("ann_c", "negative", "neutral", 2), ("ann_c", "positive", "neutral", 1),
]
SKIPS = {"ann_b": 3}
GOLD_ITEMS = 10


def cohen_kappa(a, b):
    """Cohen (1960): (p_o - p_e) / (1 - p_e) over the items both annotators labelled, with p_e
    from each annotator's own label distribution; the definition sklearn's cohen_kappa_score uses."""
    items = sorted(set(a) & set(b))
    n = len(items)
    p_o = sum(a[i] == b[i] for i in items) / n
    ca, cb = Counter(a[i] for i in items), Counter(b[i] for i in items)
    p_e = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (p_o - p_e) / (1 - p_e)


def fleiss_kappa(table):
    """Fleiss (1971) over items labelled by every annotator; `table` is item -> [labels]."""
    rows = [labels for labels in table.values()]
    n = len(rows[0])
    assert all(len(r) == n for r in rows)
    counts = [Counter(r) for r in rows]
    p_bar = sum(sum(c * (c - 1) for c in cnt.values()) / (n * (n - 1)) for cnt in counts) / len(rows)
    totals = Counter()
    for cnt in counts:
        totals.update(cnt)
    p_e = sum((v / (len(rows) * n)) ** 2 for v in totals.values())
    return (p_bar - p_e) / (1 - p_e)


def krippendorff_alpha_nominal(table):
    """Krippendorff's alpha for nominal data via the coincidence matrix (Krippendorff 2011,
    "Computing Krippendorff's Alpha-Reliability"); units with fewer than two values are ignored,
    so missing labels are handled."""
    o = Counter()
    for labels in table.values():
        m = len(labels)
        if m < 2:
            continue
        for i, c in enumerate(labels):
            for j, k in enumerate(labels):
                if i != j:
                    o[(c, k)] += 1 / (m - 1)
    n_c = Counter()
    for (c, _), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    disagree = sum(v for (c, k), v in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    return 1 - (n - 1) * disagree / expected


def build():
    r = rng("labeling-pilot")
    truths = [label for label, n in TRUE_COUNTS.items() for _ in range(n)]
    r.shuffle(truths)
    items = []
    guard = SimilarityGuard(0.5)
    seen = set()
    for n, label in enumerate(truths, 1):
        while True:
            text, _ = _review(r, label)
            if text not in seen and text == text.strip() and "\n" not in text and guard.admit(text):
                break
        seen.add(text)
        items.append(dict(item=f"item-{n:02d}", text=text, true=label))
    labels = {a: {it["item"]: it["true"] for it in items} for a in ANNOTATORS}
    errors = {}
    for annotator, true, given, count in ERRORS:
        pool = [it["item"] for it in items if it["true"] == true and (annotator, it["item"]) not in errors]
        for item in r.sample(pool, count):
            labels[annotator][item] = given
            errors[(annotator, item)] = (true, given)
    skipped = []
    for annotator, count in SKIPS.items():
        # Skipped items are ones this annotator would have labelled correctly.
        pool = [it["item"] for it in items if (annotator, it["item"]) not in errors]
        for item in sorted(r.sample(pool, count)):
            del labels[annotator][item]
            skipped.append(dict(annotator=annotator, item=item))
    rows = [(it["item"], a, labels[a][it["item"]]) for it in items for a in ANNOTATORS if it["item"] in labels[a]]
    # Gold items: a mix of items everyone got right and items where someone erred.
    contested = sorted({item for (_, item) in errors})
    easy = [it["item"] for it in items if it["item"] not in contested]
    gold_items = sorted(r.sample(contested, GOLD_ITEMS // 2) + r.sample(easy, GOLD_ITEMS - GOLD_ITEMS // 2))
    truth = {it["item"]: it["true"] for it in items}
    gold = [(item, truth[item]) for item in gold_items]

    stats = agreement(rows)
    stats["accuracy_on_gold"] = {a: round(sum(labels[a].get(i) == g for i, g in gold) / sum(i in labels[a] for i, _ in gold), 4)
                                 for a in ANNOTATORS}
    stats["accuracy_vs_design_truth"] = {a: round(sum(labels[a][i] == truth[i] for i in labels[a]) / len(labels[a]), 4) for a in ANNOTATORS}
    manifest = dict(
        skipped=skipped,
        errors=[dict(annotator=a, item=i, true=t, given=g) for (a, i), (t, g) in sorted(errors.items())],
        gold_items=[dict(item=i, label=g) for i, g in gold],
        true_label_counts=TRUE_COUNTS,
        agreement=stats,
    )
    return items, rows, gold, manifest


def agreement(rows):
    by_annotator = {a: {} for a in ANNOTATORS}
    table = {}
    for item, annotator, label in rows:
        by_annotator[annotator][item] = label
        table.setdefault(item, []).append(label)
    pairs = {}
    for i, a in enumerate(ANNOTATORS):
        for b in ANNOTATORS[i + 1:]:
            pairs[f"{a}/{b}"] = round(cohen_kappa(by_annotator[a], by_annotator[b]), 4)
    complete = {item: labels for item, labels in table.items() if len(labels) == len(ANNOTATORS)}
    return dict(
        cohen_kappa=pairs,
        mean_pairwise_cohen_kappa=round(sum(pairs.values()) / len(pairs), 4),
        fleiss_kappa_complete_items=round(fleiss_kappa(complete), 4),
        complete_items=len(complete),
        krippendorff_alpha_nominal=round(krippendorff_alpha_nominal(table), 4),
        unanimous_items=sum(len(set(v)) == 1 for v in complete.values()),
    )


def to_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def check(pilot_path, gold_path, items, manifest):
    with open(pilot_path, newline="", encoding="utf-8") as f:
        rows = [(row["item"], row["annotator"], row["label"]) for row in csv.DictReader(f)]
    assert len(rows) == len(items) * len(ANNOTATORS) - sum(SKIPS.values())
    assert {label for _, _, label in rows} <= set(LABELS)
    present = {(item, a) for item, a, _ in rows}
    missing = [dict(annotator=a, item=it["item"]) for a in ANNOTATORS for it in items if (it["item"], a) not in present]
    assert missing == manifest["skipped"]
    stats = agreement(rows)
    for key, value in stats.items():
        assert manifest["agreement"][key] == value
    assert 0.55 <= stats["mean_pairwise_cohen_kappa"] <= 0.75, stats
    with open(gold_path, newline="", encoding="utf-8") as f:
        gold = list(csv.DictReader(f))
    assert len(gold) == GOLD_ITEMS
    # ann_c's confusion is visible as the dominant off-diagonal cell of its confusion against ann_a.
    a = {i: l for i, an, l in rows if an == "ann_a"}
    c = {i: l for i, an, l in rows if an == "ann_c"}
    confusion = Counter((a[i], c[i]) for i in a if i in c and a[i] != c[i])
    assert confusion.most_common(1)[0][0] == ("neutral", "negative"), confusion
    return stats
