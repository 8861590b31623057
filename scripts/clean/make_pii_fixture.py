#!/usr/bin/env python3
"""Builds Tests/SiftCleanTests/Fixtures/pii-labelled.jsonl, the labelled set `sift pii` is measured on.

Each line is {"text": ..., "entities": [{"type": ..., "value": ...}]}: every piece of personal data or
secret in the text, with the exact characters a detector should report. Positives are generated valid
(Luhn-valid cards with real issuer prefixes, IBANs with correct mod-97 check digits, SSNs outside the
never-issued ranges) and placed in varied contexts (prose, logs, JSON, code, config, signatures). Hard
negatives are the look-alikes that trip naive patterns: Luhn-invalid and wrong-issuer card-like
numbers, IBANs with a wrong check digit, never-issued SSNs, version strings (1.2.3.4), dates, times,
order and invoice numbers, UUIDs, ISBNs, MAC addresses, C++ scopes, image names like icon@2x.png,
prices, and credential placeholders (<your password>, ${TOKEN}, os.environ[...]).

Seeded: rerunning reproduces the committed file. Usage: python3 scripts/clean/make_pii_fixture.py
"""
import json
import os
import random
import string

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "Tests", "SiftCleanTests", "Fixtures", "pii-labelled.jsonl")

FIRST = ["jane", "john", "maria", "li", "ahmed", "olga", "pierre", "sofia", "kenji", "amara", "lucas", "emma"]
LAST = ["doe", "smith", "garcia", "wang", "hassan", "ivanova", "dupont", "rossi", "tanaka", "okafor", "silva", "jones"]
DOMAINS = ["example.com", "example.org", "mail.co.uk", "sub.domain.io", "uni-berlin.de", "company.fr", "startup.ai", "post.example.net"]


def luhn_complete(prefix, length, rng):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(rng.randint(0, 9))
    for check in range(10):
        candidate = digits + [check]
        total = 0
        for i, d in enumerate(reversed(candidate)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return "".join(map(str, candidate))


def luhn_valid(number):
    total = 0
    for i, d in enumerate(reversed([int(c) for c in number])):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def group(number, sizes, sep):
    out, i = [], 0
    for size in sizes:
        out.append(number[i:i + size])
        i += size
    return sep.join(out)


def card(rng):
    kind = rng.choice(["visa", "mc", "mc2", "amex", "discover"])
    if kind == "visa":
        number, sizes = luhn_complete("4" + str(rng.randint(0, 99999)).zfill(5), 16, rng), [4, 4, 4, 4]
    elif kind == "mc":
        number, sizes = luhn_complete(str(rng.randint(51, 55)), 16, rng), [4, 4, 4, 4]
    elif kind == "mc2":
        number, sizes = luhn_complete(str(rng.randint(2221, 2720)), 16, rng), [4, 4, 4, 4]
    elif kind == "amex":
        number, sizes = luhn_complete(rng.choice(["34", "37"]), 15, rng), [4, 6, 5]
    else:
        number, sizes = luhn_complete("6011", 16, rng), [4, 4, 4, 4]
    style = rng.choice(["plain", "space", "dash"])
    if style == "plain":
        return number
    return group(number, sizes, " " if style == "space" else "-")


def bad_card(rng):
    while True:
        number = "4" + "".join(rng.choice(string.digits) for _ in range(15))
        if not luhn_valid(number):
            break
    kind = rng.random()
    if kind < 0.5:
        return group(number, [4, 4, 4, 4], rng.choice([" ", "-"]))
    if kind < 0.75:
        return number
    # Luhn-valid but no issuer starts with 9.
    return group(luhn_complete("9" + str(rng.randint(0, 999)).zfill(3), 16, rng), [4, 4, 4, 4], " ")


IBAN_FORMATS = {"DE": (18, "n"), "GB": (18, "GB"), "FR": (23, "n"), "NL": (14, "NL"), "ES": (20, "n"), "IT": (23, "IT"), "BE": (12, "n"), "CH": (17, "n")}


def iban_check(country, bban):
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return 98 - int(numeric) % 97


def iban(rng, valid=True):
    country = rng.choice(sorted(IBAN_FORMATS))
    length, shape = IBAN_FORMATS[country]
    if shape == "GB":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(rng.choice(string.digits) for _ in range(14))
    elif shape == "NL":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(rng.choice(string.digits) for _ in range(10))
    elif shape == "IT":
        bban = rng.choice(string.ascii_uppercase) + "".join(rng.choice(string.digits) for _ in range(22))
    else:
        bban = "".join(rng.choice(string.digits) for _ in range(length))
    check = iban_check(country, bban)
    if not valid:
        check = (check + rng.randint(1, 9)) % 97 or 11
    number = f"{country}{check:02d}{bban}"
    if rng.random() < 0.5:
        return " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    return number


def ssn(rng, valid=True):
    if valid:
        area = rng.choice([rng.randint(1, 665), rng.randint(667, 899)])
        return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    return rng.choice(["000", "666", str(rng.randint(900, 999))]) + f"-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def phone(rng):
    kind = rng.choice(["e164_us", "e164_uk", "e164_fr", "e164_de", "e164_in", "e164_compact", "nanp_paren", "nanp_dash", "nanp_dot",
                       "nanp_one", "uk_london", "uk_mobile", "fr_national", "de_national"])
    n = lambda k: "".join(rng.choice(string.digits) for _ in range(k))
    area = str(rng.randint(201, 989))
    exchange = str(rng.randint(200, 999))
    return {
        "e164_us": f"+1 {area} {exchange} {n(4)}",
        "e164_uk": f"+44 20 {rng.randint(7000, 8999)} {n(4)}",
        "e164_fr": f"+33 {rng.randint(1, 9)} {n(2)} {n(2)} {n(2)} {n(2)}",
        "e164_de": f"+49 30 {n(8)}",
        "e164_in": f"+91-{rng.randint(70000, 99999)}-{n(5)}",
        "e164_compact": f"+{rng.choice(['1', '44', '61', '81'])}{rng.randint(2, 9)}{n(9)}",
        "nanp_paren": f"({area}) {exchange}-{n(4)}",
        "nanp_dash": f"{area}-{exchange}-{n(4)}",
        "nanp_dot": f"{area}.{exchange}.{n(4)}",
        "nanp_one": f"1-800-{exchange}-{n(4)}",
        "uk_london": f"020 {rng.randint(7000, 8999)} {n(4)}",
        "uk_mobile": f"07{rng.randint(100, 999)} {n(6)}",
        "fr_national": f"0{rng.randint(1, 9)} {n(2)} {n(2)} {n(2)} {n(2)}",
        "de_national": f"030 {n(8)}",
    }[kind]


def ipv4(rng):
    first = rng.choice([8, 23, 45, 52, 66, 81, 104, 151, 185, 198, 203, 212])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng):
    h = lambda: format(rng.randint(1, 0xFFFF), "x")
    return rng.choice([
        f"2001:db8:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}",
        f"2001:db8:{h()}::{h()}:{h()}",
        f"fe80::{h()}:{h()}:{h()}:{h()}",
        f"2a00:1450:{h()}:{h()}::{h()}",
        f"::ffff:{ipv4(rng)}",
    ])


def secret(rng):
    kind = rng.choice(["aws", "ghp", "glpat", "pem", "assign_py", "assign_env", "assign_json", "assign_yaml"])
    alnum = string.ascii_letters + string.digits
    if kind == "aws":
        value = rng.choice(["AKIA", "ASIA"]) + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16))
        return value, rng.choice([f"aws_access_key_id = {value}", f"export AWS_ACCESS_KEY_ID={value}", f"Key id {value} was rotated."])
    if kind == "ghp":
        value = "ghp_" + "".join(rng.choice(alnum) for _ in range(36))
        return value, rng.choice([f"git clone with token {value} failed", f"use {value} for the API"])
    if kind == "glpat":
        value = "glpat-" + "".join(rng.choice(alnum + "_-") for _ in range(20))
        return value, f"curl --header 'PRIVATE-TOKEN: {value}' https://gitlab.example.com/api/v4/projects"
    if kind == "pem":
        body = "\n".join("".join(rng.choice(alnum + "+/") for _ in range(64)) for _ in range(3))
        label = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY"])
        value = f"-----BEGIN {label}-----\n{body}\n-----END {label}-----"
        return value, f"Here is my key:\n{value}\nplease keep it safe."
    pw = "".join(rng.choice(alnum) for _ in range(rng.randint(8, 16))) + rng.choice(["!", "#", "9", "Z"])
    if kind == "assign_py":
        return pw, rng.choice([f'db = connect(host="db", password="{pw}")', f"API_KEY = '{pw}'", f"client_secret='{pw}'"])
    if kind == "assign_env":
        return pw, rng.choice([f"DB_PASSWORD={pw}", f"export STRIPE_API_KEY={pw}", f"SECRET_KEY={pw}"])
    if kind == "assign_json":
        return pw, rng.choice([f'{{"user": "svc", "password": "{pw}"}}', f'{{"api_key": "{pw}", "region": "eu"}}'])
    return pw, rng.choice([f"database:\n  user: app\n  password: {pw}\n", f"auth_token: {pw}"])


def url_credentials(rng):
    user = rng.choice(FIRST)
    pw = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(6, 12)))
    host = rng.choice(["db.example.com", "cache.internal.example.org", "example.com"])
    scheme = rng.choice(["postgres", "mysql", "https", "redis", "ftp", "mongodb+srv"])
    port = rng.choice(["", ":5432", ":6379", ":21"])
    value = f"{user}:{pw}"
    return value, f"{scheme}://{value}@{host}{port}/app"


def email(rng):
    local = rng.choice([f"{rng.choice(FIRST)}.{rng.choice(LAST)}", f"{rng.choice(FIRST)}_{rng.choice(LAST)}",
                        f"{rng.choice(FIRST)}{rng.randint(1, 99)}", f"{rng.choice(FIRST)}+news", rng.choice(FIRST)])
    return f"{local}@{rng.choice(DOMAINS)}"


POSITIVE_TEMPLATES = {
    "email": ["Contact {} for details.", "Send the report to <{}> by Friday.", "(email: {})", 'user = {{"email": "{}"}}',
              "Reach me at {}.", "mailto:{}", "From: {} Subject: hello", "cc {}, thanks!"],
    "phone": ["Call me at {} tomorrow.", "Tel: {}", "Our office number is {}.", "phone: {}", "You can reach support on {} any time.",
              "| Jane | {} | London |", "WhatsApp {} please", "Mobile {}, fax none."],
    "credit_card": ["Card number: {}", "charged to {} yesterday", "cc={}", "Payment with {} (exp 12/27) failed.", "my card {} was declined"],
    "iban": ["IBAN: {}", "Please transfer to {} by Monday.", "account {}, BIC DEUTDEFF", "Bankverbindung {}"],
    "us_ssn": ["SSN: {}", "social security number {} on file", "Employee {} was onboarded.", "ssn={}"],
    "ipv4": ["Connection from {} refused", "server at {}:8080", "{} - - [10/Oct/2023:13:55:36] \"GET / HTTP/1.1\" 200", "ping {}", "client_ip={}"],
    "ipv6": ["listening on [{}]:443", "address {} assigned", "from {} port 22", "AAAA record {}"],
}

NEGATIVES = [
    lambda rng: f"Order #{rng.randint(100000000, 999999999)} has shipped.",
    lambda rng: f"Ticket ORD-{rng.randint(2019, 2025)}-{rng.randint(1, 999999):06d} was closed.",
    lambda rng: f"invoice {rng.randint(2019, 2025)}-{rng.randint(1, 99999):05d}",
    lambda rng: f"version {rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}",
    lambda rng: f"pip install requests=={rng.randint(1, 3)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}",
    lambda rng: f"Upgraded to v{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)} today.",
    lambda rng: f"firmware {rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(10, 99)} released",
    lambda rng: f"Released on {rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00.",
    lambda rng: f"Call on {rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} about the contract.",
    lambda rng: f"Due {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2000, 2025)}, paid {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2000, 2025)}.",
    lambda rng: "id " + "-".join(["".join(rng.choice("0123456789abcdef") for _ in range(k)) for k in (8, 4, 4, 4, 12)]),
    lambda rng: f"ISBN 978-{rng.randint(0, 1)}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
    lambda rng: f"ISBN {rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
    lambda rng: f"see 978-{rng.randint(0, 1)}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)} in the catalogue",
    lambda rng: f"Meeting at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} sharp.",
    lambda rng: "MAC " + ":".join(format(rng.randint(0, 255), "02x") for _ in range(6)),
    lambda rng: "std::vector<int> v; std::map<a::b, c> m;",
    lambda rng: f"Card {bad_card(rng)} is not valid.",
    lambda rng: f"Reference {bad_card(rng)}",
    lambda rng: f"IBAN {iban(rng, valid=False)} was rejected.",
    lambda rng: f"SSN {ssn(rng, valid=False)} is not issued.",
    lambda rng: "Use icon@2x.png and logo@3x.jpg for retina screens.",
    lambda rng: "Follow @sift_data and import from @angular/core.",
    lambda rng: "ssh admin@localhost to debug",
    lambda rng: f"Total: ${rng.randint(1, 9)},{rng.randint(100, 999)}.{rng.randint(10, 99)} (incl. {rng.randint(5, 25)}% VAT)",
    lambda rng: f"pi is 3.14159, e is 2.71828 and the zip code is {rng.randint(10000, 99999)}.",
    lambda rng: f"Population {rng.randint(1, 999)},{rng.randint(100, 999)},{rng.randint(100, 999)} in {rng.randint(1990, 2020)}.",
    lambda rng: "password = '<your password here>'",
    lambda rng: "api_key = os.environ['OPENAI_API_KEY']",
    lambda rng: "PASSWORD=${DB_PASSWORD}",
    lambda rng: "password: ********",
    lambda rng: "Password: must be at least eight characters long.",
    lambda rng: "if password == confirm: save()",
    lambda rng: "token = None",
    lambda rng: "Set the secret_key to a random string in production.",
    lambda rng: f"Scores: {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    lambda rng: f"Build {rng.randint(1000, 9999)}.{rng.randint(10, 99)} passed {rng.randint(100, 999)} tests in {rng.randint(1, 59)}.{rng.randint(1, 9)}s",
    lambda rng: f"Coordinates 51.{rng.randint(1000, 9999)}, -0.{rng.randint(1000, 9999)}",
    lambda rng: f"Tracking number 1Z{rng.randint(100000, 999999)}A{rng.randint(10000000, 99999999)}",
    lambda rng: f"Lines {rng.randint(1, 99)}-{rng.randint(100, 199)} of chapter {rng.randint(1, 30)}.",
    lambda rng: "The ratio 16:9 and 4:3 at 1920x1080.",
    lambda rng: f"git checkout {''.join(rng.choice('0123456789abcdef') for _ in range(40))}",
]

FILLER = ["The meeting went well.", "Thanks for your help!", "We shipped the release yesterday.", "Numbers are in the attached sheet.",
          "See the notes below.", "Regards, the team", "I will follow up next week."]

GENERATORS = {
    "email": lambda rng: (email(rng), None),
    "phone": lambda rng: (phone(rng), None),
    "credit_card": lambda rng: (card(rng), None),
    "iban": lambda rng: (iban(rng), None),
    "us_ssn": lambda rng: (ssn(rng), None),
    "ipv4": lambda rng: (ipv4(rng), None),
    "ipv6": lambda rng: (ipv6(rng), None),
    "secret": secret,
    "url_credentials": url_credentials,
}


def positive(rng, kind):
    value, sentence = GENERATORS[kind](rng)
    if sentence is None:
        sentence = rng.choice(POSITIVE_TEMPLATES[kind]).format(value)
    return sentence, [{"type": kind, "value": value}]


def main():
    rng = random.Random(424242)
    records = []
    for kind in GENERATORS:
        for _ in range(60):
            parts, entities = [], []
            for _ in range(rng.randint(1, 2)):
                sentence, found = positive(rng, kind if not entities else rng.choice(list(GENERATORS)))
                parts.append(sentence)
                entities += found
            if rng.random() < 0.5:
                parts.insert(rng.randint(0, len(parts)), rng.choice(FILLER))
            if rng.random() < 0.4:
                parts.append(rng.choice(NEGATIVES)(rng))
            records.append({"text": " ".join(parts), "entities": entities})
    for _ in range(360):
        parts = [rng.choice(NEGATIVES)(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            parts.append(rng.choice(FILLER))
        records.append({"text": " ".join(parts), "entities": []})
    rng.shuffle(records)
    with open(OUT, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
