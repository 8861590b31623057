"""DuckDB on one thread: count the records and measure the text (every message's content)."""
import sys
import duckdb

con = duckdb.connect()
con.execute("SET threads=1")
rows, = con.execute(f"SELECT count(*) FROM read_parquet('{sys.argv[1]}')").fetchone()
messages, chars = con.execute(
    f"SELECT count(*), sum(length(m.content)) FROM (SELECT unnest(messages) AS m FROM read_parquet('{sys.argv[1]}'))").fetchone()
print(rows, messages, chars)
