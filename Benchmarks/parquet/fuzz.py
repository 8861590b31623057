#!/usr/bin/env python3
"""Longer fuzzing of Sift's Parquet and Arrow readers than the test suite's bounded run: random
mutations (bit flips, byte runs, truncation, insertion, footer and page-header damage) of valid
files (the parquet-testing corpus, files Sift writes, pyarrow's Arrow IPC), each read with
`sift convert`. A run fails on any crash (a signal), a hang (the timeout) or an exit status other
than 0 (read, with malformed items reported) or 65 (--strict).

Usage: Benchmarks/parquet/fuzz.py --sift PATH [--seconds 300] [--seed S] [--data DIR]
"""
import argparse, os, random, subprocess, sys, tempfile, time

def mutate(rng, data):
    data = bytearray(data)
    kind = rng.randrange(6)
    if kind == 0 and len(data) > 1:
        return bytes(data[:rng.randrange(len(data))])
    if kind == 1:
        for _ in range(rng.randint(1, 16)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == 2:
        at = rng.randrange(len(data))
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    elif kind == 3:
        # The footer: Parquet's metadata, or Arrow's.
        for _ in range(rng.randint(1, 8)):
            at = max(0, len(data) - 8 - rng.randrange(min(len(data), 2000)))
            data[at] = rng.randrange(256)
    elif kind == 4:
        # Near the start: the first page header or the Arrow schema message.
        for _ in range(rng.randint(1, 4)):
            at = min(len(data) - 1, 4 + rng.randrange(64))
            data[at] = rng.choice([0x00, 0x7F, 0x80, 0xFF, rng.randrange(256)])
    else:
        at = rng.randrange(len(data))
        run = rng.randint(1, 256)
        data[at:at + run] = bytes([rng.choice([0x00, 0xFF])]) * min(run, len(data) - at)
    return bytes(data)

def seeds(args, tmp):
    files = []
    if args.data and os.path.isdir(args.data):
        for name in sorted(os.listdir(args.data)):
            path = os.path.join(args.data, name)
            if name.endswith(".parquet") and os.path.getsize(path) < 200_000:
                files.append(path)
    sample = os.path.join(tmp, "sample.jsonl")
    with open(sample, "w") as f:
        for i in range(500):
            f.write('{"id": %d, "text": "record %d", "messages": [{"role": "user", "content": "q%d"}], "tags": ["a", "b"], "score": %d.5}\n' % (i, i, i, i))
    for codec in ["none", "snappy", "zstd", "gzip"]:
        out = os.path.join(tmp, f"sift-{codec}.parquet")
        subprocess.run([args.sift, "convert", sample, "--out", out, "--compression", codec], check=True, capture_output=True)
        files.append(out)
    try:
        import pyarrow.json as pj, pyarrow.ipc as ipc
        table = pj.read_json(sample)
        for name, opener in (("t.arrow", ipc.new_file), ("t.arrows", ipc.new_stream)):
            out = os.path.join(tmp, name)
            with opener(out, table.schema) as w:
                w.write_table(table, max_chunksize=100)
            files.append(out)
    except ImportError:
        print("pyarrow not installed: fuzzing Parquet only")
    return files

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sift", required=True)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--data", default="../shared/parquet-testing/data")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    failures = 0
    runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = [(p, open(p, "rb").read()) for p in seeds(args, tmp)]
        deadline = time.time() + args.seconds
        while time.time() < deadline:
            path, data = rng.choice(corpus)
            mutated = mutate(rng, data)
            suffix = ".arrow" if path.endswith((".arrow", ".arrows")) else ".parquet"
            target = os.path.join(tmp, "case" + suffix)
            with open(target, "wb") as f:
                f.write(mutated)
            strict = rng.random() < 0.3
            command = [args.sift, "convert", target, "--out", os.path.join(tmp, "out.jsonl")] + (["--strict"] if strict else [])
            try:
                result = subprocess.run(command, capture_output=True, timeout=20)
                ok = result.returncode in (0, 65)
                why = f"exit status {result.returncode}: {result.stderr.decode(errors='replace')[-300:]}"
            except subprocess.TimeoutExpired:
                ok, why = False, "timed out (20 s)"
            runs += 1
            if not ok:
                failures += 1
                keep = os.path.join(os.getcwd(), f"fuzz-failure-{seed}-{runs}{suffix}")
                with open(keep, "wb") as f:
                    f.write(mutated)
                print(f"FAIL {os.path.basename(path)} -> {keep}: {why}")
    print(f"fuzz: seed {seed}, {runs} mutated files in {args.seconds:.0f} s: {runs - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
