"""A Python loop with orjson: every line parsed, the last message's length summed. With THREADS > 1
the file is cut at line breaks into that many byte ranges, each read by its own process."""
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import orjson


def read_all(path):
    rows = chars = 0
    with open(path, "rb", buffering=1 << 20) as f:
        for line in f:
            if line.strip():
                record = orjson.loads(line)
                rows += 1
                chars += len(record["messages"][-1]["content"])
    return rows, chars


def read_range(path, start, end):
    """The lines that start in [start, end)."""
    rows = chars = 0
    with open(path, "rb", buffering=1 << 20) as f:
        if start:
            f.seek(start - 1)
            f.readline()
        while f.tell() < end:
            line = f.readline()
            if not line:
                break
            if line.strip():
                record = orjson.loads(line)
                rows += 1
                chars += len(record["messages"][-1]["content"])
    return rows, chars


def main():
    path, threads = sys.argv[1], int(sys.argv[2])
    if threads == 1:
        rows, chars = read_all(path)
    else:
        size = os.path.getsize(path)
        bounds = [size * i // threads for i in range(threads + 1)]
        with ProcessPoolExecutor(threads) as pool:
            parts = list(pool.map(read_range, [path] * threads, bounds[:-1], bounds[1:]))
        rows, chars = sum(p[0] for p in parts), sum(p[1] for p in parts)
    print(rows, chars)


if __name__ == "__main__":
    main()
