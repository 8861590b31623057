#!/usr/bin/env python3
"""Regenerates chat-datasetdict/: a Hugging Face datasets folder as DatasetDict.save_to_disk lays
it out (Arrow IPC stream files, state.json and dataset_info.json per split, dataset_dict.json on
top), written with pyarrow (the venv of scripts/parquet_parity.py): python3 make_fixtures.py"""
import json, os
import pyarrow as pa, pyarrow.ipc as ipc

os.chdir(os.path.dirname(os.path.abspath(__file__)))
message = pa.struct([("role", pa.string()), ("content", pa.string())])
rows = {
    "train": [(1, [("user", "Where is my order?"), ("assistant", "It ships tomorrow.")], "shipping"),
              (2, [("user", "Cancel it"), ("assistant", None)], None),
              (3, [], "billing")],
    "test": [(4, [("user", "Hi")], "greeting")],
}
root = "chat-datasetdict"
os.makedirs(root, exist_ok=True)
json.dump({"splits": ["train", "test"]}, open(os.path.join(root, "dataset_dict.json"), "w"))
for split, data in rows.items():
    os.makedirs(os.path.join(root, split), exist_ok=True)
    table = pa.table({
        "id": pa.array([r[0] for r in data], pa.int64()),
        "messages": pa.array([[{"role": m[0], "content": m[1]} for m in r[1]] for r in data], pa.list_(message)),
        "label": pa.array([r[2] for r in data], pa.string()).dictionary_encode().cast(pa.dictionary(pa.int8(), pa.string())),
    })
    with ipc.new_stream(os.path.join(root, split, "data-00000-of-00001.arrow"), table.schema) as w:
        w.write_table(table)
    json.dump({"_data_files": [{"filename": "data-00000-of-00001.arrow"}], "_fingerprint": "sift-fixture", "_split": split},
              open(os.path.join(root, split, "state.json"), "w"))
    json.dump({"features": {"id": {"dtype": "int64", "_type": "Value"}}}, open(os.path.join(root, split, "dataset_info.json"), "w"))
