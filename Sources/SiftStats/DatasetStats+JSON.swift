import SiftCore

extension DatasetStats {
    /// The `--json` report. Keys `records`, `kind`, `fields` and `malformed` are the contract;
    /// the rest adds detail.
    public var json: JSONValue {
        var fieldsJSON = JSONObject()
        for (name, stats) in fields {
            var types = JSONObject()
            for (type, count) in stats.types.sorted(by: { $0.key < $1.key }) { types[type] = .integer(count) }
            fieldsJSON[name] = .object([
                "present": .integer(stats.present),
                "empty": .integer(stats.empty),
                "present_rate": .double(rate(stats.present, records)),
                "empty_rate": .double(rate(stats.empty, records)),
                "types": .object(types),
            ])
        }
        var lengthsJSON = JSONObject()
        for (name, lengths) in textLengths {
            lengthsJSON[name] = .object([
                "count": .integer(lengths.count),
                "characters": quantiles(lengths.characters(atPercentile:), max: lengths.maxCharacters, mean: lengths.meanCharacters),
                "words": quantiles(lengths.words(atPercentile:), max: lengths.maxWords, mean: lengths.meanWords),
            ])
        }
        var object: JSONObject = [
            "records": .integer(records),
            "kind": .string(kind.rawValue),
            "files": .array(files.map(JSONValue.string)),
            "formats": .array(formats.map { .string($0.rawValue) }),
            "bytes": .integer(bytes),
            "lines": .integer(lines),
            "blank_lines": .integer(blankLines),
            "malformed_count": .integer(malformedCount),
            "fields": .object(fieldsJSON),
            "text_lengths": .object(lengthsJSON),
        ]
        if kind == .chat || kind == .sharegpt, turns.count > 0 {
            object["turns"] = quantiles(turns.characters(atPercentile:), max: turns.maxCharacters, mean: turns.meanCharacters)
        }
        if let labelField {
            var labelsJSON = JSONObject()
            for (label, count) in labelDistribution { labelsJSON[label] = .integer(count) }
            object["label_field"] = .string(labelField)
            object["labels"] = .object(labelsJSON)
            object["records_without_label"] = .integer(recordsWithoutLabel)
            if otherLabels > 0 { object["other_labels"] = .integer(otherLabels) }
        }
        object["malformed"] = .array(malformed.map(\.reportJSON))
        object["diagnostics"] = .array(diagnostics.map(\.reportJSON))
        return .object(object)
    }

    private func rate(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }

    private func quantiles(_ at: (Double) -> Int, max: Int, mean: Double) -> JSONValue {
        .object([
            "p5": .integer(at(5)), "p50": .integer(at(50)), "p95": .integer(at(95)),
            "max": .integer(max), "mean": .double((mean * 10).rounded() / 10),
        ])
    }
}
