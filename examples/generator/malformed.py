"""malformed.jsonl: one line per kind of bad input a JSON Lines reader meets in practice. Written
as raw bytes (invalid UTF-8 cannot be written as text). Each entry: bytes without the line
terminator, expected outcome, and what the line exercises."""

import json

BOM = b"\xef\xbb\xbf"

# (bytes, outcome, description); outcome is "record", "blank" or "malformed".
LINES = [
    (BOM + b'{"id": "m-01", "text": "First record, preceded by a UTF-8 byte-order mark."}', "record",
     "UTF-8 byte-order mark (EF BB BF) before a valid object at the start of the file"),
    (b'{"id": "m-02", "text": "A normal record with a label.", "label": "neutral"}', "record", "valid object"),
    (b'{"id": "m-03", "text": "Trailing comma after the last field",}', "malformed", "invalid JSON: trailing comma before the closing brace"),
    (b"{'id': 'm-04', 'text': 'Single quotes are not JSON'}", "malformed", "invalid JSON: single-quoted strings (a Python dict repr)"),
    (b"", "blank", "empty line"),
    (b'{"id": "m-06", "text": "Valid record after a blank line."}', "record", "valid object"),
    (b'{"id": "m-07", "text": "Caf\xe9 au lait, written in Latin-1"}', "malformed", "invalid UTF-8: byte E9 (Latin-1 e-acute) inside a string"),
    (b'["m-08", "a JSON array instead of an object"]', "malformed", "valid JSON, but an array instead of an object"),
    (b'{id: "m-09", "text": "Unquoted key"}', "malformed", "invalid JSON: unquoted key"),
    ('{"id": "m-10", "text": "Non-ASCII is fine: Ünïcödé, 東京, emoji 🙂, escaped \\u00e9"}'.encode("utf-8"), "record",
     "valid object with multi-byte UTF-8 characters (2, 3 and 4 bytes) and a \\u escape"),
    (b'{"id": "m-11", "text": "Missing closing brace"', "malformed", "invalid JSON: object not closed"),
    (b'"just a string"', "malformed", "valid JSON, but a string instead of an object"),
    (b'{"id": "m-13", "text": "Nested metadata is fine", "meta": {"tags": ["faq", "billing"], "score": 0.5}}', "record",
     "valid object with a nested object and array"),
    (b'{"id": "m-14", "text": "Stray continuation bytes \x80\xbf here"}', "malformed", "invalid UTF-8: continuation bytes 80 BF without a lead byte"),
    (b" \t ", "blank", "whitespace-only line (spaces and a tab)"),
    (b'{"id": "m-16a", "text": "Two objects"} {"id": "m-16b", "text": "on one line"}', "malformed",
     "invalid JSON Lines: two objects on one line (trailing content after the first value)"),
    (b'{"id": "m-17", "text": "Windows line ending"}\r', "record", "valid object ending in CR LF"),
    (b"null", "malformed", "valid JSON, but null instead of an object"),
    (b'{"id": "m-19", "score": NaN}', "malformed", "invalid JSON: NaN is not a JSON number (RFC 8259), though some parsers accept it"),
    (b'{"id": "m-20", "text": "Last complete record."}', "record", "valid object"),
    (b'{"id": "m-21", "text": "This last line is cut off in the mid', "malformed", "truncated last line: no closing quote or brace, and no final newline"),
]


def content():
    """The file: every line ends in LF except the last, which has no terminator."""
    return b"\n".join(line for line, _, _ in LINES)


def _outcome(raw, first):
    if first and raw.startswith(BOM):
        raw = raw[len(BOM):]
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    if not raw.strip(b" \t"):
        return "blank"
    try:
        text = raw.decode("utf-8")

        def reject(constant):
            raise ValueError(f"{constant} is not JSON")
        value = json.loads(text, parse_constant=reject)
    except (UnicodeDecodeError, ValueError):
        return "malformed"
    return "record" if isinstance(value, dict) else "malformed"


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data.startswith(BOM) and not data.endswith(b"\n")
    lines = data.split(b"\n")
    assert len(lines) == len(LINES)
    outcomes = [_outcome(raw, i == 0) for i, raw in enumerate(lines)]
    assert outcomes == [outcome for _, outcome, _ in LINES], outcomes
    return {kind: outcomes.count(kind) for kind in ("record", "blank", "malformed")}
