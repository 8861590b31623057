"""Surface variation for composed text: the same answer written by different agents differs in
contractions, word choice and number style. Applied independently per conversation so that two
conversations built from the same template sentences are not near-duplicates of each other.

A rule is (pattern, alternatives). Lowercase patterns match any case and keep the original's
leading capital; patterns starting with a capital match only that exact form."""

import re

RULES = [
    (r"usually", ["usually", "typically", "normally", "generally"]),
    (r"I've", ["I've", "I have"]),
    (r"I'll", ["I'll", "I will"]),
    (r"we'll", ["we'll", "we will"]),
    (r"you'll", ["you'll", "you will"]),
    (r"it's", ["it's", "it is"]),
    (r"don't", ["don't", "do not"]),
    (r"doesn't", ["doesn't", "does not"]),
    (r"isn't", ["isn't", "is not"]),
    (r"aren't", ["aren't", "are not"]),
    (r"can't", ["can't", "cannot"]),
    (r"won't", ["won't", "will not"]),
    (r"there's", ["there's", "there is"]),
    (r"that's", ["that's", "that is"]),
    (r"you're", ["you're", "you are"]),
    (r"haven't", ["haven't", "have not"]),
    (r"Go to", ["Go to", "Head to", "Open"]),
    (r"choose", ["choose", "select", "pick"]),
    (r"right away", ["right away", "immediately", "straight away"]),
    (r"immediately", ["immediately", "right away"]),
    (r"reply here", ["reply here", "reply to this chat", "message us again", "get back to us here"]),
    (r"Make sure", ["Make sure", "Check", "Double-check"]),
    (r"a few", ["a few", "a couple of"]),
    (r"Once", ["Once", "After", "As soon as"]),
    (r"Yes,", ["Yes,", "Sure,", "Absolutely,"]),
    (r"Thanks for", ["Thanks for", "Thank you for"]),
    (r"I'm sorry", ["I'm sorry", "I am sorry", "Sorry"]),
    (r"at no extra cost", ["at no extra cost", "free of charge", "at no charge"]),
    (r"at no cost", ["at no cost", "free of charge"]),
    (r"automatically", ["automatically", "on its own"]),
    (r"In that case", ["In that case", "Then"]),
    (r"order page", ["order page", "order details page"]),
    (r"about(?= \d)", ["about", "around", "roughly"]),
    (r"(\d+) to (\d+) business days", [r"\1 to \2 business days", r"\1-\2 business days", r"\1 to \2 working days"]),
    (r"within", ["within", "within", "in"]),
    (r"If that doesn't help", ["If that doesn't help", "If that does not work", "If the problem remains"]),
    (r"Great", ["Great", "Good", "Wonderful"]),
    (r"the Tidewell Home app", ["the Tidewell Home app", "the Home app", "the Tidewell app"]),
    (r"contact us", ["contact us", "get in touch", "reach out to us"]),
    (r"let us know", ["let us know", "tell us", "drop us a message"]),
    (r"as well", ["as well", "too"]),
    (r"also", ["also", "also", ""]),
    (r"just", ["just", "just", ""]),
    (r"please", ["please", "please", ""]),
    (r"really", ["really", ""]),
    (r"still", ["still", "still", ""]),
]


def _compile(pattern):
    case_sensitive = pattern[0].isupper()
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![\w'])" + pattern + r"(?![\w'])", flags), case_sensitive


COMPILED = [(_compile(p), alts) for p, alts in RULES]


def vary(text, r):
    for (regex, case_sensitive), alternatives in COMPILED:
        def replace(match):
            choice = match.expand(r.choice(alternatives))
            original = match.group(0)
            if not choice and original[:1].isupper():
                return original          # dropping a sentence's first word would leave it lowercase
            if not case_sensitive and original[:1].isupper() and choice:
                choice = choice[0].upper() + choice[1:]
            return choice
        text = regex.sub(replace, text)
    # A dropped optional word leaves a double space (or a space before punctuation) behind.
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" ([,.!?])", r"\1", text)
    return text.strip()
