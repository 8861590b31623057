#!/usr/bin/env python3
"""The studio's HTTP contract in brief, for scripts/smoke.sh: against a running `sift studio serve`
on 127.0.0.1, unauthenticated is 401, a change without the CSRF token 403, a label outside the set
422, and the pilot annotators label every pilot item (the same label per item, so they agree).

  studio_api.py BASE_URL PROJECT NAME=PASSWORD...
"""
import json, sys, urllib.error, urllib.request


def call(base, method, path, body=None, cookie=None, csrf=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", cookie)
    if csrf:
        request.add_header("X-CSRF-Token", csrf)
    try:
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None), response.headers
    except urllib.error.HTTPError as error:
        return error.code, None, error.headers


def expect(what, got, want):
    if got != want:
        print(f"smoke FAILED: studio {what}: HTTP {got}, expected {want}", file=sys.stderr)
        sys.exit(1)


def main():
    base, project, people = sys.argv[1], sys.argv[2], dict(a.split("=", 1) for a in sys.argv[3:])
    expect("unauthenticated next", call(base, "GET", f"/api/projects/{project}/next")[0], 401)
    labelled = 0
    for name, password in people.items():
        status, session, headers = call(base, "POST", "/api/login", {"name": name, "password": password})
        expect(f"sign-in of {name}", status, 200)
        cookie = headers["Set-Cookie"].split(";")[0]
        while True:
            status, item, _ = call(base, "GET", f"/api/projects/{project}/next", cookie=cookie)
            if status == 204:
                break
            expect("next", status, 200)
            path = f"/api/projects/{project}/items/{item['item']}/labels"
            expect("a label without the CSRF token", call(base, "POST", path, {"label": "positive"}, cookie)[0], 403)
            expect("a label outside the set", call(base, "POST", path, {"label": "maybe"}, cookie, session["csrf"])[0], 422)
            label = ["positive", "negative", "neutral"][sum(map(ord, item["item"])) % 3]
            expect("a label", call(base, "POST", path, {"label": label}, cookie, session["csrf"])[0], 201)
            labelled += 1
    print(json.dumps({"labelled": labelled}))


if __name__ == "__main__":
    main()
