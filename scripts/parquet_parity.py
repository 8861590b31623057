#!/usr/bin/env python3
"""Parquet/Arrow parity: Sift's reader and writer against pyarrow and DuckDB.

  corpus     every file of the Apache parquet-testing corpus read by `sift convert` and by pyarrow;
             values must agree (after mapping pyarrow's types to Sift's JSON conventions, below),
             and the files Sift refuses must be exactly the known list, each with a located reason.
  roundtrip  fresh random records (nested, nullable, mixed types) written by `sift convert` as
             Parquet with every codec, read back by pyarrow, DuckDB and Sift: all must equal the
             records (a field missing from a record reads back as null).
  written    fresh random tables written by pyarrow with every codec, data page v1/v2, dictionary
             on/off, DELTA_* and BYTE_STREAM_SPLIT encodings, page checksums, tiny pages; and as
             Arrow IPC file, stream and a Hugging Face datasets folder: Sift must read what pyarrow does.

Sift's JSON conventions for columnar types (docs/formats.md): timestamps and dates as ISO 8601
strings (fraction digits of the unit, omitted when zero; `Z` when UTC-adjusted), decimals as exact
number literals, NaN/Infinity as null, unannotated binary as text when valid UTF-8 else base64,
fixed-size binary as base64, UUIDs in 8-4-4-4-12 form, maps as objects keyed by the key's text.

Usage: parquet_parity.py {corpus,roundtrip,written} --sift PATH [--data DIR] [--cases N] [--seed S]
"""
import argparse, base64, datetime, decimal, json, math, os, random, subprocess, sys, tempfile, uuid

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

# Files of the corpus Sift refuses on purpose, with the words its located reason must contain.
EXPECTED_REFUSALS = {
    "datapage_v1-corrupt-checksum.parquet": "checksum mismatch",
    "rle-dict-uncompressed-corrupt-checksum.parquet": "checksum mismatch",
    "nation.dict-malformed.parquet": "page header promises",
    "fixed_length_byte_array.parquet": "PLAIN data holds",        # pyarrow fails too: "Unexpected end of stream"
    "large_string_map.brotli.parquet": "over the",                 # 1 GiB strings: past --max-record-bytes
}

def run_sift(sift, args):
    return subprocess.run([sift] + args, capture_output=True, text=True)

def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line, parse_float=decimal.Decimal) for line in f if line.strip()]

# Expected rows of files pyarrow itself refuses to read, from the corpus README's description.
DOCUMENTED = {
    # Presto's map with optional keys (README "Incorrect Map Schema"): MAP(ARRAY['name','parent'], ARRAY['report','another']).
    "incorrect_map_schema.parquet": [{"my_map": {"name": "report", "parent": "another"}}],
}

# ---- pyarrow values in Sift's conventions -------------------------------------------------------

def pad(v, w):
    s = str(abs(v))
    return ("-" if v < 0 else "") + "0" * max(0, w - len(s)) + s

def date_text(days):
    try:
        d = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
    except OverflowError:
        return "-out-of-range"  # beyond Python's dates: the corpus check skips such rows
    return f"{pad(d.year, 4)}-{d.month:02d}-{d.day:02d}"

PER_SECOND = {"s": 1, "ms": 1000, "us": 1_000_000, "ns": 1_000_000_000}
DIGITS = {"ms": 3, "us": 6, "ns": 9}

def time_text(value, unit):
    if unit == "s":
        value, unit = value * 1000, "ms"
    scale = PER_SECOND[unit]
    seconds, sub = divmod(value, scale)
    text = f"{pad(seconds // 3600, 2)}:{pad(seconds // 60 % 60, 2)}:{pad(seconds % 60, 2)}"
    return text + ("." + pad(sub, DIGITS[unit]) if sub else "")

def timestamp_text(value, unit, utc):
    if unit == "s":
        value, unit = value * 1000, "ms"
    scale = PER_SECOND[unit]
    days, rest = divmod(value, 86400 * scale)
    return date_text(days) + "T" + time_text(rest, unit) + ("Z" if utc else "")

def binary_text(b, always_base64=False):
    if not always_base64:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return base64.b64encode(b).decode("ascii")

def norm_array(arr, int96=False, base64_binary=False):
    """A pyarrow array as a list of Python values in Sift's JSON conventions."""
    t = arr.type
    if isinstance(t, pa.BaseExtensionType):
        name = t.extension_name
        storage = arr.storage
        if name == "arrow.uuid":
            return [None if v is None else str(uuid.UUID(bytes=v)) for v in storage.to_pylist()]
        if name == "arrow.json":
            return [None if v is None else json.loads(v, parse_float=decimal.Decimal) for v in storage.to_pylist()]
        if pa.types.is_binary(storage.type) or pa.types.is_large_binary(storage.type):
            # Geometry (WKB) and other binary extension types: always base64.
            return [None if v is None else binary_text(v, True) for v in storage.to_pylist()]
        return norm_array(storage)
    if pa.types.is_dictionary(t):
        return norm_array(arr.dictionary_decode())
    if pa.types.is_timestamp(t):
        ints = arr.cast(pa.int64()).to_pylist()
        unit = t.unit
        if int96:
            return [None if v is None else timestamp_text(v * 1000 if unit == "us" else v, "ns", False) for v in ints]
        return [None if v is None else timestamp_text(v, unit, t.tz is not None) for v in ints]
    if pa.types.is_date32(t):
        return [None if v is None else date_text(v) for v in arr.cast(pa.int32()).to_pylist()]
    if pa.types.is_date64(t):
        return [None if v is None else date_text(v // 86_400_000) for v in arr.cast(pa.int64()).to_pylist()]
    if pa.types.is_time32(t) or pa.types.is_time64(t):
        width = pa.int32() if pa.types.is_time32(t) else pa.int64()
        return [None if v is None else time_text(v, t.unit) for v in arr.cast(width).to_pylist()]
    if pa.types.is_decimal(t):
        return [None if v is None else decimal.Decimal(str(v)) for v in arr.to_pylist()]
    if pa.types.is_floating(t):
        return [None if v is None or math.isnan(v) or math.isinf(v) else float(v) for v in arr.to_pylist()]
    if pa.types.is_fixed_size_binary(t):
        return [None if v is None else binary_text(v, True) for v in arr.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return [None if v is None else binary_text(v, base64_binary) for v in arr.to_pylist()]
    if pa.types.is_struct(t):
        valid = arr.is_valid().to_pylist()
        names = [t.field(i).name for i in range(t.num_fields)]
        children = [norm_array(arr.field(i)) for i in range(t.num_fields)]
        return [dict(zip(names, (c[i] for c in children))) if valid[i] else None for i in range(len(arr))]
    if pa.types.is_map(t):
        valid = arr.is_valid().to_pylist()
        offsets = arr.offsets.to_pylist()
        keys = norm_array(arr.keys)
        items = norm_array(arr.items)
        out = []
        for i in range(len(arr)):
            if not valid[i]:
                out.append(None)
                continue
            obj = {}
            for k in range(offsets[i] - offsets[0], offsets[i + 1] - offsets[0]):
                key = keys[k]
                if isinstance(key, bool):
                    key = "true" if key else "false"
                obj[str(key)] = items[k]
            out.append(obj)
        return out
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        valid = arr.is_valid().to_pylist()
        flat = norm_array(arr.values)
        if pa.types.is_fixed_size_list(t):
            size = t.list_size
            offsets = [(arr.offset + i) * size for i in range(len(arr) + 1)]
        else:
            offsets = arr.offsets.to_pylist()
        return [flat[offsets[i]:offsets[i + 1]] if valid[i] else None for i in range(len(arr))]
    if pa.types.is_null(t):
        return [None] * len(arr)
    return arr.to_pylist()

def norm_table(table, int96_columns=(), base64_columns=()):
    columns = [norm_array(table.column(i).combine_chunks(), table.column_names[i] in int96_columns, table.column_names[i] in base64_columns)
               for i in range(table.num_columns)]
    return [dict(zip(table.column_names, (c[i] for c in columns))) for i in range(table.num_rows)]

def same(a, b, path="$"):
    """Equality of JSON-like values: numbers by value (floats to 1e-6 relative), dict keys as sets."""
    if isinstance(a, bool) or isinstance(b, bool):
        return (a == b and type(a) == type(b)) or f"{path}: {a!r} != {b!r}"
    if isinstance(a, (int, float, decimal.Decimal)) and isinstance(b, (int, float, decimal.Decimal)):
        if isinstance(a, float) or isinstance(b, float):
            fa, fb = float(a), float(b)
            return fa == fb or abs(fa - fb) <= 1e-6 * max(abs(fa), abs(fb)) or f"{path}: {a!r} != {b!r}"
        return decimal.Decimal(a) == decimal.Decimal(b) or f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return f"{path}: keys {sorted(a)} != {sorted(b)}"
        for k in a:
            r = same(a[k], b[k], f"{path}.{k}")
            if r is not True:
                return r
        return True
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} elements != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            r = same(x, y, f"{path}[{i}]")
            if r is not True:
                return r
        return True
    if isinstance(b, str) and "-out-of-range" in b:
        return True  # a date beyond Python's range: not checkable here
    return a == b or f"{path}: {a!r} != {b!r}"

def compare_rows(got, want, label):
    if len(got) != len(want):
        return f"{label}: {len(got)} rows, expected {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        r = same(g, w, f"row {i}")
        if r is not True:
            return f"{label}: {r}"
    return None

# ---- corpus ---------------------------------------------------------------------------------------

def corpus(args):
    failures = []
    names = sorted(n for n in os.listdir(args.data) if n.endswith(".parquet"))
    for sub in ("geospatial", "aes256"):
        if os.path.isdir(os.path.join(args.data, sub)):
            names += sorted(os.path.join(sub, n) for n in os.listdir(os.path.join(args.data, sub)) if n.endswith(".parquet"))
    names += sorted(n for n in os.listdir(args.data) if n.endswith(".parquet.encrypted"))
    names += sorted(os.path.join("aes256", n) for n in os.listdir(os.path.join(args.data, "aes256")) if n.endswith(".encrypted"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = os.path.join(args.data, name)
            out = os.path.join(tmp, "out.jsonl")
            result = run_sift(args.sift, ["convert", path, "--out", out, "--json", "-"])
            if result.returncode != 0:
                failures.append(f"{name}: sift exited {result.returncode}: {result.stderr.strip()[:300]}")
                continue
            summary = json.loads(result.stdout)
            expected = "encrypted Parquet file" if name.endswith(".encrypted") else EXPECTED_REFUSALS.get(name)
            if expected:
                reasons = [m["error"] for m in summary["malformed"]]
                if summary["malformed_count"] == 0 or not any(expected in r for r in reasons):
                    failures.append(f"{name}: expected a refusal mentioning {expected!r}, got {reasons}")
                else:
                    print(f"refused  {name}: {reasons[0][:120]}")
                continue
            if summary["malformed_count"]:
                failures.append(f"{name}: unexpected malformed items: {summary['malformed']}")
                continue
            got = load_jsonl(out)
            if name in DOCUMENTED:
                problem = compare_rows(got, DOCUMENTED[name], name)
                failures.append(problem) if problem else print(f"ok       {name}: {len(got)} rows (documented contents)")
                continue
            pf = pq.ParquetFile(path)
            int96 = {pf.schema.column(i).path.split(".")[0] for i in range(len(pf.schema)) if pf.schema.column(i).physical_type == "INT96"}
            table = pq.read_table(path, coerce_int96_timestamp_unit="us") if int96 else pq.read_table(path)
            # Geometry and geography (WKB) are binary whatever their bytes: Sift writes them as base64.
            spatial = {pf.schema.column(i).path.split(".")[0] for i in range(len(pf.schema))
                       if str(pf.schema.column(i).logical_type).startswith(("Geometry", "Geography"))}
            want = norm_table(table, int96, spatial)
            if int96:
                # Values beyond pyarrow's 64-bit microsecond range overflow in pyarrow; compare the rest.
                keep = [i for i, row in enumerate(want) if all(not isinstance(v, str) or v[:1] != "-" for v in row.values())]
                want, got = [want[i] for i in keep], [got[i] for i in keep]
            problem = compare_rows(got, want, name)
            if problem:
                failures.append(problem)
            else:
                print(f"ok       {name}: {len(got)} rows")
    for f in failures:
        print("FAIL", f)
    print(f"corpus: {len(names) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0

# ---- random data ------------------------------------------------------------------------------------

WORDS = ["the", "data", "Sift", "naïve", "café", "日本語", "emoji 🚀", "quote \" and \\", "tab\tnew\nline", ""]

def text(rng, n=None):
    return " ".join(rng.choice(WORDS) for _ in range(n if n is not None else rng.randint(0, 12)))

def random_record(rng, i):
    record = {"id": i, "text": text(rng)}
    if rng.random() < 0.9:
        record["messages"] = [{"role": rng.choice(["system", "user", "assistant"]), "content": text(rng)}
                              for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.5:
        record["score"] = rng.choice([rng.randint(-10**12, 10**12), round(rng.uniform(-1e6, 1e6), 6), None])
    if rng.random() < 0.5:
        record["label"] = rng.choice(["pos", "neg", "neutral", None])
    if rng.random() < 0.3:
        record["meta"] = {"source": rng.choice(["web", "book"]), "tags": [text(rng, 1) for _ in range(rng.randint(0, 3))],
                          "nested": {"depth": rng.randint(0, 3), "flag": rng.random() < 0.5}}
    if rng.random() < 0.2:
        # A field whose types conflict: stored as a JSON column, read back as the value it was.
        record["mixed"] = rng.choice([1, "one", [1, 2], {"a": 1}, True, 2.5, None])
    if rng.random() < 0.1:
        record["big"] = rng.choice([2**63 - 1, -2**63, 10**30])
    if rng.random() < 0.2:
        record["matrix"] = [[rng.randint(0, 9) for _ in range(rng.randint(0, 3))] for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.1:
        record["empty"] = rng.choice([{}, [], ""])
    return record

def null_filled(got, want):
    """`got` with keys that are null in `got` and absent from `want` dropped (Parquet cannot tell
    a missing field from a null one)."""
    if isinstance(got, dict) and isinstance(want, dict):
        return {k: null_filled(v, want.get(k)) for k, v in got.items() if k in want or not is_all_null(v)}
    if isinstance(got, list) and isinstance(want, list):
        return [null_filled(g, w) for g, w in zip(got, want)] + got[len(want):]
    return got

def is_all_null(v):
    if v is None:
        return True
    if isinstance(v, dict):
        return all(is_all_null(x) for x in v.values())
    return False

def roundtrip(args):
    import duckdb
    rng = random.Random(args.seed)
    failures = 0
    checks = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(args.cases):
            records = [random_record(rng, i) for i in range(rng.randint(0, 300))]
            src = os.path.join(tmp, "in.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                for r in records:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            for codec in ["zstd", "snappy", "gzip", "none"]:
                out = os.path.join(tmp, f"out-{codec}.parquet")
                result = run_sift(args.sift, ["convert", src, "--out", out, "--compression", codec])
                if result.returncode != 0:
                    print(f"FAIL case {case} {codec}: sift convert exited {result.returncode}: {result.stderr[:300]}")
                    failures += 1
                    continue
                back = os.path.join(tmp, "back.jsonl")
                run_sift(args.sift, ["convert", out, "--out", back])
                sift_rows = load_jsonl(back)
                table = pq.read_table(out)
                arrow_rows = norm_table(table)
                json_columns = {f.name for f in table.schema if is_json_column(out, f.name)}
                readers = [("sift", sift_rows), ("pyarrow", arrow_rows)]
                if table.num_columns == 0:
                    # Only an empty dataset has no field to make a column of; DuckDB reads no
                    # zero-column file ("Need at least one non-root column"), pyarrow's own
                    # `pq.write_table(pa.table({}))` included, so it is left out of this case.
                    if records:
                        print(f"FAIL case {case} {codec}: no columns written for {len(records)} records")
                        failures += 1
                        continue
                else:
                    con = duckdb.connect()
                    con.execute("SET threads=1")
                    rel = con.execute(f"SELECT * FROM read_parquet('{out}')")
                    names = [d[0] for d in rel.description]
                    duck_rows = [dict(zip(names, map(duck_value, row))) for row in rel.fetchall()]
                    for row in duck_rows:
                        for k in json_columns:
                            if isinstance(row.get(k), str):
                                row[k] = json.loads(row[k], parse_float=decimal.Decimal)
                    readers.append(("duckdb", duck_rows))
                want = [json.loads(json.dumps(r), parse_float=decimal.Decimal) for r in records]
                for label, rows in readers:
                    checks += 1
                    problem = compare_rows([null_filled(g, w) for g, w in zip(rows, want)] + rows[len(want):], want,
                                           f"case {case} {codec} {label}")
                    if problem:
                        print("FAIL", problem)
                        failures += 1
    print(f"roundtrip: {checks - failures} passed, {failures} failed")
    return 1 if failures else 0

def is_json_column(path, name):
    schema = pq.ParquetFile(path).schema
    for i in range(len(schema)):
        col = schema.column(i)
        if col.path == name:
            return str(col.logical_type) == "JSON"
    return False

def duck_value(v):
    if isinstance(v, dict):
        return {k: duck_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [duck_value(x) for x in v]
    return v

# ---- files pyarrow writes ----------------------------------------------------------------------------

def random_table(rng, n):
    ints = [rng.choice([None, rng.randint(-2**40, 2**40)]) for _ in range(n)]
    return pa.table({
        "id": pa.array(range(n), pa.int64()),
        "i32": pa.array([None if v is None else v % 2**31 for v in ints], pa.int32()),
        "i64": pa.array(ints, pa.int64()),
        "u8": pa.array([rng.randint(0, 255) for _ in range(n)], pa.uint8()),
        "f32": pa.array([rng.uniform(-1, 1) for _ in range(n)], pa.float32()),
        "f64": pa.array([rng.choice([None, rng.uniform(-1e9, 1e9)]) for _ in range(n)], pa.float64()),
        "flag": pa.array([rng.choice([None, True, False]) for _ in range(n)], pa.bool_()),
        "text": pa.array([rng.choice([None, text(rng)]) for _ in range(n)], pa.string()),
        "cat": pa.array([rng.choice(["a", "b", "c"]) for _ in range(n)], pa.string()),
        "blob": pa.array([rng.randbytes(rng.randint(0, 8)) for _ in range(n)], pa.binary()),
        "day": pa.array([rng.randint(-10000, 30000) for _ in range(n)], pa.date32()),
        "ts_ms": pa.array([rng.randint(-2**40, 2**40) for _ in range(n)], pa.timestamp("ms")),
        "ts_us_utc": pa.array([rng.randint(-2**50, 2**50) for _ in range(n)], pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array([rng.randint(-2**60, 2**60) for _ in range(n)], pa.timestamp("ns")),
        "t_us": pa.array([rng.randint(0, 86399999999) for _ in range(n)], pa.time64("us")),
        "dec": pa.array([decimal.Decimal(rng.randint(-10**12, 10**12)).scaleb(-4) for _ in range(n)], pa.decimal128(18, 4)),
        "bigdec": pa.array([decimal.Decimal(rng.randint(-10**30, 10**30)).scaleb(-6) for _ in range(n)], pa.decimal128(38, 6)),
        "tags": pa.array([rng.choice([None, [text(rng, 1) for _ in range(rng.randint(0, 3))]]) for _ in range(n)], pa.list_(pa.string())),
        "msgs": pa.array([[{"role": rng.choice(["user", "assistant"]), "content": rng.choice([None, text(rng)])}
                           for _ in range(rng.randint(0, 3))] for _ in range(n)],
                         pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))),
        "kv": pa.array([rng.choice([None, [(text(rng, 1) + str(k), rng.randint(0, 9)) for k in range(rng.randint(0, 3))]]) for _ in range(n)],
                       pa.map_(pa.string(), pa.int32())),
        "nested": pa.array([rng.choice([None, [[rng.randint(0, 5) for _ in range(rng.randint(0, 2))] for _ in range(rng.randint(0, 2))]]) for _ in range(n)],
                           pa.list_(pa.list_(pa.int16()))),
    })

def written(args):
    rng = random.Random(args.seed)
    failures = 0
    checks = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(args.cases):
            table = random_table(rng, rng.randint(1, 400))
            want = norm_table(table)
            variants = []
            for codec in ["NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4", "BROTLI"]:
                variants.append((codec, dict(compression=codec)))
            variants += [
                ("v2-dict-off", dict(data_page_version="2.0", use_dictionary=False, compression="SNAPPY")),
                ("tiny-pages-crc", dict(data_page_size=64, write_page_checksum=True, compression="ZSTD")),
                ("delta", dict(use_dictionary=False, column_encoding={"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED",
                                                                     "text": "DELTA_LENGTH_BYTE_ARRAY", "cat": "DELTA_BYTE_ARRAY",
                                                                     "id": "DELTA_BINARY_PACKED"})),
                ("byte-stream-split", dict(use_dictionary=False, column_encoding={"f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT",
                                                                                 "i32": "BYTE_STREAM_SPLIT"})),
                ("small-row-groups", dict(row_group_size=37)),
            ]
            for label, options in variants:
                path = os.path.join(tmp, f"{label}.parquet")
                pq.write_table(table, path, **options)
                failures += check_sift_read(args.sift, path, want, f"case {case} parquet {label}", tmp)
                checks += 1
            # Arrow IPC: file and stream formats, and a datasets folder (DatasetDict of two splits).
            arrow_file = os.path.join(tmp, "t.arrow")
            with ipc.new_file(arrow_file, table.schema) as w:
                w.write_table(table, max_chunksize=50)
            failures += check_sift_read(args.sift, arrow_file, want, f"case {case} arrow file", tmp)
            stream_file = os.path.join(tmp, "t.arrows")
            with ipc.new_stream(stream_file, table.schema) as w:
                w.write_table(table, max_chunksize=64)
            failures += check_sift_read(args.sift, stream_file, want, f"case {case} arrow stream", tmp)
            folder = os.path.join(tmp, f"ds{case}")
            half = table.num_rows // 2
            os.makedirs(folder)
            with open(os.path.join(folder, "dataset_dict.json"), "w") as f:
                json.dump({"splits": ["train", "test"]}, f)
            for split, part in (("train", table.slice(0, half)), ("test", table.slice(half))):
                os.makedirs(os.path.join(folder, split))
                with ipc.new_stream(os.path.join(folder, split, "data-00000-of-00001.arrow"), part.schema) as w:
                    w.write_table(part, max_chunksize=1000)
                with open(os.path.join(folder, split, "state.json"), "w") as f:
                    json.dump({"_data_files": [{"filename": "data-00000-of-00001.arrow"}], "_split": split}, f)
                with open(os.path.join(folder, split, "dataset_info.json"), "w") as f:
                    json.dump({"features": {}}, f)
            failures += check_sift_read(args.sift, folder, want[half:], f"case {case} datasets folder --split test", tmp, ["--split", "test"])
            failures += check_sift_read(args.sift, folder, want, f"case {case} datasets folder (all splits)", tmp)
            checks += 5
    print(f"written: {checks - failures} passed, {failures} failed")
    return 1 if failures else 0

def check_sift_read(sift, path, want, label, tmp, extra=()):
    out = os.path.join(tmp, "read.jsonl")
    result = run_sift(sift, ["convert", path, "--out", out, "--strict"] + list(extra))
    if result.returncode != 0:
        print(f"FAIL {label}: sift exited {result.returncode}: {result.stderr.strip()[:300]}")
        return 1
    problem = compare_rows(load_jsonl(out), want, label)
    if problem:
        print("FAIL", problem)
        return 1
    return 0

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["corpus", "roundtrip", "written"])
    parser.add_argument("--sift", required=True)
    parser.add_argument("--data", default="../shared/parquet-testing/data")
    parser.add_argument("--cases", type=int, default=5)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.randrange(2**32)
    print(f"{args.mode}: seed {args.seed}")
    sys.exit({"corpus": corpus, "roundtrip": roundtrip, "written": written}[args.mode](args))

if __name__ == "__main__":
    main()
