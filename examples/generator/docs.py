"""rag-docs.jsonl: Tidewell help-center documents for retrieval, with planted freshness and
duplication defects. Product articles are composed from catalog.py; policy articles come from
docs_bank.py; FAQ articles pair the evaluation bank's questions; guides compare products."""

import re
from datetime import date, datetime, timezone

from .catalog import PRODUCTS, PRODUCT_BY_KEY, agree
from .common import (REFERENCE_DATE, canonical, iso_datetime, jaccard, most_similar_pairs,
                     random_datetime, rng, word_shingles)
from .docs_bank import POLICY_DOCS
from .eval_bank import POLICY_QA

BASE_URL = "https://help.tidewell.example"
TOTAL = 300
EXACT_COPIES = 5
NEAR_COPIES = {"boilerplate_header": 5, "boilerplate_footer": 4, "sentence_changed": 4, "sentence_removed": 2}
STALE = 40
UNDATED = {"missing_field": 10, "null": 10}
FUTURE = 3
MIXED_FORMATS = {"slash_mm_dd_yyyy": 5, "dotted_dd_mm_yyyy": 5, "epoch_seconds": 5}
EMPTY_TEXTS = 2
LOREM = {"entire_text": 1, "appended_paragraph": 1}

# Fresh = updated within 365 days of REFERENCE_DATE; margins keep every planted date unambiguous.
FRESH_FROM, FRESH_TO = date(2025, 12, 1), date(2026, 11, 21)
STALE_FROM, STALE_TO = date(2022, 3, 1), date(2025, 11, 1)
FUTURE_FROM, FUTURE_TO = date(2026, 12, 10), date(2027, 7, 1)

HEADERS = ["Archived copy from the previous help center. Some details may be out of date.",
           "This article was migrated from the legacy knowledge base.",
           "Note: this page is a copy kept for reference by the support team."]
FOOTERS = ["Was this article helpful? You can rate it below or contact Tidewell Support from the Help Center.",
           "Still need help? Our support team is available by chat 24 hours a day, 7 days a week."]
LOREM_TEXT = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Integer nec odio. Praesent libero. Sed cursus ante "
              "dapibus diam. Sed nisi. Nulla quis sem at nibh elementum imperdiet. Duis sagittis ipsum. Praesent mauris. "
              "Fusce nec tellus sed augue semper porta. Mauris massa. Vestibulum lacinia arcu eget nulla.")


def _slug(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _a(noun):
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _listing(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _cap(text):
    return text[0].upper() + text[1:]


# --- product articles ---------------------------------------------------------------------------

def _setup(r, p):
    intro = r.choice([
        f"The {p['name']} is {_a(p['category'])} with {p['feature']}. This guide walks you through unpacking it and getting it running for the first time.",
        f"Thanks for choosing the {p['name']}. It offers {p['feature']}. First-time setup takes about ten minutes.",
        f"This article covers the first setup of the {p['name']}, {_a(p['category'])} built around {p['feature']}.",
    ])
    before = [f"In the box you will find {_listing(p['box'])}."]
    if p["power"]:
        before.append(f"{'They are' if p['plural'] else 'It is'} powered by {p['power']}.")
    if p["connectivity"]:
        before.append(f"{'They connect' if p['plural'] else 'It connects'} using {p['connectivity']}.")
    if p["app"]:
        before.append(f"You will need the {p['app']} on a phone with a recent version of iOS or Android, signed in to your Tidewell account.")
    steps = "\n".join(f"{i}. {step}." for i, step in enumerate(p["setup"], 1))
    after = []
    if p["battery"]:
        after.append(f"Battery life is {p['battery']}.")
    if p["charge"]:
        after.append(f"Charging takes {p['charge']}.")
    if p["app"] and p["connectivity"] and "Wi-Fi" in p["connectivity"]:
        after.append(r.choice([f"Once online, the {p['short']} checks for firmware updates every night and installs them automatically.",
                               f"After setup, open the device page in the {p['app']} and check for a firmware update before you start using it."]))
    after.append(r.choice([f"If a step does not work as described, see the troubleshooting article for the {p['short']}.",
                           f"Problems during setup are covered in the {p['short']} troubleshooting guide."]))
    return f"Getting started with the {p['name']}", [intro, " ".join(before), "Setup steps:\n" + steps, " ".join(after)]


def _troubleshooting(r, p):
    intro = r.choice([
        f"This page lists the most common problems reported with the {p['name']} and how to solve them. Work through the steps in order; most issues take only a few minutes to fix.",
        f"Something not right with your {p['short']}? Below are the problems our support team sees most often, what causes them, and what to do.",
    ])
    paragraphs = [intro]
    for symptom, cause, fix in p["issues"]:
        paragraphs.append(r.choice([
            f"If the {p['short']} {symptom}: this usually happens because {cause}. To fix it, {fix}.",
            f"The {p['short']} {symptom}. The usual cause is that {cause}, so {fix}.",
        ]))
    if p["codes"]:
        codes = "\n".join(f"{code}: {meaning}." for code, meaning, _ in p["codes"])
        paragraphs.append(f"The {p['short']} can also report an error code:\n{codes}\nEach code has its own help article with the steps to clear it.")
    paragraphs.append(f"Still stuck? A factory reset clears settings that may be causing the problem: {p['reset']}.")
    paragraphs.append(r.choice([
        f"If none of these steps help, contact Tidewell Support. The {p['short']} is covered by a 1-year limited warranty from delivery, or 2 years for Tidewell Plus members.",
        f"When a problem keeps coming back, start a warranty claim from your order page; the {p['short']} has a 1-year limited warranty (2 years with Tidewell Plus).",
    ]))
    return f"{p['name']}: troubleshooting", paragraphs


def _specifications(r, p):
    lines = [f"{label}: {value}" for label, value in p["specs"]]
    lines.append(f"Weight: {p['weight']}")
    if p["connectivity"]:
        lines.append(f"Connectivity: {p['connectivity']}")
    if p["power"]:
        lines.append(f"Power: {p['power']}")
    if p["battery"]:
        lines.append(f"Battery life: {p['battery']}")
    if p["app"]:
        lines.append(f"App: {p['app']}")
    lines.append(f"Price at launch: {p['price']}")
    return f"{p['name']} specifications", [
        r.choice([f"Technical specifications for the {p['name']}.", f"Full specifications of the {p['short']}, as listed in its manual."]),
        "\n".join(lines),
        f"What is in the box: {_listing(p['box'])}.",
        f"The {p['short']} stands out for {p['feature']}. " + r.choice([
            "Specifications may change slightly between production runs; dimensions and weights are approximate.",
            "Figures are measured in our lab under typical conditions and may vary in your home.",
        ]),
    ]


def _care(r, p):
    intro = r.choice([
        f"A little regular care keeps the {p['name']} working well and looking new for years.",
        f"Follow these steps to keep your {p['short']} clean and in good condition.",
    ])
    paragraphs = [intro, " ".join(p["care"])]
    extra = []
    if p["battery"]:
        extra.append(f"To keep the battery healthy, avoid leaving the {p['short']} in a hot car or in direct sun, and charge it at least every three months when you are not using it.")
    symptom, cause, fix = p["issues"][0]
    extra.append(f"Poor maintenance is a common reason the {p['short']} {symptom}; in that case {fix}.")
    extra.append(f"Damage caused by cleaning products or water beyond the {p['short']}'s rating is not covered by the warranty, so check this page before trying a new cleaning method.")
    paragraphs.append(" ".join(extra))
    return f"Caring for your {p['name']}", paragraphs


def _reset(r, p):
    connected = bool(p["app"]) and bool(p["connectivity"])
    it, them, was, were = ("they", "them", "were", "were") if p["plural"] else ("it", "it", "was", "were")
    erased = ("Wi-Fi details, schedules, and the link to your Tidewell account are erased"
              if connected else "your saved settings and presets are cleared")
    return f"How to factory reset the {p['name']}", [
        f"A factory reset returns the {p['name']} to the state {it} {was} in when {it} left the factory: {erased}. Reset the {p['short']} before you give {them} away, or when a problem does not go away with the normal troubleshooting steps.",
        r.choice([f"For example, if the {p['short']} {p['issues'][1][0]} and the usual fix does not help, a reset is the next step.",
                  f"Resets are often the answer when the {p['short']} {p['issues'][0][0]} even after the recommended fix."]),
        f"To reset {them}, {p['reset']}.",
        (f"After the reset, set the {p['short']} up again in the {p['app']} as if {it} {were} new; {it} will appear as {'new devices' if p['plural'] else 'a new device'}."
         if connected else f"After the reset, the {p['short']} {'are' if p['plural'] else 'is'} ready to use immediately with default settings."),
    ]


def _faq(r, p):
    qa = []
    if p["battery"]:
        qa.append(("How long does the battery last?", f"Battery life is {p['battery']}."))
    if p["charge"]:
        qa.append(("How long does it take to charge?", f"Charging takes {p['charge']}."))
    qa.append((f"Does the {p['short']} need an app?", f"Yes, it works with the {p['app']}, which is free for iOS and Android." if p["app"]
               else f"No, the {p['short']} works on its own without an app or an account."))
    qa.append(("How much does it weigh?", f"The {p['short']} weighs {p['weight']}."))
    qa.append(("What comes in the box?", f"{_cap(_listing(p['box']))}."))
    qa.append(("Is it covered by a warranty?", "Yes, a 1-year limited warranty from delivery, extended to 2 years for Tidewell Plus members."))
    label, value = r.choice(p["specs"])
    qa.append((f"What does the spec sheet say about {label.lower()}?", f"{_cap(value)}."))
    r.shuffle(qa)
    return f"{p['name']}: frequently asked questions", [f"Answers to common questions about the {p['name']}."] + [f"{q}\n{a}" for q, a in qa]


def _release_notes(r, p, version, released, changes):
    connected = bool(p["app"]) and bool(p["connectivity"])
    kind = "firmware" if connected else "product update"
    install = (f"The update installs automatically overnight when the {p['short']} is online. To install it now, open the {p['short']} in the {p['app']} and choose Settings > Firmware > Check for updates."
               if connected else f"These changes are built into units made from {released:%B} {released.day}, {released.year} onward; units bought earlier cannot be updated at home.")
    return f"{p['short']} {kind} {version} release notes", [
        f"Version {version} of the {p['name']} {kind} was released on {released:%B} {released.day}, {released.year}. It contains the following changes:",
        "\n".join(f"- {change}." for change in changes),
        install,
        r.choice([f"If you notice a problem after updating, contact Tidewell Support and mention version {version}.",
                  f"Questions about version {version}? Our support team can check which version your {p['short']} is running."])
        + " " + r.choice(["Your settings, schedules and saved preferences are kept.",
                          "Nothing needs to be set up again afterwards.",
                          "Earlier versions remain supported until the next major release."]),
    ]


def _error_code(r, p, code, meaning, fix, others):
    where = f" or in the {p['app']}" if p["app"] else ""
    paragraphs = [
        f"When the {p['name']} shows {code} on its display{where}, it means {meaning}.",
        f"How to fix it: {fix}.",
        r.choice([f"After fixing the cause, restart the {p['short']}; the code clears by itself if the problem is gone.",
                  f"Once the cause is removed, switch the {p['short']} off and on again and the code should disappear."]),
        f"If {code} keeps returning after you have followed these steps, the {p['short']} may have a hardware fault. Start a warranty claim from your order page; it is covered for 1 year from delivery, or 2 years for Tidewell Plus members.",
    ]
    if others:
        paragraphs.append("Other codes you may see on the " + p["short"] + ": " + "; ".join(f"{c} ({m})" for c, m, _ in others) + ".")
    return f"{p['short']} error {code}: {meaning}", paragraphs


# --- FAQ and guides -----------------------------------------------------------------------------

def _faq_pairs(r):
    by_category = {}
    for category, question, answer in POLICY_QA:
        by_category.setdefault(category, []).append((question, answer))
    policy_titles = [title for _, title, _ in POLICY_DOCS]
    docs = []
    for category, items in by_category.items():
        # Pair the shortest answers with the longest so that every article reaches a useful length.
        items = sorted(items, key=lambda qa: len(qa[0].split()) + len(qa[1].split()))
        groups = [[items[i], items[-1 - i]] for i in range(len(items) // 2)]
        if len(items) % 2:
            groups[-1].append(items[len(items) // 2])
        r.shuffle(groups)
        for group in groups:
            r.shuffle(group)
            title = group[0][0]
            paragraphs = [r.choice(FAQ_SCOPES)] + [f"{q}\n{a}" for q, a in group]
            paragraphs.append("Related articles: " + "; ".join(r.sample(policy_titles, 3)) + ".")
            docs.append(dict(kind="faq", section="faq", source="help-center", title=title, paragraphs=paragraphs))
    return docs


FAQ_SCOPES = [
    "This answer applies to orders placed on the Tidewell website and in the Tidewell apps.",
    "Answers on this page are reviewed regularly by the Tidewell Support team.",
    "These answers cover customers in the United States; international orders may differ where noted.",
    "Quick answers from the Tidewell Help Center. Follow the related articles for the full policy.",
]


GUIDE_INTROS = {
    "speakers": ("Aura Mini or Aura Max: choosing a smart speaker", ["aura-mini", "aura-max"],
                 "Both Aura speakers answer to the same voice assistant and work in multi-room groups, so the choice comes down to the room and how much you care about sound.",
                 "Pick the Aura Mini for a bedroom, kitchen or desk, and the Aura Max when music matters; many customers start with one Max in the living room and add Minis elsewhere."),
    "earbuds": ("Orbit Buds or Orbit Buds Pro: which earbuds suit you?", ["orbit-buds", "orbit-buds-pro"],
                "Our two earbuds share the same fit and app, but they are built for different days: one for the gym and the commute, the other for long flights and open-plan offices.",
                "If you mostly listen at home or during workouts, the Orbit Buds are plenty; if you want quiet on planes and trains, the noise cancelling of the Pro is worth the difference."),
    "vacuums": ("Nimbus R5 or Nimbus R7: picking a robot vacuum", ["nimbus-r5", "nimbus-r7"],
                "A robot vacuum saves the most time when it matches your floors and your layout. Here is how our two models compare in everyday use.",
                "Smaller homes with mostly one floor type do well with the R5; larger homes, multiple floors or a need to mop point to the R7."),
    "purifiers": ("AirPure 300 or AirPure 600: sizing an air purifier", ["airpure-300", "airpure-600"],
                  "The right purifier is the one that can clean the air in your room several times an hour. Room size matters more than any other feature.",
                  "Measure the room before you buy: up to about 35 square metres, the AirPure 300 is enough; open-plan spaces and living rooms up to 70 square metres need the AirPure 600."),
    "office": ("Setting up a comfortable home office", ["vista-4k", "lumen-lamp", "atlas-desk"],
               "Working from home is easier on your back, your eyes and your colleagues when the desk, the light and the camera are right. These three products cover the basics.",
               "Set the desk so your elbows rest at 90 degrees, put the lamp on the side opposite your writing hand, and place the camera at eye level with the light in front of you, not behind."),
    "travel": ("A travel tech checklist", ["volt-20k", "orbit-buds-pro", "pulse-band"],
               "A few small devices make long journeys much more pleasant. Here is what our support team packs, and what to check before you fly.",
               "Charge everything the night before, keep the power bank in your carry-on, and download playlists and maps for offline use before you leave home."),
    "winter": ("Staying warm and saving energy this winter", ["terra-t2", "ember-heater", "kettle-pro-2"],
               "Heating is the biggest energy cost in most homes during the winter. Smart scheduling and heating only the room you are in make a noticeable difference.",
               "Lower the whole-home temperature by a degree or two with the thermostat, and use a space heater only in the room you occupy, never unattended and never on an extension cord."),
    "kitchen": ("Small appliances for a better kitchen", ["kettle-pro-2", "cascade-pitcher", "frost-fridge"],
                "Good water and a cold drink do not need a kitchen renovation. These three appliances fit on a counter or under a desk.",
                "Descale the kettle and replace the pitcher filter on schedule; both make a bigger difference to taste than any setting."),
    "fitness": ("Tracking your health at home", ["pulse-band", "tempo-scale"],
                "The Pulse Band and the Tempo scale share the Tidewell Fit app, so your activity, sleep and weight trends appear together.",
                "Weigh yourself at the same time of day, barefoot and before breakfast, and wear the band snugly during workouts for the most consistent trends."),
    "lighting": ("Lighting your home with Halo bulbs", ["halo-bulbs", "lumen-lamp"],
                 "Light affects how awake or relaxed you feel. Tunable white bulbs and a good desk lamp let you match light to the time of day.",
                 "Use cooler light during the working day and warm light in the evening; Halo bulbs can shift automatically with a schedule in the app."),
    "wifi": ("Wi-Fi requirements for Tidewell smart home devices", ["nimbus-r5", "nimbus-r7", "halo-bulbs", "terra-t2", "airpure-300"],
             "Most connection problems during setup come down to the Wi-Fi band. Many smart home devices only use 2.4 GHz, which reaches further through walls than 5 GHz but is not always visible on modern routers.",
             "If your router combines both bands under one name and setup fails, turn on a separate 2.4 GHz network temporarily; devices stay connected after you turn it off again."),
    "batteries": ("Looking after rechargeable batteries", ["volt-20k", "orbit-buds", "pulse-band", "nimbus-r5"],
                  "Lithium batteries wear out slowly with every charge cycle, and faster when they are kept hot or completely full for long periods.",
                  "Avoid heat, do not leave devices at 0 percent for weeks, and store anything you will not use for a while at about half charge."),
    "gifts-under-100": ("Gift ideas under $100", ["aura-mini", "orbit-buds", "halo-bulbs", "volt-20k", "pulse-band", "kettle-pro-2"],
                        "Looking for a present that will actually get used? These are the products customers most often buy as gifts, all under $100.",
                        "Choose This is a gift at checkout to include a gift receipt without prices; gifts delivered between November 1 and December 24 can be returned until January 31."),
}


def _guides(r):
    docs = []
    for key, (title, products, intro, outro) in GUIDE_INTROS.items():
        paragraphs = [intro]
        for product_key in products:
            p = PRODUCT_BY_KEY[product_key]
            details = [f"The {p['name']} ({p['price']}) offers {p['feature']}."]
            if p["battery"]:
                details.append(f"Battery life is {p['battery']}.")
            elif p["power"]:
                details.append(f"It runs on {p['power']}.")
            if p["connectivity"]:
                details.append(f"It uses {p['connectivity']}.")
            label, value = r.choice(p["specs"])
            details.append(f"{label}: {value}.")
            paragraphs.append(" ".join(details))
        paragraphs.append(outro)
        docs.append(dict(kind="guide", section="guides", source="blog", title=title, paragraphs=paragraphs))
    docs.append(dict(kind="guide", section="guides", source="blog", title="Getting started with the Tidewell Home app", paragraphs=[
        "The Tidewell Home app controls every connected Tidewell device in one place: speakers, vacuums, purifiers, the thermostat, bulbs, the kettle and the heater. It is free for iOS and Android and works on phones and tablets.",
        "Sign in with the same email and password you use on the Tidewell website, and your devices and orders are linked automatically. Tap Add Device to set up something new; the app finds most devices over Bluetooth and then moves them to your Wi-Fi network.",
        "Group devices into rooms, then create routines: for example, turn on the purifier and dim the Halo bulbs at 10 pm, or start the Nimbus vacuum when everyone has left. Invite household members under Home Settings > Members so they can control devices too.",
        "Firmware updates install overnight. If the app says a device is offline, check its power and your router first; most offline devices reconnect after a restart.",
    ]))
    docs.append(dict(kind="guide", section="guides", source="blog", title="Using Tidewell devices with Alexa and Google Home", paragraphs=[
        "Every Tidewell device that connects to Wi-Fi can also be controlled by voice through Amazon Alexa or Google Home. The voice assistant talks to your Tidewell account, so the device must already be set up in the Tidewell Home app.",
        "In the Alexa app, open Skills, search for Tidewell and choose Enable; in the Google Home app, choose Add, then Works with Google, and pick Tidewell. Sign in with your Tidewell account to link it, and your devices appear automatically.",
        "The assistant uses the names you gave devices in the Tidewell Home app, so short and distinct names such as Bedroom Purifier or Desk Lamp work best. If a device is missing, ask the assistant to discover devices or unlink and relink the Tidewell skill.",
    ]))
    return docs


# --- building and planting ----------------------------------------------------------------------

def _base_documents(r):
    docs = []
    for p in PRODUCTS:
        for make, section, source in ((_setup, "setup", "product-manuals"), (_troubleshooting, "troubleshooting", "help-center"),
                                      (_specifications, "specs", "product-manuals"), (_care, "care", "product-manuals"),
                                      (_reset, "reset", "help-center"), (_faq, "faq", "help-center")):
            title, paragraphs = make(r, p)
            paragraphs = [agree(x, p) for x in paragraphs]
            docs.append(dict(kind=section, section=section, source=source, title=title, paragraphs=paragraphs, product=p["key"]))
        for version, released, changes in p["firmware"]:
            released = date.fromisoformat(released)
            title, paragraphs = _release_notes(r, p, version, released, changes)
            paragraphs = [agree(x, p) for x in paragraphs]
            docs.append(dict(kind="release-notes", section="release-notes", source="release-notes", title=title,
                             paragraphs=paragraphs, product=p["key"], released=released))
        for code, meaning, fix in p["codes"]:
            others = [c for c in p["codes"] if c[0] != code]
            title, paragraphs = _error_code(r, p, code, meaning, fix, others)
            docs.append(dict(kind="error-code", section="error-codes", source="help-center", title=title, paragraphs=paragraphs, product=p["key"]))
    for slug, title, paragraphs in POLICY_DOCS:
        docs.append(dict(kind="policy", section="policies", source="policies", title=title, paragraphs=paragraphs, slug=slug))
    docs += _faq_pairs(r) + _guides(r)
    for d in docs:
        d["text"] = "\n\n".join(d["paragraphs"])
        d["url"] = f"{BASE_URL}/{d['section']}/{d.get('slug') or _slug(d['title'])}"
    return docs


def _fresh_timestamp(r, doc):
    if doc.get("released"):
        day = doc["released"]
        return datetime(day.year, day.month, day.day, 9 + r.randrange(8), r.randrange(60), tzinfo=timezone.utc)
    return random_datetime(r, FRESH_FROM, FRESH_TO)


def build():
    r = rng("rag-docs")
    docs = _base_documents(r)
    base_count = TOTAL - EXACT_COPIES - sum(NEAR_COPIES.values())
    assert len(docs) == base_count, f"{len(docs)} base documents, expected {base_count}"
    assert len({d["url"] for d in docs}) == len(docs)
    for d in docs:
        d["updated"] = _fresh_timestamp(r, d)
        d["updated_at"] = iso_datetime(d["updated"])

    pool = docs[:]
    r.shuffle(pool)

    def take(n, predicate=lambda d: True):
        chosen = [d for d in pool if predicate(d)][:n]
        assert len(chosen) == n
        for d in chosen:
            pool.remove(d)
        return chosen

    length = lambda d: len(d["text"].split())
    not_release = lambda d: d["kind"] != "release-notes"
    def numbered_sentences(d):
        """Prose sentences holding a number: changing that number makes a conflicting near-copy."""
        return [(i, j) for i, p in enumerate(d["paragraphs"]) if "\n" not in p
                for j, s in enumerate(re.split(r"(?<=\.) ", p)) if re.search(r"\d", s)]

    near_sources = []
    for kind, n in NEAR_COPIES.items():
        needs_number = kind == "sentence_changed"
        near_sources += take(n, lambda d: length(d) >= 150 and not_release(d) and (not needs_number or numbered_sentences(d)))
    exact_sources = take(EXACT_COPIES, not_release)
    for d in take(EMPTY_TEXTS, lambda d: d["kind"] == "faq"):
        d["text"] = ""
        d["_plant"] = ("empty_text", {})
    for kind, n in LOREM.items():
        for d in take(n, not_release):
            d["text"] = LOREM_TEXT if kind == "entire_text" else d["text"] + "\n\n" + LOREM_TEXT
            d["_plant"] = ("lorem_ipsum", {"variant": kind})
    for d in take(STALE, not_release):
        d["updated"] = random_datetime(r, STALE_FROM, STALE_TO)
        d["updated_at"] = iso_datetime(d["updated"])
        d["_plant"] = ("stale", {"updated_at": d["updated_at"]})
    for kind, n in UNDATED.items():
        for d in take(n, not_release):
            d["updated_at"] = None if kind == "null" else "__absent__"
            d["_plant"] = ("undated", {"variant": kind})
    for d in take(FUTURE, not_release):
        d["updated"] = random_datetime(r, FUTURE_FROM, FUTURE_TO)
        d["updated_at"] = iso_datetime(d["updated"])
        d["_plant"] = ("future_date", {"updated_at": d["updated_at"]})
    for kind, n in MIXED_FORMATS.items():
        for d in take(n):
            u = d["updated"]
            if kind == "slash_mm_dd_yyyy":
                # A day above 12 keeps MM/DD vs DD/MM unambiguous.
                u = u.replace(day=max(u.day, 13))
                d["updated_at"] = f"{u.month:02d}/{u.day:02d}/{u.year}"
            elif kind == "dotted_dd_mm_yyyy":
                d["updated_at"] = f"{u.day:02d}.{u.month:02d}.{u.year}"
            else:
                d["updated_at"] = int(u.timestamp())
            d["updated"] = u
            d["_plant"] = ("mixed_date_format", {"variant": kind, "updated_at": d["updated_at"], "iso": u.date().isoformat()})

    copies = []
    for i, src in enumerate(exact_sources):
        copy = dict(src, url=src["url"].replace(BASE_URL, BASE_URL + "/en-gb"), _cluster=src,
                    _plant=("exact_copy", {}), source=r.choice(["help-center-mirror", src["source"]]))
        copy["updated"] = _fresh_timestamp(r, copy)
        copy["updated_at"] = iso_datetime(copy["updated"])
        src["_plant"] = ("copy_source", None)
        copies.append(copy)
    kinds = [k for k, n in NEAR_COPIES.items() for _ in range(n)]
    for src, kind in zip(near_sources, kinds):
        paragraphs = src["text"].split("\n\n")
        info = {"edit": kind}
        if kind == "boilerplate_header":
            info["added"] = r.choice(HEADERS)
            text = info["added"] + "\n\n" + src["text"]
        elif kind == "boilerplate_footer":
            info["added"] = r.choice(FOOTERS)
            text = src["text"] + "\n\n" + info["added"]
        elif kind == "sentence_removed":
            prose = [i for i, p in enumerate(paragraphs) if "\n" not in p and p.count(". ") >= 1]
            index = r.choice(prose)
            sentences = re.split(r"(?<=\.) ", paragraphs[index])
            j = r.randrange(len(sentences))
            info["removed"] = sentences.pop(j)
            paragraphs[index] = " ".join(sentences)
            text = "\n\n".join(paragraphs)
        else:
            # The first number in one prose sentence goes up by one: a copy that now contradicts its source.
            index, j = r.choice(numbered_sentences(src))
            sentences = re.split(r"(?<=\.) ", paragraphs[index])
            info["original"] = sentences[j]
            sentences[j] = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), sentences[j], count=1)
            info["changed_to"] = sentences[j]
            paragraphs[index] = " ".join(sentences)
            text = "\n\n".join(paragraphs)
        copy = dict(src, text=text, url=src["url"] + r.choice(["?ref=archive", "-copy", "?v=2"]), _cluster=src,
                    _plant=("near_copy", info))
        copy["updated"] = _fresh_timestamp(r, copy)
        copy["updated_at"] = iso_datetime(copy["updated"])
        src["_plant"] = ("copy_source", None)
        copies.append(copy)

    docs += copies
    r.shuffle(docs)
    position = {id(d): i for i, d in enumerate(docs)}
    for d in list(docs):
        src = d.get("_cluster")
        if src is not None and position[id(d)] < position[id(src)]:
            a, b = position[id(d)], position[id(src)]
            docs[a], docs[b] = docs[b], docs[a]
            position[id(d)], position[id(src)] = b, a

    records = []
    for n, d in enumerate(docs, 1):
        d["id"] = f"doc-{n:03d}"
        rec = dict(id=d["id"], title=d["title"], text=d["text"], url=d["url"], source=d["source"])
        if d["updated_at"] != "__absent__":
            rec["updated_at"] = d["updated_at"]
        records.append(rec)
    return records, _manifest(docs)


def _manifest(docs):
    m = {k: [] for k in ("stale", "undated", "future_dates", "mixed_date_formats", "near_copies", "exact_copies",
                         "empty_texts", "lorem_ipsum")}
    for d in docs:
        kind, info = d.get("_plant", (None, None))
        info = dict(info or {})
        if kind == "stale":
            m["stale"].append(dict(id=d["id"], **info))
        elif kind == "undated":
            m["undated"].append(dict(id=d["id"], **info))
        elif kind == "future_date":
            m["future_dates"].append(dict(id=d["id"], **info))
        elif kind == "mixed_date_format":
            m["mixed_date_formats"].append(dict(id=d["id"], **info))
        elif kind == "near_copy":
            m["near_copies"].append(dict(id=d["id"], near_copy_of=d["_cluster"]["id"], **info))
        elif kind == "exact_copy":
            m["exact_copies"].append(dict(id=d["id"], copy_of=d["_cluster"]["id"]))
        elif kind == "empty_text":
            m["empty_texts"].append(d["id"])
        elif kind == "lorem_ipsum":
            m["lorem_ipsum"].append(dict(id=d["id"], **info))
    return m


# --- self-check ---------------------------------------------------------------------------------

def _parse_date(value):
    """Independent reading of the four formats planted here; returns (date, format) or None."""
    if value is None:
        return None
    if isinstance(value, int):
        return datetime.fromtimestamp(value, tz=timezone.utc).date(), "epoch_seconds"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", value):
        return date.fromisoformat(value[:10]), "iso8601"
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", value):
        month, day, year = map(int, value.split("/"))
        assert day > 12, "slash dates must be unambiguous"
        return date(year, month, day), "slash_mm_dd_yyyy"
    if re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", value):
        day, month, year = map(int, value.split("."))
        return date(year, month, day), "dotted_dd_mm_yyyy"
    raise AssertionError(f"unexpected date {value!r}")


def check(records, manifest):
    ids = lambda key: sorted(x if isinstance(x, str) else x["id"] for x in manifest[key])
    assert len(records) == TOTAL
    assert [d["id"] for d in records] == [f"doc-{n:03d}" for n in range(1, TOTAL + 1)]
    stale, undated, future, mixed = [], [], [], []
    for d in records:
        parsed = _parse_date(d.get("updated_at"))
        if parsed is None:
            undated.append(d["id"])
            continue
        day, fmt = parsed
        age = (REFERENCE_DATE - day).days
        if fmt != "iso8601":
            mixed.append(d["id"])
        if age > 365:
            stale.append(d["id"])
        if age < 0:
            future.append(d["id"])
    assert sorted(undated) == ids("undated")
    assert sum("updated_at" not in d for d in records) == UNDATED["missing_field"]
    assert sorted(stale) == ids("stale"), "stale"
    assert sorted(future) == ids("future_dates")
    assert sorted(mixed) == ids("mixed_date_formats")

    empty = [d["id"] for d in records if not d["text"].strip()]
    assert sorted(empty) == ids("empty_texts")
    lorem = [d["id"] for d in records if "lorem ipsum" in d["text"].lower()]
    assert sorted(lorem) == ids("lorem_ipsum")
    for d in records:
        words = len(d["text"].split())
        if d["id"] not in empty and d["id"] not in lorem:
            assert 80 <= words <= 600, (d["id"], d["title"], words)

    first = {}
    exact = []
    for d in records:
        key = canonical(d["text"])
        if not key:
            continue
        if key in first:
            exact.append((d["id"], first[key]))
        else:
            first[key] = d["id"]
    assert sorted(exact) == sorted((x["id"], x["copy_of"]) for x in manifest["exact_copies"]), "exact copies"

    by_id = {d["id"]: d for d in records}
    near_scores = [jaccard(word_shingles(by_id[x["id"]]["text"]), word_shingles(by_id[x["near_copy_of"]]["text"]))
                   for x in manifest["near_copies"]]
    assert min(near_scores) >= 0.8, min(near_scores)
    members = ({x["id"] for x in manifest["near_copies"]} | {x["near_copy_of"] for x in manifest["near_copies"]} |
               {x["id"] for x in manifest["exact_copies"]} | {x["copy_of"] for x in manifest["exact_copies"]})
    texts = [d["text"] for d in records]
    best = most_similar_pairs(texts)
    others = [best[i][0] for i, d in enumerate(records) if d["id"] not in members and d["text"].strip()]
    assert max(others) < 0.6, max(others)
    return dict(near_copy_min_jaccard=round(min(near_scores), 3), other_max_jaccard=round(max(others), 3))
