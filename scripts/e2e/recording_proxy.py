#!/usr/bin/env python3
"""A pass-through HTTP proxy in front of the real model server that writes down every request it
forwards, so the end-to-end script can prove what Sift sent: how many requests each stage made,
that a finished re-run sends none, and that a resumed run never re-sends a request whose answer it
already has. It changes nothing in either direction.

Usage: recording_proxy.py --upstream http://127.0.0.1:PORT --port-file FILE --log FILE
Each forwarded request is one JSON line in --log: {"path", "status", "seconds", "body"}, with the
request body parsed as JSON and the response's token usage when the server gives it.
"""
import argparse
import json
import os
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "authorization", "accept")}
        request = urllib.request.Request(self.server.upstream + self.path, data=raw, headers=headers, method=self.command)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                status, body, content_type = response.status, response.read(), response.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as error:
            status, body, content_type = error.code, error.read(), error.headers.get("Content-Type", "application/json")
        seconds = time.monotonic() - started
        if raw is not None:
            entry = {"path": self.path, "status": status, "seconds": round(seconds, 3)}
            try:
                entry["body"] = json.loads(raw)
                entry["usage"] = json.loads(body).get("usage")
            except (ValueError, AttributeError):
                entry["body"] = raw.decode("utf-8", "replace")
            with Proxy.lock, open(self.server.log_path, "a") as log:
                log.write(json.dumps(entry) + "\n")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away (the script kills one on purpose); the log already has the request

    do_GET = forward
    do_POST = forward


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True
    server.upstream = args.upstream.rstrip("/")
    server.log_path = args.log
    open(args.log, "a").close()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
