#!/usr/bin/env python3
"""Generates Sources/SiftClean/Tokenization/EnglishTokenizerTables.swift.

Why: datatrove's Gopher, FineWeb (and, through sentence counting, C4) filters count "words" with
spaCy's blank English tokenizer (`spacy.blank("en")`, assigned to English in datatrove's
tokenizer_assignment.csv). To make Sift's filter decisions agree with datatrove's, Sift implements
the same tokenizer algorithm in Swift (SpacyEnglishTokenizer.swift); this script extracts the DATA
that algorithm needs from an installed spaCy: the character classes its affix rules use, the
single-character prefix/suffix lists, the unit and currency suffixes, the tokenizer exceptions
("don't" -> "do" + "n't"), the sentencizer's punctuation, and datatrove's punctuation sets.

It also checks that spaCy's rule lists still have the shape the Swift code implements by hand
(the multi-character rules), and fails loudly if a new spaCy version changed them.

Usage (spaCy 3.8 and datatrove 0.10 were used for the committed file):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install datatrove spacy
    /tmp/venv/bin/python scripts/clean/generate_english_tokenizer_tables.py > \
        Sources/SiftClean/Tokenization/EnglishTokenizerTables.swift
"""
import re
import sys

import spacy
from spacy.lang import char_classes as cc
from spacy.lang.en import English
from spacy.pipeline import Sentencizer

from datatrove.utils.text import PUNCTUATION_SET, TERMINAL_PUNCTUATION

MAX = 0x110000


def ranges_of(predicate):
    out, start = [], None
    for cp in range(MAX):
        inside = predicate(cp)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, MAX - 1))
    return out


def class_ranges(char_class):
    """Code point ranges a regex character class body (without brackets) matches."""
    rx = re.compile("[" + char_class + "]")
    return ranges_of(lambda cp: bool(rx.fullmatch(chr(cp))))


def class_body(pattern, opener):
    """The body of the first character class opened by `opener` (e.g. "(?<=[") in `pattern`."""
    i = pattern.index(opener) + len(opener)
    j = i
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return pattern[i:j]


def swift_ranges(name, ranges, doc):
    lines = [f"    /// {doc}", f"    static let {name}: [ClosedRange<UInt32>] = ["]
    row = []
    for a, b in ranges:
        row.append(f"0x{a:X}...0x{b:X}")
        if len(row) == 6:
            lines.append("        " + ", ".join(row) + ",")
            row = []
    if row:
        lines.append("        " + ", ".join(row) + ",")
    lines.append("    ]")
    return "\n".join(lines)


def swift_string(s):
    out = []
    for ch in s:
        cp = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif cp < 0x20 or cp == 0x7F or 0x80 <= cp < 0xA0 or ch in "\u2028\u2029":
            out.append("\\u{%X}" % cp)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalars_literal(chars):
    return "[" + ", ".join("0x%X" % ord(c) for c in sorted(chars)) + "]"


def main():
    defaults = English.Defaults
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes

    def literal(p):
        if len(p) == 1:
            return p
        if len(p) == 2 and p[0] == "\\":
            return p[1]
        return None

    icons = cc.LIST_ICONS[0]
    assert icons.startswith("[") and icons.endswith("]")
    prefix_multi = [p for p in prefixes if literal(p) is None and p.strip()]
    assert prefix_multi == ["\\+(?![0-9])", "……", "\\.\\.+", "US\\$", "C\\$", "A\\$", icons], prefix_multi
    prefix_chars = {literal(p) for p in prefixes if literal(p) is not None}

    suffix_multi = [p for p in suffixes if literal(p) is None and p.strip()]
    expected_heads = ["……", "\\.\\.+", icons, "'s", "'S", "’s", "’S", "(?<=[0-9])\\+", "(?<=°[FfCcKk])\\.",
                      "(?<=[0-9])(?:", "(?<=[0-9])(?:km", "(?<=[0-9a-z", "(?<=[A-Z"]
    assert len(suffix_multi) == len(expected_heads), suffix_multi
    for s, head in zip(suffix_multi, expected_heads):
        assert s.startswith(head), (s[:40], head)
    suffix_chars = {literal(p) for p in suffixes if literal(p) is not None}
    currency = suffix_multi[9][len("(?<=[0-9])(?:"):-1].split("|")
    currency = [c.replace("\\", "") for c in currency]
    units = suffix_multi[10][len("(?<=[0-9])(?:"):-1].split("|")
    period_lookbehind = class_body(suffix_multi[11], "(?<=[")
    upper_pair = class_body(suffix_multi[12], "(?<=[")
    assert suffix_multi[12] == "(?<=[" + upper_pair + "][" + upper_pair + "])\\.", suffix_multi[12][-80:]
    assert upper_pair == cc.ALPHA_UPPER

    assert len(infixes) == 8, infixes
    assert infixes[0] == "\\.\\.+" and infixes[1] == "…" and infixes[2] == icons
    assert infixes[3] == "(?<=[0-9])[+\\-\\*^](?=[0-9-])"
    dot_behind = class_body(infixes[4], "(?<=[")
    dot_ahead = class_body(infixes[4], "(?=[")
    assert infixes[4] == "(?<=[" + dot_behind + "])\\.(?=[" + dot_ahead + "])"
    assert infixes[5] == "(?<=[" + cc.ALPHA + "]),(?=[" + cc.ALPHA + "])"
    assert infixes[6] == "(?<=[" + cc.ALPHA + "0-9])(?:-|–|—|--|---|——|~)(?=[" + cc.ALPHA + "])", infixes[6][-60:]
    assert infixes[7] == "(?<=[" + cc.ALPHA + "0-9])[:<>=/](?=[" + cc.ALPHA + "])"

    url = defaults.url_match.__self__.pattern
    tld = class_body(url, "(?:[a-z")
    tld = "a-z" + tld
    assert "(?:[" + tld + "]{2,63}))" in url

    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    specials = []
    for key, substrings in sorted(tokenizer.rules.items()):
        if key.strip() == "" or any(ch.isspace() for ch in key):
            continue
        orths = [s[65] for s in substrings]
        assert "".join(orths) == key, key
        specials.append((key, orths))

    out = []
    out.append("// GENERATED by scripts/clean/generate_english_tokenizer_tables.py from spaCy %s and datatrove's"
               % spacy.__version__)
    out.append("// punctuation sets. Do not edit by hand: rerun the script. spaCy is MIT-licensed; these are the")
    out.append("// facts (character classes, rule lists, tokenizer exceptions) its English tokenizer is defined by.")
    out.append("")
    out.append("enum EnglishTokenizerTables {")
    out.append(swift_ranges("alpha", class_ranges(cc.ALPHA), "spaCy `ALPHA`: letters of the scripts spaCy knows."))
    out.append(swift_ranges("alphaLower", class_ranges(cc.ALPHA_LOWER), "spaCy `ALPHA_LOWER`."))
    out.append(swift_ranges("alphaUpper", class_ranges(cc.ALPHA_UPPER), "spaCy `ALPHA_UPPER`."))
    out.append(swift_ranges("icons", class_ranges(icons[1:-1]), "spaCy `LIST_ICONS`: symbols that are always split off."))
    out.append(swift_ranges("periodSuffixAfter", class_ranges(period_lookbehind),
                            "What may precede a final `.` for it to split off as a suffix."))
    out.append(swift_ranges("infixDotBefore", class_ranges(dot_behind), "What may precede an infix `.` (lower case, quotes)."))
    out.append(swift_ranges("infixDotAfter", class_ranges(dot_ahead), "What may follow an infix `.` (upper case, quotes)."))
    out.append(swift_ranges("urlTopLevelDomain", class_ranges(tld), "Characters of a top-level domain in spaCy's URL pattern."))
    out.append("    /// Characters that split off alone at the start of a token.")
    out.append("    static let prefixCharacters: Set<UInt32> = " + scalars_literal(prefix_chars))
    out.append("    /// Characters that split off alone at the end of a token.")
    out.append("    static let suffixCharacters: Set<UInt32> = " + scalars_literal(suffix_chars))
    out.append("    /// Currency signs split off after a digit (`5$`), longest first.")
    out.append("    static let currencySuffixes: [String] = [" + ", ".join(swift_string(c) for c in sorted(set(currency), key=lambda c: (-len(c), c))) + "]")
    out.append("    /// Units split off after a digit (`10km`), longest first.")
    out.append("    static let unitSuffixes: [String] = [" + ", ".join(swift_string(u) for u in sorted(set(units), key=lambda u: (-len(u), u))) + "]")
    out.append("    /// spaCy's `Sentencizer.default_punct_chars`.")
    out.append("    static let sentenceEndCharacters: Set<UInt32> = " + scalars_literal(set(Sentencizer.default_punct_chars)))
    out.append("    /// datatrove `PUNCTUATION_SET` (utils/text.py): a word made only of these is a symbol, not a word.")
    out.append("    static let punctuation: Set<UInt32> = " + scalars_literal(PUNCTUATION_SET))
    out.append("    /// datatrove `TERMINAL_PUNCTUATION` (utils/text.py): FineWeb's line-ending punctuation.")
    out.append("    static let terminalPunctuation: Set<UInt32> = " + scalars_literal(TERMINAL_PUNCTUATION))
    out.append("    /// spaCy English tokenizer exceptions: a text and the tokens it is split into.")
    out.append("    static let specialCases: [(String, [String])] = [")
    for key, orths in specials:
        out.append("        (" + swift_string(key) + ", [" + ", ".join(swift_string(o) for o in orths) + "]),")
    out.append("    ]")
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
