import SiftCore

extension DedupReport {
    /// The `--json` report. `input`, `output`, `counts_add_up`, `clusters`, `blank_texts` and
    /// `without_text` are the contract; the rest adds detail.
    public var json: JSONValue {
        var parameters: JSONObject = [
            "method": .string(options.method.rawValue),
            "keep": .string(options.keep.rawValue),
        ]
        if options.usesMinHash {
            let banding = options.resolvedBanding
            parameters["threshold"] = .double(options.threshold)
            parameters["shingle"] = .string(options.shingler.unit.rawValue)
            parameters["ngram"] = .integer(options.shingler.size)
            parameters["num_perm"] = .integer(options.numPerm)
            parameters["bands"] = .integer(banding.bands)
            parameters["rows"] = .integer(banding.rows)
            parameters["seed"] = .number(String(options.seed))
            parameters["verify"] = .bool(options.verify)
        }
        var object: JSONObject = [
            "files": .array(files.map(JSONValue.string)),
            "kind": .string(kind.rawValue),
            "compared": .string(compared),
            "parameters": .object(parameters),
            "input": ["items": .integer(items), "records": .integer(records), "malformed": .integer(malformedCount)],
            "output": [
                "kept": .integer(kept), "removed": .integer(removed), "removed_exact": .integer(removedExact),
                "removed_near": .integer(removedNear), "rejected_malformed": .integer(malformedCount),
            ],
            "counts_add_up": .bool(countsAddUp),
            "documents_compared": .integer(documents),
            "clusters": ["count": .integer(clusters), "largest": .integer(largestCluster)],
            "blank_texts": sampleJSON(blankTexts),
            "without_text": sampleJSON(withoutText),
        ]
        if options.usesMinHash {
            object["candidates"] = [
                "compared": .integer(comparisons), "accepted": .integer(acceptedPairs),
                "rejected_by_verification": .integer(rejectedByVerification),
            ]
        }
        object["memory"] = ["bytes_held_per_document": .integer(bytesHeldPerDocument)]
        object["sample_clusters"] = .array(sampleClusters.map { sample in
            var entry: JSONObject = ["cluster": .integer(sample.id), "size": .integer(sample.size)]
            if let kept = sample.kept { entry["kept"] = .string(kept) }
            entry["removed"] = .array(sample.removed.map { member in
                ["record": .string(member.reference), "reason": .string(member.reason), "similarity": .double(member.similarity)]
            })
            return .object(entry)
        })
        object["malformed"] = .array(malformed.map(\.reportJSON))
        object["diagnostics"] = .array(diagnostics.map(\.reportJSON))
        return .object(object)
    }

    private func sampleJSON(_ sample: ReferenceSample) -> JSONValue {
        ["count": .integer(sample.count), "records": .array(sample.references.map(JSONValue.string))]
    }
}
