#!/usr/bin/env python3
"""Load for `sift studio serve`: many concurrent annotators submitting labels over loopback HTTP.

    load.py bench      --sift BIN [--clients 50] [--seconds 20] [--server-cpu 0 --client-cpu 1] [--perf perf.data]
                       [--timeline times.tsv]
    load.py durability --sift BIN [--clients 50] [--annotators 5] [--seconds 30]

bench: label submissions per second and their latency (p50/p99) at N concurrent clients, the
server pinned to one core. Each client is an annotator in a pilot that assigned every item to
everyone, so the clients only POST labels (no queue reads): the figure is submissions.

durability: N clients (connections, signed in as --annotators people in turn, so several
clients of one annotator race for the same queue) take items from the queue (`next`) and label
them for the given time;
then the server is killed with SIGKILL while they are still submitting, restarted, and the
export is checked: every label acknowledged with a 2xx is in it, and no (item, annotator) pair
is there twice. Exits 1 when either fails.

Only loopback (127.0.0.1) is used; every loop is bounded in time.
"""
import argparse, asyncio, json, os, random, signal, subprocess, sys, tempfile, time


class Connection:
    """One keep-alive HTTP/1.1 connection with a minimal response parser."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(self, method, path, body=None, headers=()):
        data = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(data)}"]
        if body is not None:
            head.append("Content-Type: application/json")
        head.extend(f"{k}: {v}" for k, v in headers)
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, chunked, fields = 0, False, {}
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode().partition(":")
            fields.setdefault(name.strip().lower(), value.strip())
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value:
                chunked = True
        if chunked:
            payload = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                payload += chunk[:-2]
        else:
            payload = await self.reader.readexactly(length) if length else b""
        return status, fields, payload

    def close(self):
        if self.writer:
            self.writer.close()


def sift(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)}: exit {result.returncode}\n{result.stderr}")
    return result.stdout


def start_server(binary, db, cpu=None):
    command = [binary, "studio", "serve", "--db", db, "--port", "0"]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if "http://" not in line:
        process.kill()
        sys.exit("server did not start: " + line + process.stderr.read())
    return process, int(line.rsplit(":", 1)[1])


async def login(port, name, password):
    connection = Connection(port)
    await connection.open()
    status, fields, payload = await connection.request("POST", "/api/login", {"name": name, "password": password})
    if status != 200:
        raise SystemExit(f"login {name}: {status} {payload[:200]}")
    cookie = fields["set-cookie"].split(";")[0]
    return connection, [("Cookie", cookie), ("X-CSRF-Token", json.loads(payload)["csrf"])]


def setup(binary, work, annotators, items, pilot):
    db = os.path.join(work, "studio.sqlite")
    sift(binary, "studio", "init", "--db", db)
    passwords = {}
    for k in range(annotators):
        name = f"a{k:02d}"
        passwords[name] = json.loads(sift(binary, "studio", "user", "add", "--db", db, "--name", name, "--role", "annotator", "--json"))["password"]
    passwords["admin"] = json.loads(sift(binary, "studio", "user", "add", "--db", db, "--name", "admin", "--role", "admin", "--json"))["password"]
    data = os.path.join(work, "items.jsonl")
    with open(data, "w") as out:
        for i in range(items):
            out.write(json.dumps({"id": f"i{i}", "text": f"item {i}: " + "lorem ipsum " * 8}) + "\n")
    options = ["--pilot", str(items), "--pilot-annotators", ",".join(n for n in passwords if n != "admin")] if pilot else ["--overlap", "0.1"]
    project = json.loads(sift(binary, "studio", "project", "create", "--db", db, "--name", "load", "--data", data, "--labels", "a,b,c", *options, "--json"))["id"]
    return db, passwords, project


async def bench(args):
    work = tempfile.mkdtemp(prefix="sift-studio-bench-")
    db, passwords, project = setup(args.sift, work, args.clients, args.items, pilot=True)
    server, port = start_server(args.sift, db, args.server_cpu)
    try:
        if args.client_cpu is not None:
            os.sched_setaffinity(0, {args.client_cpu})
        sessions = [await login(port, name, passwords[name]) for name in sorted(passwords) if name != "admin"]
        latencies, timeline, errors = [], [], 0
        deadline = started = None

        async def client(k, connection, headers):
            nonlocal errors
            keys = [f"i{i}" for i in range(args.items)]
            random.Random(k).shuffle(keys)
            for key in keys:
                if time.perf_counter() > deadline:
                    return
                start = time.perf_counter()
                status, _, _ = await connection.request("POST", f"/api/projects/{project}/items/{key}/labels", {"label": "abc"[k % 3]}, headers)
                if status == 201:
                    latencies.append(time.perf_counter() - start)
                    timeline.append((start - started, latencies[-1]))
                else:
                    errors += 1

        profiler = None
        if args.perf:
            profiler = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-p", str(server.pid), "-o", args.perf],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu_before = server_cpu(server.pid)
        started = time.perf_counter()
        deadline = started + args.seconds
        await asyncio.gather(*(client(k, c, h) for k, (c, h) in enumerate(sessions)))
        elapsed = time.perf_counter() - started
        cpu = server_cpu(server.pid) - cpu_before
        if profiler:
            profiler.send_signal(signal.SIGINT)
            profiler.wait()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if args.timeline:
        # When each acknowledged submission was sent and how long it took: shows whether the
        # slow ones come together (a server stall) or spread out (queueing).
        with open(args.timeline, "w") as out:
            out.writelines(f"{at:.6f}\t{latency * 1000:.3f}\n" for at, latency in sorted(timeline))
    latencies.sort()
    n = len(latencies)
    quantile = lambda q: latencies[min(n - 1, int(q * n))] * 1000
    print(f"sift studio: {args.clients} clients, {elapsed:.1f} s, server on cpu {args.server_cpu}")
    print(f"  {n} label submissions acknowledged (201), {errors} other answers")
    print(f"  throughput {n / elapsed:,.0f} submissions/s; {n / cpu:,.0f} per server CPU second ({cpu:.1f} s CPU)")
    print(f"  latency p50 {quantile(0.50):.2f} ms, p90 {quantile(0.90):.2f} ms, p99 {quantile(0.99):.2f} ms, max {latencies[-1] * 1000:.1f} ms")
    subprocess.run(["rm", "-rf", work])


def server_cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def durability(args):
    work = tempfile.mkdtemp(prefix="sift-studio-durability-")
    setup_started = time.perf_counter()
    db, passwords, project = setup(args.sift, work, args.annotators, args.items, pilot=False)
    server, port = start_server(args.sift, db)
    acked = []
    answers = {"other": 0, "failed": 0}
    people = [name for name in sorted(passwords) if name != "admin"]
    signed_in = {name: (await login(port, name, passwords[name]))[1] for name in people}
    names = [people[k % len(people)] for k in range(args.clients)]
    sessions = []
    for name in names:
        connection = Connection(port)
        await connection.open()
        sessions.append((connection, signed_in[name]))
    deadline = time.perf_counter() + args.seconds

    async def client(name, connection, headers):
        try:
            while True:
                status, _, payload = await connection.request("GET", f"/api/projects/{project}/next", None, headers)
                if status == 204:
                    return
                key = json.loads(payload)["item"]
                label = "abc"[int(key[1:]) % 3]  # the same answer from every client of an annotator
                status, _, _ = await connection.request("POST", f"/api/projects/{project}/items/{key}/labels", {"label": label}, headers)
                if 200 <= status < 300:
                    acked.append((key, name))
                else:
                    answers["other"] += 1
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            answers["failed"] += 1

    async def killer():
        await asyncio.sleep(max(0, deadline - time.perf_counter()))
        os.kill(server.pid, signal.SIGKILL)

    started = time.perf_counter()
    print(f"setup (users, {args.items} items, sign-ins): {started - setup_started:.1f} s", flush=True)
    await asyncio.gather(killer(), *(client(n, c, h) for n, (c, h) in zip(names, sessions)))
    elapsed = time.perf_counter() - started
    server.wait()
    for connection, _ in sessions:
        connection.close()
    # Restart on the same file and export: the acknowledged labels must all be there, once.
    server, port = start_server(args.sift, db)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    out = os.path.join(work, "labels.jsonl")
    sift(args.sift, "studio", "export", "--db", db, "--project", str(project), "--out", out)
    rows = [json.loads(line) for line in open(out)]
    pairs = [(r["item"], r["annotator"]) for r in rows]
    missing = set(acked) - set(pairs)
    duplicates = len(pairs) - len(set(pairs))
    print(f"sift studio durability: {len(names)} clients ({len(people)} annotators) for {elapsed:.1f} s, then kill -9 mid-submission and a restart")
    print(f"  {len(acked)} submissions acknowledged ({len(acked) / elapsed:,.0f}/s) for {len(set(acked))} (item, annotator) pairs, {answers['other']} refused, "
          f"{answers['failed']} clients cut off by the kill")
    print(f"  export: {len(rows)} labels; acknowledged but missing: {len(missing)}; duplicated pairs: {duplicates}; "
          f"stored but unacknowledged (in flight at the kill): {len(set(pairs) - set(acked))}")
    subprocess.run(["rm", "-rf", work])
    if missing or duplicates or answers["failed"] == 0:
        print("FAILED" + (" (the kill did not land mid-submission)" if answers["failed"] == 0 else ""))
        return 1
    print("1 passed, 0 failed")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["bench", "durability"])
    parser.add_argument("--sift", default=".build/release/sift")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--annotators", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--items", type=int, default=None)
    parser.add_argument("--server-cpu", type=int, default=0)
    parser.add_argument("--client-cpu", type=int, default=1)
    parser.add_argument("--timeline", help="bench: write each acknowledged submission's send time (s) and latency (ms) to this file")
    parser.add_argument("--perf", help="bench: record a `perf record -g` profile of the server while it is measured, to this file")
    args = parser.parse_args()
    if args.mode == "bench":
        args.seconds = args.seconds or 20
        args.items = args.items or 4000
        asyncio.run(bench(args))
    else:
        args.seconds = args.seconds or 30
        args.items = args.items or 30_000
        sys.exit(asyncio.run(durability(args)))


if __name__ == "__main__":
    main()
