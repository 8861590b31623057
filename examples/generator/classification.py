"""classification.csv: customer reviews of Tidewell products labelled positive / negative /
neutral / mixed, with class imbalance, flipped labels and duplicate texts carrying conflicting
labels. Texts contain commas, double quotes and a few line breaks, so RFC 4180 quoting is used."""

import csv
import io

from .catalog import PRODUCTS
from .common import SimilarityGuard, canonical, most_similar_pairs, rng
from .variation import vary

LABELS = ["positive", "negative", "neutral", "mixed"]
# True classes of the unique texts (2,994) plus 6 duplicate texts = 3,000 rows.
UNIQUE_COUNTS = {"positive": 1795, "negative": 749, "neutral": 300, "mixed": 150}
FLIPS = {("positive", "negative"): 35, ("negative", "positive"): 35, ("positive", "neutral"): 10, ("negative", "neutral"): 10}
CONFLICT_PAIRS = [("mixed", "positive"), ("mixed", "negative"), ("neutral", "positive"), ("neutral", "negative"),
                  ("positive", "mixed"), ("negative", "neutral")]
MULTILINE = 24
# No two distinct texts share more than this word 5-gram Jaccard similarity.
SIMILARITY_LIMIT = 0.6
TOTAL = sum(UNIQUE_COUNTS.values()) + len(CONFLICT_PAIRS)

ROOMS = ["bedroom", "kitchen", "living room", "home office", "nursery", "basement", "dorm room", "studio apartment", "garage workshop", "guest room"]
PEOPLE = ["my wife", "my husband", "my dad", "my mom", "my teenage son", "my daughter", "my roommate", "my partner", "my grandmother", "a coworker"]
DURATIONS = ["two weeks", "a month", "three months", "six weeks", "about a year", "ten days", "a few days", "two months", "most of the winter", "half a year"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
COLORS = ["white", "black", "charcoal", "sage green", "sand", "chalk", "grey"]

OPENERS = [
    "", "", "", "Bought the {short} for my {room}.", "Got this for {person}.", "I've had the {short} for {duration} now.",
    "Second Tidewell purchase.", "Ordered the {short} on sale for {price}.", "Replaced an old {category} with this one.",
    "Picked up the {color} one.", "Upgraded from a cheaper {category}.", "Gift for {person}, who uses it daily.",
    "Been using it in the {room} for {duration}.", "Long-time customer, first {category}.",
]
POSITIVE = [
    "Setup took maybe {minutes} minutes, and the app walked me through every step.",
    "Honestly the best {category} I've owned, and I've tried a few.",
    "It just works, every single day, no fuss.",
    "Build quality feels premium for {price}.",
    "Looks great in the {room}, and {person} loves it too.",
    "Delivery was a day early, which was a nice surprise.",
    "Support answered my question within minutes and actually solved it.",
    "Quiet enough that I forget it's running.",
    "Worth every penny, no regrets.",
    "The app is clean, fast, and doesn't nag you.",
    "Exceeded my expectations, especially for the price.",
    "Firmware updates keep making it better, which I didn't expect.",
    "Feels sturdy, and nothing rattles or creaks.",
    "The {color} finish matches my decor perfectly.",
    "Works flawlessly with the rest of my Tidewell stuff.",
    "I was skeptical, but it won me over in the first week.",
    "Packaging was minimal and recyclable, love that.",
    "Simple, reliable, and well designed.",
    "{person_cap} asked where I got it, so that says a lot.",
    "After {duration} it still works like new.",
    "The instructions were clear, a rare thing these days.",
    "Exactly as described, and then some.",
]
POSITIVE_SPECIFIC = {
    "smart speaker": ["Sound is rich and fills the whole {room}.", "It hears me from across the room, even with music playing."],
    "wireless earbuds": ["They stay put during runs, and the sound is crisp.", "Battery easily gets me through a full workday of calls."],
    "robot vacuum": ["Picks up dog hair like a champ.", "It cleans under the couch better than I ever did."],
    "air purifier": ["My allergies have noticeably calmed down.", "The air feels fresher within an hour of turning it on."],
    "smart thermostat": ["Our heating bill dropped the first month.", "The schedule learned our routine in about a week."],
    "smart bulb": ["Colors are vivid, and the warm white is genuinely warm.", "Scheduling the lights to fade up in the morning is wonderful."],
    "power bank": ["Charged my laptop and phone on a long flight with juice to spare.", "Charges my phone four times before it needs a top-up."],
    "fitness tracker": ["Sleep tracking is surprisingly accurate.", "Battery lasts well over a week for me."],
    "webcam": ["Colleagues immediately noticed how sharp my video looked.", "Auto framing is smooth and not distracting."],
    "electric kettle": ["Boils fast, and the temperature presets are perfect for green tea.", "Keep-warm mode is a game changer in the morning."],
    "space heater": ["Heats my {room} in a few minutes.", "Gentle heat, and the tip-over switch gives me peace of mind."],
    "desk lamp": ["The light is even, with no flicker, and easy on the eyes.", "Love being able to switch to warm light in the evening."],
    "standing desk": ["Motor is smooth and quiet, and it's rock solid at standing height.", "Assembly was straightforward with two people."],
    "water filter": ["Tap water finally tastes clean.", "The filter indicator takes the guesswork out."],
    "compact fridge": ["Keeps drinks properly cold and it's nearly silent.", "Fits perfectly under my desk."],
    "smart scale": ["Syncs instantly and the trends are motivating.", "Recognizes each of us automatically."],
}
NEGATIVE = [
    "Stopped working after {duration}, and I'm not impressed.",
    "The app keeps logging me out, which is infuriating.",
    "Setup failed three times before it finally connected.",
    "Feels cheap, with plastic that creaks when you touch it.",
    "Arrived with a cracked corner and a dented box.",
    "Customer support took {days} days to reply, and the answer didn't help.",
    "Way too loud for a {room}.",
    "Not worth {price}, honestly.",
    "Disconnects from Wi-Fi constantly.",
    "The manual is useless, with vague diagrams and no troubleshooting.",
    "Returned it after a week; total disappointment.",
    "Worked for a few days, then started glitching nonstop.",
    "The {color} color looks nothing like the photos.",
    "Every firmware update seems to break something new.",
    "Overpriced and underwhelming.",
    "I regret this purchase, plain and simple.",
    "It smells like burning plastic, even after a week.",
    "Buttons are mushy and unresponsive.",
    "Shipping took almost two weeks, and tracking never updated.",
    "Mine died the day after the return window closed.",
    "The replacement had the exact same problem.",
    "Constant notifications from the app, and I can't turn half of them off.",
]
NEGATIVE_SPECIFIC = {
    "smart speaker": ["Sound is tinny and distorts at half volume.", "It ignores the wake word half the time."],
    "wireless earbuds": ["The left bud keeps dropping out.", "They fall out of my ears constantly."],
    "robot vacuum": ["It gets stuck under the same chair every single day.", "Misses entire corners and never finds its dock."],
    "air purifier": ["The fan whines on every setting.", "The air quality light is red no matter what."],
    "smart thermostat": ["It reboots randomly and the house gets cold.", "Needed a C-wire I didn't have, and that wasn't clear."],
    "smart bulb": ["Two of the four bulbs won't stay connected.", "They flicker badly when dimmed."],
    "power bank": ["Gets uncomfortably hot while charging.", "Barely charges my phone twice."],
    "fitness tracker": ["Heart rate readings are all over the place.", "The strap gave me a rash within days."],
    "webcam": ["Image is grainy unless the room is brightly lit.", "It randomly drops to 720p in calls."],
    "electric kettle": ["The lid leaks when pouring.", "Shuts off before the water actually boils."],
    "space heater": ["Trips the breaker every time it's on high.", "It barely warms a small room."],
    "desk lamp": ["It flickers at low brightness and gives me a headache.", "The arm droops and won't hold its position."],
    "standing desk": ["It wobbles badly at standing height.", "One leg moves slower than the other."],
    "water filter": ["The filter clogs and takes forever to drain.", "Black specks in the water even after flushing."],
    "compact fridge": ["It freezes everything on the top shelf.", "Hums so loudly I can't sleep."],
    "smart scale": ["My weight jumps by two pounds between readings.", "It keeps assigning my weight to my husband."],
}
NEUTRAL = [
    "Arrived on {weekday}, packaging intact.", "I bought it to replace an older {category}.",
    "Haven't used it long enough to judge yet.", "It's the {color} version, same as the listing.",
    "It comes with a quick start card and a cable.", "It does what the description says.",
    "Took about {minutes} minutes to set up.", "I use it mostly in the {room}.",
    "Will update this review after a month.", "It's about the size I expected.",
    "I use the app to control it, sometimes the buttons.", "Bought during the holiday sale.",
    "It's a {category}, nothing more and nothing less.", "Ordered two, one for {person}.",
    "The box was smaller than I thought.", "Firmware updated itself the first night.",
    "Price was {price} when I bought it.", "It fits on a standard shelf.",
    "Not sure yet how it compares to my old one.", "It runs on the standard setting most of the day.",
    "{person_cap} set it up, I just use it.", "Delivered by {carrier}.",
    "Same model my neighbor has.", "It's the newer revision, according to the box.",
]
NEUTRAL_CLOSERS = ["", "", "We'll see how it holds up.", "More thoughts later.", "No strong opinion yet.", "Time will tell."]
POSITIVE_CLOSERS = ["", "", "", "Would buy again.", "Highly recommend!", "5 stars.", "Ten out of ten.", "Buying another for {person}.", "Very happy."]
NEGATIVE_CLOSERS = ["", "", "", "Returning it.", "Would not recommend.", "Save your money.", "1 star.", "Avoid.", "Very disappointed."]
MIXED_CLOSERS = ["", "", "3 stars.", "Still on the fence.", "Decent, with caveats.", "Good, not great.", "Mixed feelings overall."]
MIXED_JOINS = ["{pos} But {neg_l}", "{pos} However, {neg_l}", "{neg} That said, {pos_l}", "{pos} On the other hand, {neg_l}", "{pos} Unfortunately, {neg_l}"]
QUOTED = [
    'The box says "easy setup", and for once that was true.',
    'The listing called it "whisper quiet", which is a stretch.',
    '{person_cap} calls it "the gadget", but uses it every day.',
    'Support told me it was "working as designed", okay then.',
    'The app has a "quick start" mode, which I skipped.',
    'It says "premium build" on the box, and it feels like it.',
]
QUOTED_CLASS = ["positive", "negative", "neutral", "negative", "neutral", "positive"]


def _slots(r, p):
    person = r.choice(PEOPLE)
    return dict(short=p["short"], category=p["category"], room=r.choice(ROOMS), person=person, person_cap=person[0].upper() + person[1:],
                duration=r.choice(DURATIONS), weekday=r.choice(WEEKDAYS), color=r.choice(COLORS), price=p["price"],
                minutes=str(r.randrange(3, 25)), days=str(r.randrange(3, 15)), carrier=r.choice(["UPS", "FedEx", "USPS"]))


def _lower_first(text):
    return text[0].lower() + text[1:] if text[:2] != "I " and not text.startswith("I'") else text


def _review(r, label):
    p = r.choice(PRODUCTS)
    slots = _slots(r, p)
    pos = POSITIVE + POSITIVE_SPECIFIC[p["category"]] * 3
    neg = NEGATIVE + NEGATIVE_SPECIFIC[p["category"]] * 3
    parts = [r.choice(OPENERS)]
    strength = 0
    if label == "positive":
        n = r.choices([1, 2, 3], weights=[35, 45, 20])[0]
        parts += r.sample(pos, n)
        strength = n
        closer = r.choice(POSITIVE_CLOSERS)
        strength += bool(closer)
        parts.append(closer)
    elif label == "negative":
        n = r.choices([1, 2, 3], weights=[35, 45, 20])[0]
        parts += r.sample(neg, n)
        strength = n
        closer = r.choice(NEGATIVE_CLOSERS)
        strength += bool(closer)
        parts.append(closer)
    elif label == "neutral":
        parts += r.sample(NEUTRAL, r.choice([1, 2, 2, 3]))
        parts.append(r.choice(NEUTRAL_CLOSERS))
    else:
        a, b = r.choice(pos), r.choice(neg)
        parts.append(r.choice(MIXED_JOINS).format(pos=a, neg=b, pos_l=_lower_first(a), neg_l=_lower_first(b)))
        parts.append(r.choice(MIXED_CLOSERS))
    if r.random() < 0.08:
        # A quoted phrase, only where its tone fits the label.
        fitting = [q for q, c in zip(QUOTED, QUOTED_CLASS) if c == label or label == "mixed"]
        if fitting:
            parts.insert(len(parts) - 1, r.choice(fitting))
    text = " ".join(x for x in parts if x).format(**slots)
    text = vary(text, r)
    if r.random() < 0.07:
        text = text.lower()
    return text, strength


def build():
    r = rng("classification")
    items = []
    seen = set()
    guard = SimilarityGuard(SIMILARITY_LIMIT)
    for label, count in UNIQUE_COUNTS.items():
        made = 0
        while made < count:
            text, strength = _review(r, label)
            key = canonical(text)
            if key in seen or len(text.split()) < 4 or not guard.admit(text):
                continue
            seen.add(key)
            items.append(dict(text=text, true=label, label=label, strength=strength))
            made += 1
    r.shuffle(items)
    # A few multi-paragraph reviews: a line break between two sentences.
    multiline = r.sample([it for it in items if it["text"].count(". ") >= 2], MULTILINE)
    for it in multiline:
        sentences = it["text"].split(". ")
        cut = r.randrange(1, len(sentences))
        it["text"] = ". ".join(sentences[:cut]) + "." + r.choice(["\n", "\n\n"]) + ". ".join(sentences[cut:])

    flips = []
    for (true, given), n in FLIPS.items():
        # "Clearly" one class: at least two sentiment signals (sentences or closer) of the true class.
        candidates = [it for it in items if it["true"] == true and it["label"] == true and it["strength"] >= 2 and "flip" not in it]
        for it in r.sample(candidates, n):
            it["label"] = given
            it["flip"] = True
            flips.append(it)
    conflicts = []
    used = set()
    for true, other in CONFLICT_PAIRS:
        src = r.choice([it for it in items if it["true"] == true and "flip" not in it and id(it) not in used])
        used.add(id(src))
        copy = dict(text=src["text"], true=true, label=other, copy_of=src)
        src["conflict"] = True
        conflicts.append(copy)
    for copy in conflicts:
        start = items.index(copy["copy_of"]) + 1
        items.insert(r.randrange(start, len(items) + 1), copy)
    for n, it in enumerate(items, 1):
        it["id"] = f"rev-{n:05d}"
    manifest = dict(
        flipped_labels=[dict(id=it["id"], label=it["label"], true_label=it["true"]) for it in items if it.get("flip")],
        texts_with_line_breaks=[it["id"] for it in items if "\n" in it["text"]],
        duplicate_texts_with_conflicting_labels=[dict(id=c["id"], label=c["label"], duplicate_of=c["copy_of"]["id"],
                                                      original_label=c["copy_of"]["label"], true_label=c["true"]) for c in items if "copy_of" in c],
    )
    return items, manifest


def to_csv(items):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "text", "label"])
    for it in items:
        writer.writerow([it["id"], it["text"], it["label"]])
    return out.getvalue()


def check(path, manifest):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == TOTAL and list(rows[0]) == ["id", "text", "label"]
    counts = {label: sum(row["label"] == label for row in rows) for label in LABELS}
    assert sum(counts.values()) == TOTAL
    first = {}
    conflicts = []
    for row in rows:
        key = canonical(row["text"])
        if key in first:
            conflicts.append((row["id"], first[key]["id"]))
            assert first[key]["label"] != row["label"]
        else:
            first[key] = row
    assert sorted(conflicts) == sorted((c["id"], c["duplicate_of"]) for c in manifest["duplicate_texts_with_conflicting_labels"])
    assert len(manifest["flipped_labels"]) == sum(FLIPS.values())
    # Similar texts are expected in short reviews; report the highest similarity between distinct texts.
    unique_rows = [row for row in rows if row["id"] not in {c[0] for c in conflicts}]
    best = most_similar_pairs([row["text"] for row in unique_rows])
    assert max(b[0] for b in best) < SIMILARITY_LIMIT
    with_comma = sum("," in row["text"] for row in rows)
    with_quote = sum('"' in row["text"] for row in rows)
    with_newline = sum("\n" in row["text"] for row in rows)
    assert sorted(row["id"] for row in rows if "\n" in row["text"]) == sorted(manifest["texts_with_line_breaks"])
    assert with_quote > 0 and with_comma > 0
    return dict(label_counts=counts, texts_with_comma=with_comma, texts_with_quote=with_quote,
                texts_with_newline=with_newline, max_jaccard_between_distinct_texts=round(max(b[0] for b in best), 3))

