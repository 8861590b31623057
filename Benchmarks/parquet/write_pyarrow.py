"""Writes the benchmark's JSON Lines as Parquet with pyarrow (default row groups and pages)."""
import sys
import pyarrow.json as pj
import pyarrow.parquet as pq

source, target, codec = sys.argv[1:4]
table = pj.read_json(source, read_options=pj.ReadOptions(block_size=64 << 20))
pq.write_table(table, target, compression=codec)
