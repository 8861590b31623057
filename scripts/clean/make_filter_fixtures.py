#!/usr/bin/env python3
"""Builds the parity fixtures that pin Sift's quality filters to datatrove's decisions.

Writes, under Tests/SiftCleanTests/Fixtures/:
  - tokenizer-parity.jsonl: short texts full of the cases word tokenizers disagree on (contractions,
    abbreviations, URLs, e-mails, units, currencies, emoticons, dashes, Unicode quotes), each with the
    words datatrove's `split_into_words` returns for English (spaCy's blank English tokenizer, with
    whitespace tokens stripped) and the sentence count of `split_into_sentences`.
  - filter-parity.jsonl: ~240 generated web-like documents, many of them built to land near a
    threshold, each with datatrove's decision for each filter run alone on the original text, with
    default parameters: GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and
    FineWebQualityFilter. A decision is "keep" or the reason datatrove gives for dropping.

The generator is seeded, so rerunning it reproduces the committed files byte for byte (given the same
datatrove and spaCy versions: datatrove 0.10.1 and spaCy 3.8 were used).

Usage:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install datatrove spacy regex
    /tmp/venv/bin/python scripts/clean/make_filter_fixtures.py
"""
import json
import os
import random

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)
from datatrove.utils.text import split_into_sentences, split_into_words

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIXTURES = os.path.join(ROOT, "Tests", "SiftCleanTests", "Fixtures")

WORDS = (
    "the of and to in is that for it with as was on be by at this have from or an but not are which "
    "data model training river mountain village history science market city water energy music school "
    "system people world government research student council festival bridge harbor library garden "
    "season recipe engine network forest coast summer winter museum painting theory language company "
    "announced developed described reported observed considered extraordinary internationalization "
    "a I we they she he you its their our new old large small early late first last many few"
).split()
TRICKY = [
    "don't", "can't", "won't", "it's", "I'm", "they're", "we've", "she'd", "y'all", "gonna", "cannot",
    "U.S.", "e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Dr.", "Inc.", "Jan.", "a.m.", "p.m.", "10am", "5pm",
    "3km", "$5", "US$20", "20%", "1,000", "3.14", "12:30", "2+2", "B-52", "well-known", "state-of-the-art",
    "http://example.com/path?q=1", "https://my-site.org/a/b", "www.example.co.uk", "john.doe@example.com",
    "(parenthetical)", "\"quoted\"", "'single'", "“curly”", "‘curly’", "end...", "wait…", "—dash—",
    ":)", ":-(", "<3", "#hashtag", "@user", "C++", "node.js", "file.txt", "e-mail", "x--y", "hello.World",
    "foo,bar", "a/b", "1990s", "O'Neil", "rock'n'roll", "Let's", "LET'S", "ok?!", "(e.g.", "N.Y.", "°C.",
    "5°F.", "AB.", "HELLO.", "5+", "10$", "20€", "¿qué?", "¡hola!", "naïve", "café", "Zürich", "São",
    "[1]", "[edit]", "[citation needed]", "{json}", "<tag>", "x=1", "a:b", "-5", "+44", "...", "?", "!",
    "'tis", "'90s", "ma'am", "o'clock", "•", "-", "→", "©", "™", "😀", "™.", "1.2.3.4", "8.8.8.8", "10.0.0.1",
]
SENT_END = [".", ".", ".", "!", "?", "", "", "...", "…", "\"", ".\"", ":", ";"]


def sentence(rng, n_words=None, tricky=0.08):
    n = n_words or rng.randint(3, 16)
    ws = []
    for _ in range(n):
        ws.append(rng.choice(TRICKY) if rng.random() < tricky else rng.choice(WORDS))
    ws[0] = ws[0][:1].upper() + ws[0][1:]
    return " ".join(ws) + rng.choice(SENT_END)


def tokenizer_texts(rng):
    texts = [t for t in TRICKY]
    for _ in range(260):
        parts = []
        for _ in range(rng.randint(1, 4)):
            parts.append(sentence(rng, rng.randint(2, 10), tricky=0.35))
        sep = rng.choice([" ", "  ", "\n", "\t", " \n ", "\n\n"])
        texts.append(sep.join(parts))
    return texts


def line(rng, kind):
    if kind == "sentence":
        return sentence(rng)
    if kind == "short":
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
    if kind == "bullet":
        return rng.choice(["- ", "• ", "  - "]) + sentence(rng, rng.randint(2, 8))
    if kind == "ellipsis":
        return sentence(rng, rng.randint(3, 10)).rstrip(".!?") + rng.choice(["...", "…"])
    if kind == "hash":
        return "#" + rng.choice(WORDS) + " #" + rng.choice(WORDS)
    if kind == "policy":
        return rng.choice(["Read our privacy policy before you continue.", "This site uses cookies to improve your experience.",
                           "By using it you agree to the terms of use.", "Enable JavaScript to view this page properly."])
    if kind == "lorem":
        return "Lorem ipsum dolor sit amet, consectetur adipiscing elit."
    if kind == "curly":
        return "function f() { return x; }"
    if kind == "numbers":
        return " ".join(str(rng.randint(0, 9999)) for _ in range(rng.randint(3, 12)))
    if kind == "symbols":
        return " ".join(rng.choice(["--", "|", "***", "::", "==", ">>", "##"]) for _ in range(rng.randint(3, 10)))
    if kind == "citation":
        return sentence(rng).rstrip(".") + " [1]."
    raise ValueError(kind)


def document(rng, index):
    style = index % 12
    kinds = ["sentence"] * 8
    if style == 1:
        kinds += ["short"] * rng.randint(2, 12)
    elif style == 2:
        kinds += ["bullet"] * rng.randint(3, 30)
    elif style == 3:
        kinds += ["ellipsis"] * rng.randint(1, 8)
    elif style == 4:
        kinds += ["hash"] * rng.randint(1, 6)
    elif style == 5:
        kinds += ["policy"] * rng.randint(1, 3) + (["lorem"] if rng.random() < 0.3 else []) + (["curly"] if rng.random() < 0.3 else [])
    elif style == 6:
        kinds += ["numbers"] * rng.randint(1, 6) + ["symbols"] * rng.randint(0, 4)
    elif style == 7:
        kinds += ["citation"] * rng.randint(1, 4)
    n_lines = rng.randint(2, 14) if style != 8 else rng.randint(1, 4)
    lines = [line(rng, rng.choice(kinds)) for _ in range(n_lines)]
    if style == 9 and lines:
        # duplicated lines / paragraphs
        for _ in range(rng.randint(1, 6)):
            lines.append(rng.choice(lines))
        rng.shuffle(lines)
    if style == 10:
        # repeated n-grams inside lines
        phrase = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
        lines.append(" ".join([phrase] * rng.randint(2, 8)) + ".")
    if style == 11:
        lines = [sentence(rng, rng.randint(3, 25), tricky=0.25) for _ in range(rng.randint(1, 12))]
    sep_choices = ["\n", "\n", "\n\n", "\n", " "]
    text = ""
    for i, l in enumerate(lines):
        text += l
        if i < len(lines) - 1:
            text += rng.choice(sep_choices)
    if rng.random() < 0.1:
        text = "\n" + text
    if rng.random() < 0.15:
        text += "\n"
    return text


def decision(flt, text):
    result = flt.filter(Document(text=text, id="x"))
    if result is True:
        return "keep"
    if isinstance(result, tuple):
        return result[1]
    return "drop"


def main():
    rng = random.Random(20240611)
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, "tokenizer-parity.jsonl"), "w", encoding="utf-8") as out:
        for text in tokenizer_texts(rng):
            words = list(split_into_words(text))
            sentences = len(split_into_sentences(text))
            out.write(json.dumps({"text": text, "words": words, "sentences": sentences}, ensure_ascii=False) + "\n")

    filters = {
        "gopher-quality": GopherQualityFilter(),
        "gopher-repetition": GopherRepetitionFilter(),
        "c4": C4QualityFilter(),
        "fineweb": FineWebQualityFilter(),
    }
    with open(os.path.join(FIXTURES, "filter-parity.jsonl"), "w", encoding="utf-8") as out:
        for i in range(240):
            text = document(rng, i)
            decisions = {name: decision(f, text) for name, f in filters.items()}
            out.write(json.dumps({"id": f"doc-{i:03d}", "text": text, "datatrove": decisions}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
