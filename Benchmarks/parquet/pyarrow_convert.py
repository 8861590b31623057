"""pyarrow on one thread doing `sift convert`'s job: read the JSON Lines, infer the schema, write
Parquet zstd (pyarrow's default level). The reference for Sift's write speed."""
import sys
import pyarrow as pa
import pyarrow.json as pj
import pyarrow.parquet as pq

pa.set_cpu_count(1)
pa.set_io_thread_count(1)
source, target = sys.argv[1:3]
table = pj.read_json(source, read_options=pj.ReadOptions(use_threads=False, block_size=64 << 20))
pq.write_table(table, target, compression="zstd")
print(table.num_rows)
