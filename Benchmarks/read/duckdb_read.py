"""DuckDB on THREADS threads: count the records of a chat JSON Lines file and sum the length of each
record's last message (what `Benchmarks/read/run.sh` asks every reader to do)."""
import sys
import duckdb

path, threads = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute(f"SET threads={threads}")
# The path is a benchmark's own file; it is passed as a parameter, never interpolated.
rows, chars = con.execute(
    "SELECT count(*), sum(len(messages[len(messages)].content)) FROM read_json(?, format='newline_delimited')",
    [path]).fetchone()
print(rows, chars)
