#!/usr/bin/env python3
"""An independent labelled evaluation of `sift pii`: values from Faker, contexts with every neighbour.

The project's own fixture (scripts/clean/make_pii_fixture.py) was written by the people who wrote the
detectors. This one takes its values from Faker (a pinned version of the PyPI fake-data library, which
knows nothing of Sift's rules) in 13 locales: its phone numbers, e-mail addresses, IBANs, card numbers
(every network Faker makes, with Mir and UnionPay from its ru_RU and zh_CN providers), IP addresses,
US SSNs, user names and passwords. Each value goes into a sentence (localised phone words where a phone
number is written in the locale's language), wrapped in one of the neighbours text puts around data:
( ) [ ] { } < > " ' , ; : . ! ? « » “ ” （ ） 「 」, tabs, line starts and ends. The negative set is
number-heavy text that is not personal data, also from Faker: dates and times in the locale's formats,
prices, ISBNs, EAN barcodes, versions, order and invoice numbers, tracking numbers, coordinates, UUIDs,
hashes, MAC addresses, postcodes, big numbers with the locale's digit grouping.

A phone number whose writing does not show what it is (bare digits "3420837783", space-only groups
"609 141 777", local numbers "2463.5827": see needs_phone_word) is put only into sentences that say it
is a phone number: without such a word a reader cannot tell it from an order number, an amount or a
decimal either, and Sift does not report those without one (docs/pii.md). Such numbers are also
measured without any phone word, reported apart, and not held to the goals.

The measurement runs the real binary (`sift pii --action hash`) and reads back what it replaced: a found
item is correct when its type and exact text equal a labelled item of the same record.

    pii_eval.py generate --seed 1 [--scale 1.0] --out set.jsonl
    pii_eval.py measure --sift .build/debug/sift --data set.jsonl [--markdown]
    pii_eval.py check --sift .build/debug/sift --seed 12345     (fresh set; exit 1 below the goals)

Goals (issue 21): recall >= 0.97 for every type in every locale, precision >= 0.98 for every type.
"""
import argparse
import collections
import datetime
import hashlib
import ipaddress
import json
import os
import random
import re
import subprocess
import sys
import tempfile

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_BR", "ja_JP"]
TYPES = ["email", "phone", "credit_card", "iban", "us_ssn", "ipv4", "ipv6", "secret", "url_credentials"]
RECALL_GOAL = 0.97
PRECISION_GOAL = 0.98
SALT = "pii-eval"

# Items per locale and type at --scale 1 (us_ssn only in en_US), and negative records per locale.
PER_LOCALE = {"phone": 90, "email": 40, "credit_card": 60, "iban": 40, "ipv4": 40, "ipv6": 40, "secret": 40, "url_credentials": 40, "us_ssn": 80}
NEGATIVES = 100
FIRST_MOMENT = datetime.datetime(1970, 1, 1)
LAST_MOMENT = datetime.datetime(2026, 1, 1)
BARE_NO_WORD = 10

# The neighbours a value is wrapped in: left and right. An empty side is a space.
NEIGHBOURS = [
    ("(", ")"), ("[", "]"), ("{", "}"), ("<", ">"), ('"', '"'), ("'", "'"), ("", ","), ("", ";"), ("", ":"),
    ("", "."), ("", "!"), ("", "?"), ("«", "»"), ("“", "”"), ("（", "）"), ("「", "」"), ("\t", "\t"),
    ("", ""), ("(", "),"), ("[", "]."), ("", "。"), ("", "、"), ("¿", "?"), ("—", "—"),
]

LANGUAGE = {"en": ["en_US", "en_GB", "en_CA", "en_AU", "en_IN"], "de": ["de_DE"], "fr": ["fr_FR"], "es": ["es_ES"], "it": ["it_IT"],
            "nl": ["nl_NL"], "pl": ["pl_PL"], "pt": ["pt_BR"], "ja": ["ja_JP"]}
LANGUAGE_OF = {locale: language for language, locales in LANGUAGE.items() for locale in locales}

# Sentences that say a phone number follows, per language ({} is the number).
PHONE_WORDS = {
    "en": ["Call me on {} after six.", "Phone: {}", "Tel: {}", "My mobile is {} if anything comes up.", "You can reach the office by phone at {} today.",
           "Text me at {} when you land.", "Cell {} (evenings)", "WhatsApp {} for the keys", "Fax {} to the clinic.", "Contact number {} - ask for Sam"],
    "de": ["Telefon: {}", "Tel. {}", "Rufen Sie mich unter {} an.", "Handy {} (abends)", "Sie erreichen uns telefonisch unter {} werktags.", "Mobil: {}", "Fax {} an die Praxis."],
    "fr": ["Téléphone : {}", "Tél. {}", "Appelez-moi au {} demain.", "Mon portable est le {} si besoin.", "Joignable par téléphone au {} en semaine.", "Fax : {}"],
    "es": ["Teléfono: {}", "Tel. {}", "Llámame al {} mañana.", "Mi móvil es {} por si acaso.", "Puede llamar al teléfono {} de lunes a viernes.", "Fax: {}"],
    "it": ["Telefono: {}", "Tel. {}", "Chiamami al {} domani.", "Il mio cellulare è {} per urgenze.", "Ci trovate al telefono {} dal lunedì.", "Fax: {}"],
    "nl": ["Telefoon: {}", "Tel. {}", "Bel me op {} morgen.", "Mijn mobiel is {} voor noodgevallen.", "Telefonisch bereikbaar op {} op werkdagen.", "Fax: {}"],
    "pl": ["Telefon: {}", "Tel. {}", "Zadzwoń pod numer telefonu {} jutro.", "Mój numer komórki to {} w razie czego.", "Kontakt telefoniczny: {}", "Faks: {}"],
    "pt": ["Telefone: {}", "Tel. {}", "Ligue para o telefone {} amanhã.", "Meu celular é {} se precisar.", "WhatsApp {} para combinar.", "Fax: {}"],
    "ja": ["電話: {}", "TEL {}", "携帯 {} までご連絡ください。", "電話番号は {} です。", "お問い合わせは電話 {} まで", "FAX {}"],
}
# Sentences without a phone word: only for numbers whose writing shows what they are.
PHONE_PLAIN = ["Maria Rossi {} — see you Monday.", "Details below: {}", "{} is the new number of the front desk.", "Ask the reception, {} and then press 2.",
               "Reach me: {}", "Signed, Ana Lopes {}", "Numbers changed: {} from now on.", "J. Smith\n{}\nBerlin office"]

EMAIL_CONTEXTS = ["Write to {} for access.", "From: Maria Rossi {}", "{} wrote: thanks!", "cc {} on the thread", "E-Mail: {}", "Contact {} or the desk.",
                  "Reply-To: {}", "mailto:{}", "Send the file to {} today"]
CARD_CONTEXTS = ["Card number {} was declined.", "Paid with {} exp 12/27.", "Karte {} gesperrt.", "carte bancaire {} refusée", "tarjeta {} caducada",
                 "carta {} bloccata", "cartão {} recusado", "カード番号 {} の確認", "card on file: {}", "Refund to {} by Friday."]
IBAN_CONTEXTS = ["IBAN: {}", "Please transfer to {} by Friday.", "Kontonummer {} (Sparkasse)", "virement sur le compte {} effectué", "Bank account {} updated",
                 "IBAN {} - Referenz 2024-118"]
IPV4_CONTEXTS = ["Connection from {} refused.", "server {} down", "ssh admin@{} failed", "client_ip={} status=403", "http://{}:8080/health timed out",
                 "Host {} unreachable since 10:42.", "IP address: {}"]
IPV6_CONTEXTS = ["Connection from {} refused.", "server {} down", "addr {} scope global", "client={} status=200", "Host {} unreachable since 10:42.",
                 "IPv6 address: {}", "http://[{}]:8443/ returned 502"]
SSN_CONTEXTS = ["SSN {} on file.", "Social security number: {}", "Employee {} was onboarded.", "ssn={} verified", "Applicant SSN: {}"]
SECRET_CONTEXTS = ["password = \"{}\"", "DB_PASSWORD='{}'", "\"api_key\": \"{}\"", "export API_TOKEN=\"{}\"", "secret: '{}'", "client_secret = \"{}\""]
URL_CONTEXTS = ["postgres://{}@{}:5432/app", "redis://{}@{}:6379/0", "https://{}@{}/repo.git", "amqp://{}@{}/vhost", "mongodb://{}@{}/db"]

# IBAN lengths of the countries Faker's locales use (SWIFT's IBAN registry).
IBAN_LENGTHS = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "PL": 28, "BR": 29}

CARD_KINDS = [("en_US", "visa13"), ("en_US", "visa16"), ("en_US", "visa19"), ("en_US", "mastercard"), ("en_US", "amex"), ("en_US", "discover"),
              ("en_US", "diners"), ("en_US", "jcb15"), ("en_US", "jcb16"), ("en_US", "maestro"), ("ru_RU", "mir"), ("ru_RU", "unionpay"),
              ("zh_CN", "unionpay")]
# How cards are printed: groups by length (the whole number is always possible too).
CARD_GROUPS = {12: [[4, 4, 4]], 13: [[4, 4, 5], [4, 3, 3, 3]], 14: [[4, 6, 4], [4, 4, 4, 2]], 15: [[4, 6, 5], [4, 4, 4, 3]], 16: [[4, 4, 4, 4]],
               19: [[4, 4, 4, 4, 3]]}


def faker_module():
    try:
        import faker
    except ImportError:
        sys.exit("pii_eval.py needs Faker: pip install faker==40.54.0 (see .ci/run)")
    return faker


def wrap(rng, value, template, text_start=True):
    """The template with the value wrapped in a random neighbour pair; sometimes the value starts or
    ends a line, or (when `text_start`) starts the text."""
    left, right = rng.choice(NEIGHBOURS)
    wrapped = left + value + right
    placement = rng.random()
    if placement < 0.08 and text_start:
        return wrapped + " " + template.replace("{}", "it", 1)
    if placement < 0.16:
        return template.replace("{}", "\n" + wrapped, 1)  # at the start of a line
    if placement < 0.24:
        return template.replace("{}", wrapped + "\n", 1)  # at the end of a line
    return template.replace("{}", wrapped, 1)


def grouped_card(rng, number):
    options = CARD_GROUPS.get(len(number), [])
    if not options or rng.random() < 0.4:
        return number
    sizes = rng.choice(options)
    parts, i = [], 0
    for size in sizes:
        parts.append(number[i:i + size])
        i += size
    return rng.choice([" ", "-"]).join(parts)


def grouped_iban(rng, iban):
    if rng.random() < 0.5:
        return iban
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def needs_phone_word(number):
    """Whether a reader needs a word around the number to know it is a phone number: bare digits,
    digits in space-only groups without a trunk 0 (609 141 777 is also how Polish and French write
    609,141,777), and local numbers of fewer than ten digits (2463.5827 is also a decimal). A `+`,
    brackets, an extension, a trunk 0 with separators, or ten or more digits with hyphens or dots
    (with nine digits or more) show it without one."""
    core = re.sub(r"\s*(x|ext\.?|extension|#)\s*\d+$", "", number, flags=re.IGNORECASE)
    if core != number or re.search(r"[+()]", core):
        return False
    if re.fullmatch(r"\d+", core):
        return True
    if core.startswith("0") and re.search(r"[ ./-]", core) and len(re.sub(r"\D", "", core)) >= 9:
        return False
    return not (len(re.sub(r"\D", "", core)) >= 10 and re.search(r"[.-]", core))


def positives(fake, fakers, rng, locale, scale):
    """(text, entities) pairs for one locale."""
    language = LANGUAGE_OF[locale]
    items = []  # (type, value, template)

    def count(kind):
        return max(1, round(PER_LOCALE[kind] * scale))

    for _ in range(count("phone")):
        number = fake.phone_number()
        sentences = PHONE_WORDS[language] + PHONE_WORDS["en"][:3]
        if not needs_phone_word(number):
            sentences = sentences + PHONE_PLAIN
        items.append(("phone", number, rng.choice(sentences)))
    for _ in range(count("email")):
        items.append(("email", rng.choice([fake.email, fake.free_email, fake.company_email, fake.ascii_email])(), rng.choice(EMAIL_CONTEXTS)))
    for _ in range(count("credit_card")):
        source, kind = rng.choice(CARD_KINDS)
        items.append(("credit_card", grouped_card(rng, fakers[source].credit_card_number(kind)), rng.choice(CARD_CONTEXTS)))
    not_ibans = []
    for _ in range(count("iban")):
        iban = fake.iban()
        if IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
            # Faker's en_IN provider writes GB IBANs one character short: not IBANs (India has none).
            # They go to the negatives, and the item is drawn from the en_GB provider instead.
            not_ibans.append(("Bank ref " + iban + " noted", []))
            iban = fakers["en_GB"].iban()
        items.append(("iban", grouped_iban(rng, iban), rng.choice(IBAN_CONTEXTS)))
    for _ in range(count("ipv4")):
        items.append(("ipv4", rng.choice([fake.ipv4_public, fake.ipv4_private, fake.ipv4])(), rng.choice(IPV4_CONTEXTS)))
    for _ in range(count("ipv6")):
        address = fake.ipv6()
        if rng.random() < 0.3:  # the compressed form of the same address
            address = str(ipaddress.IPv6Address(address))
        items.append(("ipv6", address, rng.choice(IPV6_CONTEXTS)))
    for _ in range(count("secret")):
        value = fake.password(length=rng.randint(10, 24), special_chars=rng.random() < 0.5)
        items.append(("secret", value, rng.choice(SECRET_CONTEXTS)))
    if locale == "en_US":
        for _ in range(count("us_ssn")):
            items.append(("us_ssn", fake.ssn(), rng.choice(SSN_CONTEXTS)))
    records = []
    for kind, value, template in items:
        if kind in ("secret",):
            text = template.replace("{}", value)  # the quotes of the assignment are its neighbours
        else:
            text = wrap(rng, value, template, text_start=kind != "phone")
        records.append((text, [{"type": kind, "value": value}]))
    for _ in range(count("url_credentials")):
        userinfo = fake.user_name() + ":" + fake.password(length=rng.randint(8, 16), special_chars=False)
        template = rng.choice(URL_CONTEXTS)
        host = rng.choice([fake.domain_name(), fake.hostname(), fake.ipv4_private()])
        entities = [{"type": "url_credentials", "value": userinfo}]
        if re.fullmatch(r"[\d.]+", host):
            entities.append({"type": "ipv4", "value": host})
        records.append((wrap(rng, template.format(userinfo, host), "Connect with {} and retry."), entities))
    records += not_ibans[:5]
    # Some records carry two or three items, as contact blocks and logs do.
    rng.shuffle(records)
    merged = []
    i = 0
    while i < len(records):
        take = rng.choice([1, 1, 1, 2, 3])
        group = records[i:i + take]
        i += take
        merged.append((" ".join(text for text, _ in group), [e for _, entities in group for e in entities]))
    return merged


def negatives(fake, rng, locale, scale):
    """Number-heavy text without personal data."""
    date_patterns = {"en_US": "%m/%d/%Y", "en_GB": "%d/%m/%Y", "en_CA": "%Y-%m-%d", "en_AU": "%d/%m/%Y", "en_IN": "%d-%m-%Y", "de_DE": "%d.%m.%Y",
                     "fr_FR": "%d/%m/%Y", "es_ES": "%d/%m/%Y", "it_IT": "%d/%m/%Y", "nl_NL": "%d-%m-%Y", "pl_PL": "%d.%m.%Y", "pt_BR": "%d/%m/%Y",
                     "ja_JP": "%Y年%m月%d日"}
    grouping = {"de_DE": ".", "es_ES": ".", "it_IT": ".", "nl_NL": ".", "pt_BR": ".", "fr_FR": " ", "pl_PL": " "}

    def big():
        n = rng.randint(10**6, 10**10)
        sep = grouping.get(locale, ",")
        if locale == "en_IN":  # lakh grouping: 12,34,56,789
            s = str(n)
            head, tail = s[:-3], s[-3:]
            parts = []
            while len(head) > 2:
                parts.insert(0, head[-2:])
                head = head[:-2]
            return ",".join(([head] if head else []) + parts + [tail])
        return f"{n:,}".replace(",", sep)

    def moment():
        """A date and time from Faker between fixed bounds (its defaults end at now, which would make
        the same seed give a different set tomorrow)."""
        return fake.date_time_between(start_date=FIRST_MOMENT, end_date=LAST_MOMENT)

    pieces = [
        lambda: "on " + moment().strftime(date_patterns[locale]),
        lambda: "at " + moment().strftime("%H:%M:%S"),
        lambda: moment().isoformat(sep=" "),
        lambda: moment().isoformat(),
        lambda: "for " + fake.pricetag(),
        lambda: "ISBN " + fake.isbn13(),
        lambda: "ISBN-10 " + fake.isbn10(),
        lambda: "ISBN " + fake.isbn13().replace("-", ""),
        lambda: "EAN " + fake.ean13(),
        lambda: "barcode " + fake.ean13(),
        lambda: "UPC " + fake.upc_a() if hasattr(fake, "upc_a") else "UPC " + fake.ean8(),
        lambda: "version " + ".".join(str(rng.randint(0, 20)) for _ in range(rng.choice([3, 4]))),
        lambda: "v" + ".".join(str(rng.randint(0, 12)) for _ in range(3)),
        lambda: "release " + ".".join(str(rng.randint(0, 255)) for _ in range(4)),
        lambda: "order #" + str(fake.random_number(digits=rng.randint(6, 12), fix_len=True)),
        lambda: "order " + str(fake.random_number(digits=rng.randint(8, 12), fix_len=True)),
        lambda: "Bestellnummer " + str(fake.random_number(digits=10, fix_len=True)),
        lambda: "invoice INV-" + fake.numerify("####-######"),
        lambda: "ticket " + fake.bothify("??-#####").upper(),
        lambda: "tracking 1Z" + fake.bothify("###??#########").upper(),
        lambda: "tracking " + " ".join(fake.numerify("####") for _ in range(5)) + " " + fake.numerify("##"),
        lambda: "at ({}, {})".format(fake.latitude(), fake.longitude()),
        lambda: "coordinates {}, {}".format(fake.latitude(), fake.longitude()),
        lambda: "id " + fake.uuid4(),
        lambda: "commit " + fake.sha1()[:rng.choice([7, 12, 40])],
        lambda: "md5 " + fake.md5(),
        lambda: "MAC " + fake.mac_address(),
        lambda: "postcode " + fake.postcode(),
        lambda: big() + " visitors",
        lambda: str(rng.randint(1, 99)) + "." + str(rng.randint(0, 99)) + "% of " + big(),
        lambda: "timestamp " + str(int(moment().replace(tzinfo=datetime.timezone.utc).timestamp())),
        lambda: "pages " + str(rng.randint(1, 300)) + "-" + str(rng.randint(301, 900)),
        lambda: "score " + str(rng.randint(0, 9)) + ":" + str(rng.randint(0, 9)),
        lambda: "room " + fake.building_number(),
        lambda: "serial " + fake.bothify("SN-########"),
        lambda: "build " + fake.numerify("##.#.#####.####"),
        lambda: "called on " + moment().strftime(date_patterns[locale]),
        lambda: "the call at " + moment().strftime("%H:%M"),
    ]
    frames = ["Update {} and {}.", "Log: {} then {}", "We noted {}; also {}.", "{} ({})", "Report — {}, {}!", "{}\t{}", "[{}] {}"]
    out = []
    for _ in range(max(1, round(NEGATIVES * scale))):
        frame = rng.choice(frames)
        values = [rng.choice(pieces)() for _ in range(frame.count("{}"))]
        out.append((frame.format(*values), []))
    return out


def bare_without_word(fake, rng, scale):
    """Bare-digit phone numbers in sentences without a phone word: reported apart, not held to the goals."""
    out = []
    tries = 0
    while len(out) < max(1, round(BARE_NO_WORD * scale)) and tries < 500:
        tries += 1
        number = fake.phone_number()
        if needs_phone_word(number):
            out.append((wrap(rng, number, rng.choice(PHONE_PLAIN)), [{"type": "phone", "value": number}]))
    return out


def generate(seed, scale):
    faker = faker_module()
    rng = random.Random(seed)
    fakers = {}
    for source in ["en_US", "en_GB", "ru_RU", "zh_CN"]:
        fakers[source] = faker.Faker(source)
        fakers[source].seed_instance(seed)
    records = []
    for k, locale in enumerate(LOCALES):
        fake = faker.Faker(locale)
        fake.seed_instance(seed * 100 + k)
        for text, entities in positives(fake, fakers, rng, locale, scale) + negatives(fake, rng, locale, scale):
            records.append({"id": f"{locale}-{len(records)}", "locale": locale, "text": text, "entities": entities})
        for text, entities in bare_without_word(fake, rng, scale):
            records.append({"id": f"{locale}-{len(records)}", "locale": locale, "set": "bare_no_word", "text": text, "entities": entities})
    return records


PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE|CREDIT_CARD|IBAN|US_SSN|IPV4|IPV6|SECRET|URL_CREDENTIALS):([0-9a-f]{16})\]")


def pseudonym(value):
    return hashlib.sha256((SALT + value).encode()).hexdigest()[:16]


def found_items(original, rewritten):
    """The (type, text) items sift replaced, read back by aligning its output with the input: each
    placeholder stands for the text between the literal parts around it whose pseudonym it carries."""
    parts = PLACEHOLDER.split(rewritten)
    literals, kinds, digests = parts[0::3], parts[1::3], parts[2::3]
    if not kinds:
        return [], None

    def align(k, pos):
        """Texts of placeholders k... when literal k starts at pos, or None."""
        if not original.startswith(literals[k], pos):
            return None
        pos += len(literals[k])
        if k == len(kinds):
            return [] if pos == len(original) else None
        following = literals[k + 1]
        end = pos + 1
        while end <= len(original):
            end = original.find(following, end) if following else len(original)
            if end < 0:
                return None
            text = original[pos:end]
            if pseudonym(text) == digests[k]:
                rest = align(k + 1, end)
                if rest is not None:
                    return [text] + rest
            if not following:
                return None
            end += 1
        return None

    texts = align(0, 0)
    if texts is None:
        return [], f"could not align {rewritten!r} with {original!r}"
    return [(kind.lower(), text) for kind, text in zip(kinds, texts)], None


def run_sift(sift, records):
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in.jsonl")
        out = os.path.join(tmp, "out.jsonl")
        with open(source, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
        subprocess.run([sift, "pii", source, "--action", "hash", "--salt", SALT, "--out", out], check=True, stdout=subprocess.DEVNULL)
        with open(out, encoding="utf-8") as f:
            rewritten = {}
            for line in f:
                row = json.loads(line)
                rewritten[row["id"]] = row["text"]
    return rewritten


def score(records, rewritten):
    """Counts per (set, type, locale): true positives, false positives, false negatives; and the errors."""
    counts = collections.defaultdict(lambda: [0, 0, 0])
    errors = []
    for r in records:
        group = r.get("set", "main")
        items, problem = found_items(r["text"], rewritten[r["id"]])
        if problem:
            errors.append(problem)
        if group != "main":
            report = errors
            errors = []
        expected = collections.Counter((e["type"], e["value"]) for e in r["entities"])
        for kind, text in items:
            if expected[(kind, text)] > 0:
                expected[(kind, text)] -= 1
                counts[(group, kind, r["locale"])][0] += 1
            else:
                counts[(group, kind, r["locale"])][1] += 1
                errors.append(f"false positive {kind}:{text!r} in {r['text']!r}")
        for (kind, value), left in expected.items():
            if left > 0:
                counts[(group, kind, r["locale"])][2] += left
                errors.append(f"missed {kind}:{value!r} in {r['text']!r}")
        if group != "main":
            errors = report  # what the set apart misses is not an error
    return counts, errors


def ratio(a, b):
    return a / b if b else None


def summarise(counts):
    """Per type (all locales), per (type, locale), for the main set; and the bare-number line."""
    by_type = collections.defaultdict(lambda: [0, 0, 0])
    cells = {}
    bare = [0, 0, 0]
    for (group, kind, locale), (tp, fp, fn) in counts.items():
        if group == "bare_no_word":
            bare[0] += tp
            bare[2] += fn
            continue
        cells[(kind, locale)] = (tp, fp, fn)
        total = by_type[kind]
        total[0] += tp
        total[1] += fp
        total[2] += fn
    return by_type, cells, bare


def failures(by_type, cells):
    problems = []
    for kind, (tp, fp, fn) in by_type.items():
        precision = ratio(tp, tp + fp)
        if precision is not None and precision < PRECISION_GOAL:
            problems.append(f"{kind}: precision {precision:.3f} < {PRECISION_GOAL}")
    for (kind, locale), (tp, fp, fn) in sorted(cells.items()):
        recall = ratio(tp, tp + fn)
        if recall is not None and recall < RECALL_GOAL:
            problems.append(f"{kind} in {locale}: recall {recall:.3f} < {RECALL_GOAL} ({fn} of {tp + fn} missed)")
    return problems


def fmt(value):
    return "-" if value is None else f"{value:.3f}"


def render(by_type, cells, bare, markdown):
    lines = []
    if markdown:
        lines.append("| type | items | found | false alarms | precision | recall | lowest recall (locale) |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in TYPES:
        if kind not in by_type:
            continue
        tp, fp, fn = by_type[kind]
        locale_recalls = [(ratio(c[0], c[0] + c[2]), loc) for (k, loc), c in cells.items() if k == kind and c[0] + c[2] > 0]
        low = min(locale_recalls) if locale_recalls else (None, "-")
        row = [kind, str(tp + fn), str(tp), str(fp), fmt(ratio(tp, tp + fp)), fmt(ratio(tp, tp + fn)), f"{fmt(low[0])} ({low[1]})"]
        lines.append("| " + " | ".join(row) + " |" if markdown else "  ".join(f"{c:>14}" for c in row))
    lines.append("")
    header = ["type"] + LOCALES
    if markdown:
        lines.append("Recall per locale (items in brackets):")
        lines.append("")
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + " --- |" * len(header))
    else:
        lines.append("recall per locale:")
    for kind in TYPES:
        row = [kind]
        for locale in LOCALES:
            c = cells.get((kind, locale))
            row.append("-" if c is None or c[0] + c[2] == 0 else f"{fmt(ratio(c[0], c[0] + c[2]))} ({c[0] + c[2]})")
        lines.append("| " + " | ".join(row) + " |" if markdown else "  ".join(f"{c:>13}" for c in row))
    lines.append("")
    lines.append(f"phone numbers that need a phone word, without one (not held to the goals): {bare[0]} of {bare[0] + bare[2]} found")
    return "\n".join(lines)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--scale", type=float, default=1.0)
    g.add_argument("--out", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--sift", required=True)
    m.add_argument("--data", required=True)
    m.add_argument("--markdown", action="store_true")
    m.add_argument("--errors", type=int, default=30, help="how many errors to print")
    c = sub.add_parser("check")
    c.add_argument("--sift", required=True)
    c.add_argument("--seed", type=int, default=None)
    c.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()

    if args.command == "generate":
        records = generate(args.seed, args.scale)
        with open(args.out, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{len(records)} records, {sum(len(r['entities']) for r in records)} labelled items -> {args.out}")
        return 0
    if args.command == "measure":
        records = load(args.data)
        errors_to_show = args.errors
        markdown = args.markdown
    else:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
        print(f"pii_eval: fresh set, seed {seed} (Faker {faker_module().VERSION})")
        records = generate(seed, args.scale)
        errors_to_show = 30
        markdown = False
    counts, errors = score(records, run_sift(args.sift, records))
    by_type, cells, bare = summarise(counts)
    print(render(by_type, cells, bare, markdown))
    if errors and errors_to_show:
        print(f"\n{len(errors)} errors (first {min(errors_to_show, len(errors))}):")
        for e in errors[:errors_to_show]:
            print("  " + e)
    problems = failures(by_type, cells)
    if args.command == "check":
        if problems:
            print("\nbelow the goals:\n  " + "\n  ".join(problems))
            return 1
        print(f"\nall types and locales meet the goals (recall >= {RECALL_GOAL}, precision >= {PRECISION_GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
