"""pyarrow on one thread: read the whole table, then touch every string (as Python str), the work
comparable to Sift building its records."""
import sys
import pyarrow as pa
import pyarrow.parquet as pq

def strings(array):
    t = array.type
    if pa.types.is_struct(t):
        for i in range(t.num_fields):
            yield from strings(array.field(i))
    elif pa.types.is_list(t) or pa.types.is_large_list(t):
        yield from strings(array.values)
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        yield array

table = pq.read_table(sys.argv[1], use_threads=False)
total = 0
count = 0
for column in table.columns:
    for chunk in column.chunks:
        for array in strings(chunk):
            for s in array.to_pylist():
                if s is not None:
                    total += len(s)
                    count += 1
print(table.num_rows, count, total)
