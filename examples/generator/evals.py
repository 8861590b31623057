"""eval-cases.jsonl: questions a support assistant is evaluated on, with reference answers.
Planted: exact duplicate inputs and empty expected answers. Some inputs are later copied
verbatim into support-chat.jsonl (leakage); chat.py picks them from `leakable_ids`."""

from .catalog import PRODUCTS, agree
from .common import canonical, rng
from .eval_bank import POLICY_QA, PRODUCT_QUESTION_TYPES

UNIQUE_CASES = 245
DUPLICATES = 5          # 3 with identical expected answers, 2 reworded
EMPTY_EXPECTED = 3

REWORDED = {
    # Same facts, different wording: a duplicate input whose reference answer drifted.
    "How long does standard shipping take?": "Orders with standard shipping arrive within 3 to 5 business days. Shipping is free above $50 and $5.99 otherwise.",
    "How do I reset my password?": "Use Forgot password on the sign-in page; we email a reset link that expires after 30 minutes.",
}


def _sentence(text):
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _product_answer(kind, p, extra):
    if kind == "battery":
        return f"Battery life is {p['battery']}."
    if kind == "charge":
        return f"Charging takes {p['charge']}."
    if kind == "reset":
        return f"To reset it, {p['reset']}."
    if kind == "connectivity":
        return f"The {p['short']} supports {p['connectivity']}."
    if kind == "box":
        items = p["box"]
        return f"In the box: {', '.join(items[:-1])} and {items[-1]}."
    if kind == "weight":
        return f"The {p['short']} weighs {p['weight']}."
    if kind == "feature":
        return f"The {p['short']} has {p['feature']}."
    if kind == "issue":
        symptom, cause, fix = extra
        return f"That usually happens because {cause}. To fix it, {fix}."
    if kind == "code":
        code, meaning, fix = extra
        return f"Error {code} means {meaning}. To clear it, {fix}."
    if kind == "care":
        return " ".join(p["care"])
    if kind == "spec":
        label, value = extra
        return f"The spec sheet lists {label.lower()} as {value}."
    raise ValueError(kind)


CATEGORY_OF_TYPE = {"reset": "technical", "issue": "technical", "code": "technical"}


def _product_cases(r):
    types = dict(PRODUCT_QUESTION_TYPES)
    cases = []
    needed = UNIQUE_CASES - len(POLICY_QA)
    extra_slots = needed - 7 * len(PRODUCTS)      # products that get an eighth question
    # Only products with an optional question type left can take an eighth question.
    roomy = [i for i, p in enumerate(PRODUCTS) if p["battery"] or p["charge"] or p["connectivity"] or p["codes"]]
    lucky = set(r.sample(roomy, extra_slots))
    for index, p in enumerate(PRODUCTS):
        # Always-available types first, then optional ones this product supports.
        core = ["reset", "box", "weight", "feature", "issue", "care", "spec"]
        optional = [k for k in ("battery", "charge", "connectivity") if p[k]] + (["code"] if p["codes"] else [])
        r.shuffle(optional)
        count = 8 if index in lucky else 7
        chosen = core[:]
        # Swap up to two core questions for optional ones to vary what each product is asked.
        for kind in optional[:2]:
            drop = r.choice([k for k in chosen if k in ("box", "weight", "feature", "care")])
            chosen.remove(drop)
            chosen.append(kind)
        while len(chosen) < count:
            leftovers = [k for k in optional[2:] + ["box", "weight", "feature", "care"] if k not in chosen]
            chosen.append(leftovers[0])
        for kind in chosen:
            slots = dict(name=p["name"], short=p["short"], category=p["category"])
            extra = None
            if kind == "issue":
                extra = p["issues"][2]           # chats use issues 0 and 1; evals use issue 2 only
                slots["symptom"] = extra[0]
            elif kind == "code":
                extra = r.choice(p["codes"])
                slots["code"] = extra[0]
            elif kind == "spec":
                extra = r.choice(p["specs"])
                slots["label_lower"] = extra[0].lower()
            question = r.choice(types[kind]).format(**slots)
            cases.append(dict(input=agree(question, p), expected=agree(_product_answer(kind, p, extra), p),
                              category=CATEGORY_OF_TYPE.get(kind, "product")))
    return cases


def build():
    r = rng("eval-cases")
    cases = [dict(input=q, expected=a, category=c) for c, q, a in POLICY_QA] + _product_cases(r)
    assert len(cases) == UNIQUE_CASES, len(cases)
    assert len({c["input"] for c in cases}) == UNIQUE_CASES, "eval inputs must be unique before planting"
    for i, c in enumerate(cases):
        c["_key"] = i
    r.shuffle(cases)

    planted = {"duplicates": [], "empty_expected": []}
    # Empty expected answers on three cases, none of them a duplicate source.
    reworded_sources = [c for c in cases if c["input"] in REWORDED]
    pool = [c for c in cases if c["input"] not in REWORDED]
    empties = r.sample(pool, EMPTY_EXPECTED)
    for c in empties:
        c["_original_expected"] = c["expected"]
        c["expected"] = ""
        c["_plant"] = "empty_expected"
    pool = [c for c in pool if "_plant" not in c]
    identical_sources = r.sample(pool, DUPLICATES - len(REWORDED))
    copies = []
    for src in identical_sources + reworded_sources:
        src["_plant"] = "duplicate_source"
        expected = REWORDED.get(src["input"], src["expected"])
        copies.append(dict(input=src["input"], expected=expected, category=src["category"],
                           _plant="duplicate", _source=src, _identical=expected == src["expected"]))
    # Each copy goes somewhere after its source.
    for copy in copies:
        start = cases.index(copy["_source"]) + 1
        cases.insert(r.randrange(start, len(cases) + 1), copy)

    records = []
    for n, c in enumerate(cases, 1):
        c["id"] = f"eval-{n:03d}"
        records.append(dict(id=c["id"], input=c["input"], expected=c["expected"], category=c["category"]))
    for c in cases:
        if c.get("_plant") == "duplicate":
            planted["duplicates"].append(dict(id=c["id"], duplicate_of=c["_source"]["id"],
                                              expected_identical=c["_identical"]))
        elif c.get("_plant") == "empty_expected":
            planted["empty_expected"].append(c["id"])
    leakable = [c for c in cases if "_plant" not in c and c["category"] in ("billing", "shipping", "returns", "account", "technical")]
    return records, planted, leakable


def check(records, planted):
    assert len(records) == UNIQUE_CASES + DUPLICATES
    assert [r["id"] for r in records] == [f"eval-{n:03d}" for n in range(1, len(records) + 1)]
    first = {}
    duplicates = []
    for r in records:
        key = canonical(r["input"])
        if key in first:
            duplicates.append((r["id"], first[key]["id"], r["expected"] == first[key]["expected"]))
        else:
            first[key] = r
    assert sorted(duplicates) == sorted((d["id"], d["duplicate_of"], d["expected_identical"]) for d in planted["duplicates"])
    empty = sorted(r["id"] for r in records if not r["expected"].strip())
    assert empty == sorted(planted["empty_expected"])
    categories = {}
    for r in records:
        categories[r["category"]] = categories.get(r["category"], 0) + 1
    return dict(categories=dict(sorted(categories.items())))
