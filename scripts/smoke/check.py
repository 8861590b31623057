#!/usr/bin/env python3
"""Shape checks for scripts/smoke.sh: what a command wrote parses, and its counts add up.

  check.py subcommands SIFT             every leaf command path, one per line ("synth qa")
  check.py all-covered SIFT PATH...     fails when a leaf command is missing from PATHs
                                        (PATH as "synth/qa"), so a new command needs a smoke step
  check.py json FILE [KEY=VALUE...]     FILE is one JSON document; top-level keys equal values
  check.py html FILE                    a whole, self-contained HTML document
  check.py jsonl FILE [COUNT] [provenance-model=NAME]
                                        every line is a JSON object; COUNT is a number,
                                        @FILE.json:dotted.path or @OTHER.jsonl (its line count)
  check.py jsonl-sum IN OUT...          lines of IN == the sum of lines of the OUTs
  check.py adds-up FILE.json A B+C...   dotted paths: A == B + C + ...
"""
import json
import re
import subprocess
import sys


def fail(message):
    print(f"smoke FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def subcommands(sift, path=()):
    text = subprocess.run([sift, *path, "--help"], capture_output=True, text=True, check=True).stdout
    names = []
    if "SUBCOMMANDS:" in text:
        for line in text.split("SUBCOMMANDS:", 1)[1].splitlines():
            match = re.match(r"^  ([a-z][a-z0-9-]*)(\s|$)", line)
            if match and match.group(1) != "help":
                names.append(match.group(1))
    if not names:
        return [path] if path else []
    leaves = []
    for name in names:
        leaves += subcommands(sift, (*path, name))
    return leaves


def lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line for line in f.read().split("\n") if line.strip()]
    except FileNotFoundError:
        fail(f"{path} was not written")


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        fail(f"{path} was not written")
    except json.JSONDecodeError as error:
        fail(f"{path} is not JSON: {error}")


def dotted(document, path, source):
    value = document
    for part in path.split("."):
        try:
            value = value[int(part)] if isinstance(value, list) else value[part]
        except (KeyError, IndexError, ValueError):
            fail(f"{source} has no {path}")
    return value


def expected_count(spec):
    if spec.startswith("@") and ":" in spec:
        path, key = spec[1:].split(":", 1)
        return dotted(load_json(path), key, path)
    if spec.startswith("@"):
        return len(lines(spec[1:]))
    return int(spec)


def check_jsonl(path, *specs):
    records = []
    for number, line in enumerate(lines(path), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            fail(f"{path}:{number} is not JSON: {error}")
        if not isinstance(record, dict):
            fail(f"{path}:{number} is not a JSON object")
        records.append(record)
    for spec in specs:
        if spec.startswith("provenance-model="):
            model = spec.split("=", 1)[1]
            for number, record in enumerate(records, 1):
                found = record.get("_sift", {}).get("provenance", {}).get("model")
                if found != model:
                    fail(f"{path}:{number}: provenance model is {found!r}, expected {model!r}")
        else:
            want = expected_count(spec)
            if len(records) != want:
                fail(f"{path} has {len(records)} records, expected {want}")
    if not records:
        fail(f"{path} is empty")


def main(argv):
    verb, args = argv[1], argv[2:]
    if verb == "subcommands":
        for leaf in subcommands(args[0]):
            print(" ".join(leaf))
    elif verb == "all-covered":
        covered = {tuple(p.split("/")) for p in args[1:]}
        missing = [" ".join(leaf) for leaf in subcommands(args[0]) if tuple(leaf) not in covered]
        if missing:
            fail(f"no smoke step runs: {', '.join(missing)} (add one to scripts/smoke.sh)")
    elif verb == "json":
        document = load_json(args[0])
        for assignment in args[1:]:
            key, value = assignment.split("=", 1)
            if str(dotted(document, key, args[0])) != value:
                fail(f"{args[0]}: {key} is {dotted(document, key, args[0])!r}, expected {value}")
    elif verb == "html":
        with open(args[0], encoding="utf-8") as f:
            text = f.read()
        if not text.lstrip().lower().startswith("<!doctype html") or "</html>" not in text[-200:]:
            fail(f"{args[0]} is not a whole HTML document")
        if re.search(r"<(script|link|img)[^>]+(src|href)=\"https?://", text):
            fail(f"{args[0]} loads something from the network")
    elif verb == "jsonl":
        check_jsonl(*args)
    elif verb == "jsonl-sum":
        total = sum(len(lines(path)) for path in args[1:])
        if len(lines(args[0])) != total:
            fail(f"{args[0]} has {len(lines(args[0]))} records but {' + '.join(args[1:])} hold {total}")
    elif verb == "adds-up":
        document = load_json(args[0])
        left = dotted(document, args[1], args[0])
        right = sum(dotted(document, key, args[0]) for key in args[2].split("+"))
        if left != right:
            fail(f"{args[0]}: {args[1]} = {left} but {args[2]} = {right}")
    else:
        fail(f"unknown check {verb}")


if __name__ == "__main__":
    main(sys.argv)
