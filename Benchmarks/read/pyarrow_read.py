"""pyarrow's JSON reader (`pyarrow.json.read_json`, `use_threads` when THREADS > 1): the whole file
into a table, then the record count and the summed length of each record's last message."""
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

path, threads = sys.argv[1], int(sys.argv[2])
if threads > 1:
    pa.set_cpu_count(threads)
    pa.set_io_thread_count(threads)
table = pj.read_json(path, read_options=pj.ReadOptions(use_threads=threads > 1, block_size=16 << 20))
messages = table.column("messages").combine_chunks()
last = pc.subtract(messages.offsets[1:], 1)
contents = pc.take(pc.struct_field(pc.list_flatten(messages), "content"), last)
print(table.num_rows, pc.sum(pc.utf8_length(contents)).as_py())
