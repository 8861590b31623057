#!/usr/bin/env python3
"""A loopback OpenAI-compatible chat server for the release smoke test (the network double at the
edge Sift does not own). Answers follow Sift's built-in templates deterministically, like the Swift
test suite's ScriptedModel: a list of new tasks, an evolved prompt, a backtranslated instruction, a
judge's grade or a plain answer. With --fail-first-with 429 the first request of each distinct body
gets a 429 with Retry-After: 0 before the real answer, to exercise retries.

Usage: model_double.py --port-file FILE [--fail-first-with 429]
It binds 127.0.0.1 on a free port, writes the port to FILE, and serves until killed. Every request
is appended to FILE.requests (one JSON line per request) so callers can count them.
"""
import argparse
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERBS = ["Explain", "Summarize", "Compare", "Describe", "List", "Outline", "Evaluate", "Classify", "Plan", "Critique"]
TOPICS = ["tidal energy", "sourdough fermentation", "medieval trade routes", "binary search trees", "coral reef bleaching",
          "jazz improvisation", "supply chain risk", "volcanic soil", "password hashing", "urban beekeeping",
          "glacier retreat", "chess openings", "vaccine cold chains", "solar sails", "library cataloguing"]
AUDIENCES = ["a ten-year-old", "a new employee", "a skeptical investor", "a retired engineer", "a busy parent"]
FORMS = ["in three sentences", "as a numbered checklist", "in under 100 words", "with one concrete example", "step by step"]


def pick(items, digest, salt):
    return items[(digest * (salt | 1) >> 7) % len(items)]


def h(text):
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")


def body(prompt):
    for label in ("\nPrompt:\n", "\nText:\n"):
        at = prompt.rfind(label)
        if at >= 0:
            return prompt[at + len(label):]
    return prompt


def answer(prompt):
    digest = h(prompt)
    if "new tasks" in prompt:
        m = re.search(r"\nWrite (\d+)", prompt)
        count = int(m.group(1)) if m else 5
        lines = []
        for i in range(1, count + 1):
            d = h(f"{digest}-{i}")
            lines.append(f"{i}. {pick(VERBS, d, 3)} {pick(TOPICS, d, 5)} for {pick(AUDIENCES, d, 7)} {pick(FORMS, d, 11)}.")
        return "\n".join(lines)
    if prompt.startswith("Rewrite the prompt below"):
        return f"{body(prompt)} Also include {pick(TOPICS, digest, 13)} and explain every step."
    if prompt.startswith("Take inspiration from the prompt below"):
        return f"{pick(VERBS, digest, 17)} {pick(TOPICS, digest, 19)} for {pick(AUDIENCES, digest, 23)} {pick(FORMS, digest, 29)}."
    if prompt.startswith("Below is a text written by a person"):
        return "Write a short explanation of " + " ".join(body(prompt).split()[:4]) + "."
    if prompt.startswith("Translate the text below into English"):
        text = body(prompt)
        return text[len("[pivot] "):] if text.startswith("[pivot] ") else text
    if prompt.startswith("Translate the text below into"):
        return "[pivot] " + body(prompt)
    if prompt.startswith("You are grading"):
        return '{"score": 8, "reason": "clear and correct"}'
    words = re.findall(r"\w+", prompt.lower())[:6]
    return f"Here is a careful answer about {' '.join(words)}: it covers the key facts, gives an example, and ends with a summary."


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def reply(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with Handler.lock:
            attempt = Handler.seen.get(raw, 0)
            Handler.seen[raw] = attempt + 1
            with open(self.server.log_path, "a") as log:
                log.write(json.dumps({"path": self.path, "attempt": attempt}) + "\n")
        if not self.path.endswith("/chat/completions"):
            return self.reply(404, {"error": {"message": "not found"}})
        if self.server.fail_first and attempt == 0:
            return self.reply(self.server.fail_first, {"error": {"message": "slow down"}}, [("Retry-After", "0")])
        request = json.loads(raw)
        user = [m["content"] for m in request["messages"] if m.get("role") == "user"]
        text = answer(user[-1] if user else "")
        prompt_tokens = sum(len(m.get("content", "").split()) for m in request["messages"])
        completion_tokens = len(text.split())
        self.reply(200, {
            "id": "chatcmpl-double", "object": "chat.completion", "model": request.get("model", "double"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--fail-first-with", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.fail_first = args.fail_first_with
    server.log_path = args.port_file + ".requests"
    open(server.log_path, "w").close()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
