"""support-chat.jsonl: a customer-support chat finetuning set in OpenAI chat format, with
defects planted at known records. `build` returns the records and a manifest of every
planted item; `check` re-reads the written file and proves the manifest is exact."""

import re

from . import chat_bank as bank
from .catalog import PRODUCTS, PRODUCT_BY_KEY, agree
from .variation import vary
from .common import (Slots, canonical, digits_only, fill, iso_datetime, luhn_break, luhn_complete,
                     luhn_valid, most_similar_pairs, random_datetime, rng, sentence_join)
from datetime import date

TOTAL = 2000
INTENTS = ["billing", "shipping", "returns", "account", "technical"]
INTENT_WEIGHTS = [19, 21, 20, 15, 25]
SOURCE_COUNTS = {"manual": 620, "crowd": 560, "user": 620, "synthetic": 200}

# Planted counts. Records added on top of the base set:
EXACT_DUP_SOURCES, EXACT_DUP_COPIES = 32, 40      # 8 sources get two copies
EXACT_DUP_VARIANTS = {"identical": 24, "whitespace": 8, "case": 8}
NEAR_DUPS = 60
NEAR_DUP_EDITS = {"substitution": 18, "insertion": 14, "deletion": 14, "punctuation": 14}
CONFLICTS = 10
LEAKS = 12
NON_ENGLISH = 10
# Base records modified in place:
EMPTY = {"empty_string": 11, "whitespace_only": 4}
REFUSALS = 15
TRUNCATED = 10
ROLE_ORDER = {"consecutive_user": 8, "ends_with_user": 6, "assistant_first": 4, "assistant_first_after_system": 2}
PII = {"email": 14, "phone_e164": 7, "phone_us": 7, "card": 12}
PII_DOUBLE = 4                                     # of the email records, 4 also carry a US phone
HARD_NEGATIVES = 8
LABEL_VARIANTS = {"title": 10, "upper": 8, "trailing_space": 8, "leading_space": 4}
PLACEHOLDERS = ["customer_name", "customer_name", "todo", "todo", "lorem"]

BASE = TOTAL - EXACT_DUP_COPIES - NEAR_DUPS - CONFLICTS - LEAKS - NON_ENGLISH

WHEN = ["yesterday", "last Tuesday", "on Monday", "two days ago", "over the weekend", "a week ago",
        "last Friday", "on the 3rd", "earlier this month", "on Sunday night", "about ten days ago", "this morning"]
ETA = ["Thursday", "Friday", "Monday", "Tuesday", "Wednesday", "Saturday"]
ETA_ES = {"Thursday": "jueves", "Friday": "viernes", "Monday": "lunes", "Tuesday": "martes", "Wednesday": "miércoles", "Saturday": "sábado"}
DEVICES = ["iPhone 15", "Pixel 8", "Galaxy S23", "iPad", "iPhone 13", "OnePlus 11", "Pixel 7a", "Galaxy A54"]
CITIES = ["Denver", "Austin", "Portland", "Columbus", "Raleigh", "Sacramento", "Minneapolis", "Tampa", "Boise", "Pittsburgh"]
COUNTRIES = ["Canada", "the UK", "Germany", "France", "Ireland", "Australia", "the Netherlands", "Spain", "Italy"]
PROMOS = ["SPRING15", "WELCOME10", "TIDE20", "FALLSAVE", "HOME25", "BUNDLE10", "NEWYEAR15", "STUDENT10"]
CARRIERS = ["UPS", "FedEx", "USPS"]
REFUND_WHEN = ["yesterday", "on Monday", "two days ago", "on the 14th", "last Thursday", "three days ago"]

WIFI = [p for p in PRODUCTS if p["connectivity"] and "Wi-Fi" in p["connectivity"]]
SCENARIO_PRODUCTS = {
    "earbuds-hygiene": ["orbit-buds", "orbit-buds-pro"],
    "restocking": ["atlas-desk", "frost-fridge"],
    "error-code": [p["key"] for p in PRODUCTS if p["codes"]],
    "five-ghz": [p["key"] for p in WIFI if "2.4 GHz" in p["connectivity"]],
    "voice-assistant": [p["key"] for p in WIFI],
    "firmware-failed": [p["key"] for p in WIFI],
    "offline-after-router": [p["key"] for p in WIFI],
    "app-crash": [p["key"] for p in PRODUCTS if p["app"]],
}

SYNONYMS = {
    "usually": "typically", "quickly": "fast", "right": "correct", "always": "consistently",
    "check": "verify", "start": "begin", "within": "inside", "normal": "standard", "sure": "certain",
    "also": "additionally", "around": "about", "receive": "get", "item": "product", "free": "complimentary",
    "ordered": "purchased", "bought": "purchased", "problem": "issue", "fix": "resolve", "again": "once more",
}
INSERTIONS = ["really", "just", "actually", "definitely", "simply", "still", "please", "now"]

FOLLOWUP_CONSECUTIVE = ["Also it's order {order}.", "Sorry, forgot to say it's the {short}.", "hello?",
                        "Any update on this?", "It's kind of urgent.", "Actually it's the {name}, not the other one.",
                        "I can send a photo if that helps.", "Still waiting..."]
DANGLING_USER = ["One more thing, can I also change the delivery date?", "Thanks. Also, do you sell spare parts for the {short}?",
                 "Wait, what about my other order?", "Ok and how long will that take?",
                 "Can you also check order {order2}?", "And is there a discount for Plus members?"]
ASSISTANT_GREETINGS = ["Hi! Thanks for contacting Tidewell. How can I help you today?",
                       "Hello and welcome to Tidewell Support. What can I do for you?",
                       "Hi there! I'm the Tidewell assistant. What can I help you with?"]

FIRST_NAMES = ["maria", "james", "priya", "tom", "aisha", "daniel", "lena", "kevin", "sofia", "omar", "hannah", "lucas", "mei", "jordan"]
LAST_NAMES = ["gonzalez", "okafor", "nguyen", "schmidt", "patel", "brennan", "kowalski", "haddad", "larsen", "moreau", "tanaka", "reyes"]
EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com", "fastmail.com"]
AREA_CODES = ["415", "312", "617", "206", "512", "303", "917", "213", "404", "612"]

PII_TEMPLATES = {
    "email": ["You can reach me at {email} if that's easier.", "My account email is {email}.",
              "Please send the label to {email}, I don't check the other inbox.", "I used {email} when I checked out."],
    "phone": ["My number is {phone}, call me after 5.", "Can someone call me back on {phone}?",
              "The carrier has my old number, the new one is {phone}.", "Text me at {phone} when it ships."],
    "card": ["The card I used is {card}, can you check if the charge went through?",
             "Here's my card number so you can find the payment: {card}.",
             "Please refund to {card} instead, the old card is cancelled.", "My card {card} shows the charge twice."],
}
HARD_NEGATIVE_TEMPLATES = [
    ("order_number_10_digits", "My order number from the confirmation email is {n10}."),
    ("luhn_invalid_16_digits", "The gift card number is {bad16} but it shows zero balance."),
    ("luhn_invalid_16_digits", "The reference on my bank statement is {bad16}."),
    ("tracking_number", "The tracking number is 1Z {t1} {t2} {t3} {t4}."),
    ("serial_number", "Serial number on the box is SN {bad16dash}."),
    ("invoice_number", "The invoice number is INV-2026-{n6}."),
    ("rma_number", "My return authorization is RMA {n8}."),
    ("model_and_batch", "The sticker says model TW-{n4} and batch {batch}."),
]
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore "
         "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.")


def _slots(r, product):
    other = r.choice([p for p in PRODUCTS if p is not product])
    price = float(product["price"].strip("$").replace(",", ""))
    code = r.choice(product["codes"]) if product["codes"] else ("", "", "")
    eta = r.choice(ETA)
    return Slots(
        name=product["name"], short=product["short"], category=product["category"],
        order="#" + str(r.randrange(3_000_000, 9_999_999)), order2="#" + str(r.randrange(3_000_000, 9_999_999)),
        amount=product["price"], amount_less=f"${price - 6.95:.2f}", when=r.choice(WHEN),
        days=r.choice(["three", "four", "five", "six", "eight", "ten", "4", "5", "7"]),
        days_late=str(r.randrange(33, 48)), carrier=r.choice(CARRIERS), eta=eta, eta_es=ETA_ES[eta],
        refund_when=r.choice(REFUND_WHEN), device=r.choice(DEVICES), city=r.choice(CITIES),
        country=r.choice(COUNTRIES), promo=r.choice(PROMOS), plus_price=r.choice(["$59", "$6.99"]),
        other_short=other["short"], months=r.choice(["7", "8", "10", "11", "five", "nine"]),
        code=code[0], code_meaning=code[1], code_fix=code[2],
        connectivity=product["connectivity"] or "", reset=product["reset"],
    )


BRAND_WORDS = {"Aura", "Orbit", "Nimbus", "AirPure", "Terra", "Halo", "Volt", "Pulse", "Vista", "Kettle", "Ember",
               "Lumen", "Atlas", "Cascade", "Frost", "Tempo", "Tidewell", "Google", "Alexa", "I", "I'm", "I've", "I'd"}


def _pick_subset(r, points, required, low=2, high=4):
    """An in-order subset of answer points, each in one of its phrasings; always includes the
    point at index `required`, which carries the actual answer."""
    k = r.randint(low, min(high, len(points)))
    keep = sorted([required] + r.sample([i for i in range(len(points)) if i != required], k - 1))
    return [r.choice(points[i]) if isinstance(points[i], list) else points[i] for i in keep]


def _user_message(r, opener, slots):
    greeting = r.choice(bank.GREETINGS)
    opener = fill(opener, slots)
    if not opener.endswith((".", "!", "?")):
        opener += "."
    first_word = opener.split(" ")[0].strip(",.?!")
    if greeting.endswith(",") and first_word not in BRAND_WORDS and r.random() < 0.7:
        opener = opener[0].lower() + opener[1:]
    text = sentence_join([greeting, opener, fill(r.choice(bank.USER_CONTEXT), slots), r.choice(bank.SIGN_OFFS)])
    if r.random() < 0.1:
        text = text.lower().rstrip(".")
    return text


def _assistant_message(r, sentences, slots, first, intent):
    parts = [fill(s, slots) for s in sentences]
    if first:
        if r.random() < 0.45:
            parts.insert(0, fill(r.choice(bank.CASE_NOTES[intent]), slots))
        parts = [r.choice(bank.ACKS)] + parts + [r.choice(bank.CLOSERS)]
    return sentence_join(parts)


def _scenario_for(r, intent):
    """A scenario tuple (key, openers, answers, followups) and the product it is about."""
    if intent == "technical" and r.random() < 0.6:
        product = r.choice(PRODUCTS)
        symptom, cause, fix = product["issues"][r.randrange(2)]
        answers = [[a.replace("{cause}", cause).replace("{fix}", fix) for a in point] for point in bank.ISSUE_ANSWERS]
        openers = [o.replace("{symptom}", symptom) for o in bank.ISSUE_OPENERS]
        return ("issue:" + product["key"], openers, answers, bank.ISSUE_FOLLOWUPS), product
    scenario = r.choice(bank.SCENARIOS[intent])
    keys = SCENARIO_PRODUCTS.get(scenario[0])
    product = PRODUCT_BY_KEY[r.choice(keys)] if keys else r.choice(PRODUCTS)
    return scenario, product


def _conversation(r, intent):
    (key, openers, answers, followups), product = _scenario_for(r, intent)
    slots = _slots(r, product)
    messages = []
    if r.random() < 0.85:
        messages.append({"role": "system", "content": r.choice(bank.SYSTEM_PROMPTS)})
    messages.append({"role": "user", "content": _user_message(r, r.choice(openers), slots)})
    messages.append({"role": "assistant", "content": _assistant_message(r, _pick_subset(r, answers, 1 if key.startswith("issue:") else r.randrange(2)), slots, True, intent)})
    exchanges = r.choices([1, 2, 3], weights=[50, 35, 15])[0]
    pool = list(followups)
    r.shuffle(pool)
    for n in range(1, exchanges):
        last = n == exchanges - 1
        if pool and (not last or r.random() < 0.75):
            question, answer = pool.pop()
        else:
            question, answer = r.choice(bank.CLOSING_EXCHANGES)
        messages.append({"role": "user", "content": fill(question, slots)})
        messages.append({"role": "assistant", "content": fill(answer, slots)})
    for m in messages:
        if m["role"] != "system":
            m["content"] = vary(agree(m["content"], product), r)
    return dict(messages=messages, intent=intent, _scenario=key, _slots=slots, _product=product)


def _user_turns(rec):
    return [i for i, m in enumerate(rec["messages"]) if m["role"] == "user"]


def _assistant_turns(rec):
    return [i for i, m in enumerate(rec["messages"]) if m["role"] == "assistant"]


def _comparable(messages):
    """What Sift compares for chat records: the turns' contents joined by newlines."""
    return "\n".join(m["content"] for m in messages)


def _conversation_key(messages):
    return canonical(_comparable(messages))


def _email(r):
    first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
    local = r.choice([f"{first}.{last}", f"{first}{last}{r.randrange(10, 99)}", f"{first[0]}.{last}", f"{first}_{last}"])
    return f"{local}@{r.choice(EMAIL_DOMAINS)}"


def _phone(r, kind):
    area, line = r.choice(AREA_CODES), f"01{r.randrange(10, 99)}"
    if kind == "phone_e164":
        return r.choice([f"+1{area}555{line}", f"+447700900{r.randrange(100, 999)}"])
    return r.choice([f"({area}) 555-{line}", f"{area}-555-{line}", f"{area}.555.{line}"])


def _card(r):
    style = r.choice(["visa", "visa", "mastercard", "mastercard", "amex"])
    if style == "amex":
        number = luhn_complete(r.choice(["34", "37"]), 15, r)
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    number = luhn_complete("4" if style == "visa" else str(r.randrange(51, 56)), 16, r)
    sep = r.choice([" ", "-", ""])
    return sep.join(number[i:i + 4] for i in range(0, 16, 4))


def _append_to_user_turn(r, rec, sentence):
    """Add a sentence to one of the user turns; returns the turn's index."""
    index = r.choice(_user_turns(rec))
    content = rec["messages"][index]["content"]
    rec["messages"][index]["content"] = sentence_join([content if content.endswith((".", "!", "?")) else content + ".", sentence])
    return index


def _truncate(r, text):
    words = text.split(" ")
    cut = r.randint(max(4, len(words) * 2 // 5), max(5, len(words) * 3 // 4))
    kept = words[:cut]
    while kept and not kept[-1][-1].isalnum():
        kept.pop()
    return " ".join(kept)


def _near_edit(r, rec, kind):
    """Apply one small edit to one turn; returns a description for the manifest. Never touches
    the last word of a turn, so no edit can make a reply look truncated."""
    candidates = [i for i, m in enumerate(rec["messages"]) if m["role"] != "system" and len(m["content"].split(" ")) >= 8]
    r.shuffle(candidates)
    for index in candidates:
        words = rec["messages"][index]["content"].split(" ")
        inner = list(range(1, len(words) - 1))
        if kind == "substitution":
            options = [i for i in inner if words[i] in SYNONYMS]
            if not options:
                continue
            i = r.choice(options)
            before, words[i] = words[i], SYNONYMS[words[i]]
            change = f'"{before}" -> "{words[i]}"'
        elif kind == "insertion":
            i = r.choice(inner)
            inserted = r.choice(INSERTIONS)
            words.insert(i, inserted)
            change = f'inserted "{inserted}" before word {i + 1}'
        elif kind == "deletion":
            options = [i for i in inner if words[i].isalpha() and len(words[i]) > 2]
            if not options:
                continue
            i = r.choice(options)
            change = f'deleted "{words[i]}"'
            del words[i]
        else:
            options = [i for i in inner if words[i][-1] in ",."]
            if not options:
                continue
            i = r.choice(options)
            before = words[i]
            words[i] = words[i][:-1] + ("!" if before.endswith(".") else "")
            change = f'"{before}" -> "{words[i]}"'
        rec["messages"][index]["content"] = " ".join(words)
        return dict(edit=kind, turn=index, change=change)
    return None


def build(eval_leakable):
    r = rng("support-chat")
    base = []
    seen = set()
    intents = r.choices(INTENTS, weights=INTENT_WEIGHTS, k=BASE - CONFLICTS)
    # Base conversations: composed from the bank; regenerate on the rare exact collision.
    for intent in intents:
        while True:
            rec = _conversation(r, intent)
            key = _conversation_key(rec["messages"])
            if key not in seen:
                seen.add(key)
                base.append(rec)
                break

    # Conflicting labels: the same ambiguous question twice, labelled with different intents.
    conflict_pairs = []
    for question, intent_a, intent_b, answer_a, answer_b in bank.AMBIGUOUS:
        product = r.choice([p for p in PRODUCTS if p["key"] not in ("atlas-desk", "frost-fridge")])
        slots = _slots(r, product)
        text = fill(question, slots)
        pair = []
        for intent, answer in ((intent_a, answer_a), (intent_b, answer_b)):
            messages = [{"role": "system", "content": r.choice(bank.SYSTEM_PROMPTS)}] if r.random() < 0.85 else []
            messages += [{"role": "user", "content": text}, {"role": "assistant", "content": fill(answer, slots)}]
            pair.append(dict(messages=messages, intent=intent, _scenario="ambiguous", _slots=slots, _product=product))
        pair[0]["_plant"] = ("conflict_source", None)
        pair[1]["_plant"] = ("conflicting_label", {"question": text})
        pair[1]["_cluster"] = pair[0]
        conflict_pairs.append(pair)
        base.append(pair[0])

    # Choose disjoint groups of clean base records for every in-place defect and as copy sources.
    clean = [rec for rec in base if "_plant" not in rec]
    r.shuffle(clean)

    def take(n, predicate=lambda rec: True):
        chosen = [rec for rec in clean if predicate(rec)][:n]
        assert len(chosen) == n, "not enough clean records to plant into"
        for rec in chosen:
            clean.remove(rec)
        return chosen

    def words(rec):
        return len(_comparable(rec["messages"]).split())

    near_sources = take(NEAR_DUPS, lambda rec: words(rec) >= 110)
    exact_sources = take(EXACT_DUP_SOURCES)
    added = []

    # Exact duplicates.
    variants = [v for v, n in EXACT_DUP_VARIANTS.items() for _ in range(n)]
    r.shuffle(variants)
    copy_sources = exact_sources + exact_sources[:EXACT_DUP_COPIES - EXACT_DUP_SOURCES]
    for src, variant in zip(copy_sources, variants):
        messages = [dict(m) for m in src["messages"]]
        user = r.choice([i for i, m in enumerate(messages) if m["role"] == "user"])
        if variant == "whitespace":
            words_ = messages[user]["content"].split(" ")
            i = r.randrange(1, len(words_))
            words_[i] = (" " if r.random() < 0.5 else "\n") + words_[i]
            messages[user]["content"] = " ".join(words_) + r.choice(["", " ", "\n"])
        elif variant == "case":
            messages[user]["content"] = r.choice([str.lower, str.upper])(messages[user]["content"])
            if messages[user]["content"] == src["messages"][user]["content"]:
                messages[user]["content"] = messages[user]["content"].upper()
        copy = dict(messages=messages, intent=src["intent"], _cluster=src,
                    _plant=("exact_duplicate", {"variant": variant, "turn": user if variant != "identical" else None}))
        src["_plant"] = ("duplicate_source", None)
        added.append(copy)

    # Near duplicates.
    edits = [e for e, n in NEAR_DUP_EDITS.items() for _ in range(n)]
    r.shuffle(edits)
    for src, kind in zip(near_sources, edits):
        copy = dict(messages=[dict(m) for m in src["messages"]], intent=src["intent"], _cluster=src)
        info = _near_edit(r, copy, kind) or _near_edit(r, copy, "insertion")
        assert info is not None
        copy["_plant"] = ("near_duplicate", info)
        src["_plant"] = ("near_duplicate_source", None)
        added.append(copy)

    # Conflicting-label second halves.
    added += [pair[1] for pair in conflict_pairs]

    # Leakage from eval-cases.jsonl.
    # Leaked inputs are long enough (8+ words) for n-gram contamination checks to see them.
    for case in r.sample([c for c in eval_leakable if len(c["input"].split()) >= 8], LEAKS):
        messages = [{"role": "system", "content": r.choice(bank.SYSTEM_PROMPTS)}] if r.random() < 0.85 else []
        messages += [{"role": "user", "content": case["input"]}, {"role": "assistant", "content": case["expected"]}]
        added.append(dict(messages=messages, intent=case["category"], _plant=("eval_leak", {"eval_id": case["id"]})))

    # Non-English conversations.
    for lang, intent, product_key, turns in bank.NON_ENGLISH:
        slots = _slots(r, PRODUCT_BY_KEY[product_key])
        messages = [{"role": "system", "content": r.choice(bank.SYSTEM_PROMPTS)}] if r.random() < 0.5 else []
        messages += [{"role": role, "content": fill(text, slots)} for role, text in turns]
        added.append(dict(messages=messages, intent=intent, _plant=("non_english", {"language": lang})))

    # In-place defects on clean base records.
    for kind, n in EMPTY.items():
        for rec in take(n):
            last = _assistant_turns(rec)[-1]
            rec["messages"][last]["content"] = "" if kind == "empty_string" else r.choice([" ", "\n", "  \n ", "\t"])
            rec["_plant"] = ("empty_answer", {"variant": kind, "turn": last})
    for rec in take(REFUSALS):
        last = _assistant_turns(rec)[-1]
        rec["messages"][last]["content"] = r.choice(bank.REFUSALS)
        rec["_plant"] = ("refusal", {"turn": last, "text": rec["messages"][last]["content"]})
    for rec in take(TRUNCATED, lambda rec: len(rec["messages"][_assistant_turns(rec)[-1]]["content"].split()) >= 25):
        last = _assistant_turns(rec)[-1]
        rec["messages"][last]["content"] = _truncate(r, rec["messages"][last]["content"])
        rec["_plant"] = ("truncated_answer", {"turn": last, "ends_with": " ".join(rec["messages"][last]["content"].split()[-4:])})
    for kind, n in ROLE_ORDER.items():
        if kind in ("assistant_first", "assistant_first_after_system"):
            has_system = kind == "assistant_first_after_system"
            chosen = take(n, lambda rec: (rec["messages"][0]["role"] == "system") == has_system)
        else:
            chosen = take(n)
        for rec in chosen:
            msgs, slots = rec["messages"], rec["_slots"]
            first_user = _user_turns(rec)[0]
            if kind == "consecutive_user":
                msgs.insert(first_user + 1, {"role": "user", "content": fill(r.choice(FOLLOWUP_CONSECUTIVE), slots)})
            elif kind == "ends_with_user":
                msgs.append({"role": "user", "content": fill(r.choice(DANGLING_USER), slots)})
            else:
                msgs.insert(first_user, {"role": "assistant", "content": r.choice(ASSISTANT_GREETINGS)})
            rec["_plant"] = ("broken_role_order", {"variant": kind, "roles": [m["role"] for m in msgs]})
    pii_kinds = [k for k, n in PII.items() for _ in range(n)]
    for i, rec in enumerate(take(len(pii_kinds))):
        kind = pii_kinds[i]
        items = []
        if kind == "email":
            value = _email(r)
            turn = _append_to_user_turn(r, rec, r.choice(PII_TEMPLATES["email"]).format(email=value))
            items.append(dict(type="email", value=value, turn=turn))
            if i < PII_DOUBLE:
                value = _phone(r, "phone_us")
                turn = _append_to_user_turn(r, rec, r.choice(PII_TEMPLATES["phone"]).format(phone=value))
                items.append(dict(type="phone_us", value=value, turn=turn))
        elif kind.startswith("phone"):
            value = _phone(r, kind)
            turn = _append_to_user_turn(r, rec, r.choice(PII_TEMPLATES["phone"]).format(phone=value))
            items.append(dict(type=kind, value=value, turn=turn))
        else:
            value = _card(r)
            turn = _append_to_user_turn(r, rec, r.choice(PII_TEMPLATES["card"]).format(card=value))
            items.append(dict(type="card", value=value, turn=turn))
        rec["_plant"] = ("pii", {"items": items})
    for (kind, template), rec in zip(HARD_NEGATIVE_TEMPLATES, take(HARD_NEGATIVES)):
        bad = luhn_break(luhn_complete(r.choice(["4", "52", "60"]), 16, r))
        value_slots = dict(
            n10=str(r.randrange(2_000_000_000, 9_999_999_999)), bad16=" ".join(bad[i:i + 4] for i in range(0, 16, 4)),
            bad16dash="-".join(bad[i:i + 4] for i in range(0, 16, 4)), n6=f"{r.randrange(1, 999999):06d}",
            n8=str(r.randrange(10_000_000, 99_999_999)), n4=str(r.randrange(1000, 9999)), batch=f"2026{r.randrange(1, 13):02d}{r.randrange(1, 29):02d}",
            t1=f"{r.randrange(100, 999)}", t2=f"W{r.randrange(10, 99)}", t3=f"{r.randrange(10, 99)}", t4=f"{r.randrange(1000, 9999)} {r.randrange(1000, 9999)}",
        )
        sentence = template.format(**value_slots)
        turn = _append_to_user_turn(r, rec, sentence)
        rec["_plant"] = ("pii_hard_negative", {"kind": kind, "text": sentence, "turn": turn})
    label_variants = [v for v, n in LABEL_VARIANTS.items() for _ in range(n)]
    for variant, rec in zip(label_variants, take(len(label_variants))):
        rec["intent"] = {"title": str.title, "upper": str.upper, "trailing_space": lambda s: s + " ",
                         "leading_space": lambda s: " " + s}[variant](rec["intent"])
        rec["_plant"] = ("label_inconsistency", {"variant": variant, "raw": rec["intent"]})
    for kind, rec in zip(PLACEHOLDERS, take(len(PLACEHOLDERS))):
        last = _assistant_turns(rec)[-1]
        content = rec["messages"][last]["content"]
        if kind == "customer_name":
            content = "Hi {{customer_name}}, " + content[0].lower() + content[1:]
        elif kind == "todo":
            content = r.choice(["TODO: write the answer for this one.", "TODO - paste the policy paragraph here before release."])
        else:
            content = LOREM
        rec["messages"][last]["content"] = content
        rec["_plant"] = ("placeholder", {"variant": kind, "turn": last})

    records = base + added
    assert len(records) == TOTAL, len(records)
    r.shuffle(records)
    # Every copy comes after what it copies, so "keep first" removes exactly the planted copies.
    position = {id(rec): i for i, rec in enumerate(records)}
    for rec in list(records):
        src = rec.get("_cluster")
        if src is not None and position[id(rec)] < position[id(src)]:
            a, b = position[id(rec)], position[id(src)]
            records[a], records[b] = records[b], records[a]
            position[id(rec)], position[id(src)] = b, a
    for rec in records:
        src = rec.get("_cluster")
        assert src is None or position[id(src)] < position[id(rec)]

    sources = [s for s, n in SOURCE_COUNTS.items() for _ in range(n)]
    r.shuffle(sources)
    out = []
    for n, rec in enumerate(records, 1):
        rec["id"] = f"chat-{n:05d}"
        created = random_datetime(r, date(2025, 1, 1), date(2026, 11, 20))
        out.append(dict(id=rec["id"], messages=rec["messages"], intent=rec["intent"], source=sources[n - 1],
                        created_at=iso_datetime(created)))
    return out, _manifest(records)


def _manifest(records):
    m = {k: [] for k in ("exact_duplicates", "near_duplicates", "empty_answers", "refusals", "truncated_answers",
                         "broken_role_order", "pii", "pii_hard_negatives", "label_inconsistencies",
                         "conflicting_labels", "placeholders", "non_english", "eval_leaks")}
    for rec in records:
        kind, info = rec.get("_plant", (None, None))
        info = dict(info or {})
        if kind == "exact_duplicate":
            m["exact_duplicates"].append(dict(id=rec["id"], duplicate_of=rec["_cluster"]["id"], **info))
        elif kind == "near_duplicate":
            m["near_duplicates"].append(dict(id=rec["id"], near_duplicate_of=rec["_cluster"]["id"], **info))
        elif kind == "empty_answer":
            m["empty_answers"].append(dict(id=rec["id"], **info))
        elif kind == "refusal":
            m["refusals"].append(dict(id=rec["id"], **info))
        elif kind == "truncated_answer":
            m["truncated_answers"].append(dict(id=rec["id"], **info))
        elif kind == "broken_role_order":
            m["broken_role_order"].append(dict(id=rec["id"], **info))
        elif kind == "pii":
            m["pii"].append(dict(id=rec["id"], **info))
        elif kind == "pii_hard_negative":
            m["pii_hard_negatives"].append(dict(id=rec["id"], **info))
        elif kind == "label_inconsistency":
            m["label_inconsistencies"].append(dict(id=rec["id"], **info))
        elif kind == "conflicting_label":
            src = rec["_cluster"]
            m["conflicting_labels"].append(dict(id=rec["id"], intent=rec["intent"], same_question_as=src["id"],
                                                other_intent=src["intent"], question=info["question"]))
        elif kind == "placeholder":
            m["placeholders"].append(dict(id=rec["id"], **info))
        elif kind == "non_english":
            m["non_english"].append(dict(id=rec["id"], **info))
        elif kind == "eval_leak":
            m["eval_leaks"].append(dict(id=rec["id"], **info))
    return m


# ---------------------------------------------------------------------------------------------
# Self-check: detect every defect independently from the written file and compare to the manifest.

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"\+\d{8,15}\b|\(\d{3}\) \d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b")
CARD_RE = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
PLACEHOLDER_RE = re.compile(r"\{\{|\bTODO\b|lorem ipsum", re.IGNORECASE)
ENGLISH_WORDS = {"the", "and", "to", "is", "it", "you", "your", "my", "for", "of", "a", "i", "can", "on", "in", "we", "that", "this"}


def _role_order_ok(messages):
    roles = [m["role"] for m in messages]
    if roles and roles[0] == "system":
        roles = roles[1:]
    return len(roles) >= 2 and len(roles) % 2 == 0 and all(
        role == ("user" if i % 2 == 0 else "assistant") for i, role in enumerate(roles))


def _cards(text):
    return [m.group(0) for m in CARD_RE.finditer(text) if luhn_valid(digits_only(m.group(0)))]


def check(records, manifest, eval_records):
    """Re-detect every planted defect from the records as written; returns similarity figures."""
    ids = lambda key: sorted(x["id"] for x in manifest[key])
    assert len(records) == TOTAL
    assert [r["id"] for r in records] == [f"chat-{n:05d}" for n in range(1, TOTAL + 1)]
    assert sum(r["source"] == "synthetic" for r in records) == SOURCE_COUNTS["synthetic"]
    by_id = {r["id"]: r for r in records}

    # Exact duplicates: canonical conversation equality finds exactly the planted copies.
    first_of = {}
    found = []
    for rec in records:
        key = _conversation_key(rec["messages"])
        if key in first_of:
            found.append((rec["id"], first_of[key]))
        else:
            first_of[key] = rec["id"]
    assert sorted(found) == sorted((d["id"], d["duplicate_of"]) for d in manifest["exact_duplicates"]), "exact duplicates"
    assert len(found) == EXACT_DUP_COPIES
    byte_identical = sum(by_id[a]["messages"] == by_id[b]["messages"] for a, b in found)
    assert byte_identical == EXACT_DUP_VARIANTS["identical"]

    # Near duplicates: high word 5-gram Jaccard to their source, and nothing else comes close.
    texts = [_comparable(r["messages"]) for r in records]
    best = most_similar_pairs(texts)
    index = {r["id"]: i for i, r in enumerate(records)}
    exact_copies = {d["id"] for d in manifest["exact_duplicates"]}
    exact_members = exact_copies | {d["duplicate_of"] for d in manifest["exact_duplicates"]}
    near = {d["id"]: d["near_duplicate_of"] for d in manifest["near_duplicates"]}
    near_members = set(near) | set(near.values())
    from .common import jaccard, word_shingles
    near_scores = [jaccard(word_shingles(texts[index[a]]), word_shingles(texts[index[b]])) for a, b in near.items()]
    assert len(near) == NEAR_DUPS and min(near_scores) >= 0.8, min(near_scores)
    for a, b in near.items():
        assert _conversation_key(by_id[a]["messages"]) != _conversation_key(by_id[b]["messages"])
    others = [best[i][0] for i, r in enumerate(records) if r["id"] not in exact_members | near_members]
    assert max(others) < 0.6, max(others)

    # Empty answers, refusals, truncation: judged on the last assistant turn.
    empty, refused, truncated = [], [], []
    for rec in records:
        assistants = [m["content"] for m in rec["messages"] if m["role"] == "assistant"]
        if any(not c.strip() for c in assistants):
            empty.append(rec["id"])
            continue
        if any(marker in c.lower() for c in assistants for marker in bank.REFUSAL_MARKERS):
            refused.append(rec["id"])
        if any(not c.rstrip().endswith((".", "!", "?", ")")) for c in assistants):
            truncated.append(rec["id"])
    assert sorted(empty) == ids("empty_answers")
    assert sorted(refused) == ids("refusals")
    assert sorted(truncated) == ids("truncated_answers")

    broken = [r["id"] for r in records if not _role_order_ok(r["messages"])]
    assert sorted(broken) == ids("broken_role_order")

    # PII: independent regex + Luhn detection over user turns finds exactly the planted items.
    pii_found, hard_found = {}, []
    for rec in records:
        user = "\n".join(m["content"] for m in rec["messages"] if m["role"] == "user")
        hits = EMAIL_RE.findall(user) + PHONE_RE.findall(user) + _cards(user)
        if hits:
            pii_found[rec["id"]] = sorted(hits)
        if CARD_RE.search(user) and not _cards(user):
            hard_found.append(rec["id"])
    assert pii_found == {d["id"]: sorted(i["value"] for i in d["items"]) for d in manifest["pii"]}, "pii"
    for rec in records:
        assistant = " ".join(m["content"] for m in rec["messages"] if m["role"] != "user")
        assert not (EMAIL_RE.search(assistant) or PHONE_RE.search(assistant) or _cards(assistant)), rec["id"]
    luhn_negatives = {d["id"] for d in manifest["pii_hard_negatives"] if d["kind"] in ("luhn_invalid_16_digits", "serial_number")}
    assert set(hard_found) == luhn_negatives, (hard_found, luhn_negatives)

    labels = [r["id"] for r in records if r["intent"] not in INTENTS]
    assert sorted(labels) == ids("label_inconsistencies")
    by_question = {}
    for rec in records:
        users = [m["content"] for m in rec["messages"] if m["role"] == "user"]
        by_question.setdefault(users[0] if users else "", set()).add(rec["intent"].strip().lower())
    conflicted = sorted(q for q, labels_ in by_question.items() if len(labels_) > 1)
    assert conflicted == sorted(d["question"] for d in manifest["conflicting_labels"]), "conflicting labels"

    placeholders = [r["id"] for r in records if PLACEHOLDER_RE.search(_comparable(r["messages"]))]
    assert sorted(placeholders) == ids("placeholders")

    def english_share(rec):
        words_ = re.findall(r"[a-zà-ÿ']+", " ".join(m["content"] for m in rec["messages"] if m["role"] != "system").lower())
        return sum(w in ENGLISH_WORDS for w in words_) / max(1, len(words_))
    non_english = [r["id"] for r in records if english_share(r) < 0.05 and r["id"] not in ids("placeholders")]
    assert sorted(non_english) == ids("non_english"), (non_english, ids("non_english"))

    eval_inputs = {canonical(e["input"]): e["id"] for e in eval_records}
    leaks = sorted((r["id"], eval_inputs[canonical(m["content"])]) for r in records for m in r["messages"]
                   if m["role"] == "user" and canonical(m["content"]) in eval_inputs)
    assert leaks == sorted((d["id"], d["eval_id"]) for d in manifest["eval_leaks"]), "eval leaks"

    # Longest word sequence any non-leaked chat user turn shares with an eval input.
    def grams(text, n):
        w = canonical(text).split()
        return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}
    leaked_ids = set(ids("eval_leaks"))
    user_texts = [m["content"] for r in records if r["id"] not in leaked_ids for m in r["messages"] if m["role"] == "user"]
    longest = 0
    for n in range(1, 30):
        eval_grams = set().union(*(grams(e["input"], n) for e in eval_records))
        if any(grams(t, n) & eval_grams for t in user_texts):
            longest = n
        else:
            break
    assert longest < 8 and all(len(by_id[d["id"]]["messages"][-2]["content"].split()) >= 8 for d in manifest["eval_leaks"])
    return dict(near_duplicate_min_jaccard=round(min(near_scores), 3), other_max_jaccard=round(max(others), 3),
                longest_shared_run_with_eval=longest)
