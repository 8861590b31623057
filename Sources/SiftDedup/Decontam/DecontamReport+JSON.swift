import SiftCore

extension DecontamReport {
    /// The `--json` report. `eval_items`, `contaminated`, `output` and `counts_add_up` are the
    /// contract; the rest adds detail.
    public var json: JSONValue {
        let object: JSONObject = [
            "parameters": [
                "ngram": .integer(options.ngram),
                "min_words": .integer(options.minWords),
                "mode": .string(options.dropEval ? "drop_eval" : "remove_train"),
            ],
            "train": sideJSON(train),
            "eval": sideJSON(eval),
            "eval_items": [
                "checked_by_ngram": .integer(checkedByNgram),
                "checked_whole_text": .integer(checkedWhole),
                "too_short": sampleJSON(tooShort),
                "without_text": sampleJSON(eval.withoutText),
                "contaminated": .integer(contaminated.count),
            ],
            "contaminating_train_records": .integer(contaminatingTrainRecords),
            "output": [
                "side": .string(options.dropEval ? "eval" : "train"),
                "kept": .integer(kept), "removed": .integer(removed), "rejected_malformed": .integer(filtered.malformedCount),
            ],
            "counts_add_up": .bool(countsAddUp),
            "contaminated": .array(contaminated.map { item in
                [
                    "eval": .string(item.reference),
                    "rule": .string(item.rule.rawValue),
                    "train_count": .integer(item.trainRecords.count),
                    "train_records": .array(item.trainRecords.references.map(JSONValue.string)),
                    "example": .string(item.example),
                ]
            }),
        ]
        return .object(object)
    }

    private func sideJSON(_ side: Side) -> JSONValue {
        [
            "files": .array(side.files.map(JSONValue.string)),
            "kind": .string(side.kind.rawValue),
            "compared": .string(side.compared),
            "items": .integer(side.items),
            "records": .integer(side.records),
            "malformed": .integer(side.malformedCount),
            "without_text": sampleJSON(side.withoutText),
            "malformed_records": .array(side.malformed.map(\.reportJSON)),
            "diagnostics": .array(side.diagnostics.map(\.reportJSON)),
        ]
    }

    private func sampleJSON(_ sample: ReferenceSample) -> JSONValue {
        ["count": .integer(sample.count), "records": .array(sample.references.map(JSONValue.string))]
    }
}
