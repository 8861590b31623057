import SiftCore

/// How records are grouped so that a group never straddles two splits.
public enum SplitGrouping: Sendable {
    /// Every record is its own group.
    case none
    /// Records with the same value of this field (a user id, a conversation id, a source document).
    case field(String)
    /// Precomputed group ids, one per record in input order (near-duplicate clusters).
    case groups([Int])
}

/// The options of `sift split`.
public struct SplitOptions: Sendable {
    public var names: [String]
    public var ratios: [Double]
    /// Stratify by the record's label (`RecordContent.label`) or by this field.
    public var stratify: String?
    public var grouping: SplitGrouping
    public var seed: UInt64

    /// train/validation/test for three splits, train/test for two, split1... otherwise.
    public static func defaultNames(count: Int) -> [String] {
        switch count {
        case 3: return ["train", "validation", "test"]
        case 2: return ["train", "test"]
        default: return (0..<count).map { "split\($0 + 1)" }
        }
    }

    public init(names: [String], ratios: [Double], stratify: String? = nil, grouping: SplitGrouping = .none, seed: UInt64 = 42) {
        self.names = names
        self.ratios = ratios
        self.stratify = stratify
        self.grouping = grouping
        self.seed = seed
    }
}

/// What a split produced: records per split, strata per split, and the leakage check.
public struct SplitReport: Sendable {
    public var names: [String]
    public var ratios: [Double]
    public var counts: [Int]
    public var groupsPerSplit: [Int]
    /// Per split, records per stratum value (when stratifying).
    public var strata: [[String: Int]]
    public var malformed: Int
    public var groups: Int
    /// Groups found in more than one split after writing: always 0, verified rather than assumed.
    public var groupsInSeveralSplits: Int
    public var outputs: [String]

    public var json: JSONValue {
        var splits: [JSONValue] = []
        for (i, name) in names.enumerated() {
            var entry: JSONObject = ["name": .string(name), "path": .string(outputs[i]), "ratio": .double(ratios[i]),
                                     "records": .integer(counts[i]), "groups": .integer(groupsPerSplit[i])]
            if !strata[i].isEmpty {
                var s = JSONObject()
                for (key, count) in strata[i].sorted(by: { $0.key < $1.key }) { s[key] = .integer(count) }
                entry["strata"] = .object(s)
            }
            splits.append(.object(entry))
        }
        return [
            "records": .integer(counts.reduce(0, +)), "malformed": .integer(malformed), "groups": .integer(groups),
            "groups_in_several_splits": .integer(groupsInSeveralSplits), "splits": .array(splits),
        ]
    }
}

/// Splits a dataset in two streaming passes: the first reads each record's group and stratum (a
/// few integers per record), the assignment is computed, the second writes each record to its
/// split. Malformed input goes to `rejects.jsonl` in the output directory.
public enum DatasetSplitter {
    /// Writes `<directory>/<name>.<fileExtension>` per split (`jsonl`, or `parquet` for Parquet)
    /// and `<directory>/rejects.jsonl`.
    public static func split(paths: [String], into directory: String, options: SplitOptions, readOptions: ReadOptions = ReadOptions(),
                             fileExtension: String = "jsonl") throws -> SplitReport {
        try split(paths: paths, outputs: options.names.map { "\(directory)/\($0).\(fileExtension)" }, rejects: "\(directory)/rejects.jsonl",
                  options: options, readOptions: readOptions)
    }

    /// Writes split `k` to `outputs[k]` and malformed input to `rejects`.
    public static func split(paths: [String], outputs: [String], rejects rejectsPath: String, options: SplitOptions,
                             readOptions: ReadOptions = ReadOptions()) throws -> SplitReport {
        guard options.names.count == options.ratios.count, options.ratios.count >= 2 else {
            throw SiftError("give as many split names as ratios (at least two)", status: .usage)
        }
        guard options.ratios.allSatisfy({ $0 >= 0 }), options.ratios.reduce(0, +) > 0 else {
            throw SiftError("split ratios must be non-negative and not all zero", status: .usage)
        }
        // Pass 1: group and stratum of each record.
        let stream = try DatasetStream(paths: paths, options: readOptions)
        let kind = try stream.detectKind()
        var items: [SplitAssignment.Item] = []
        var groupIds: [UInt64: Int] = [:]
        var strataIds: [String: Int] = [:]
        var strataNames: [String] = []
        var fieldGroupMissing = 0
        try stream.forEach { event in
            guard case .record(let record) = event else { return }
            let index = items.count
            let group: Int
            switch options.grouping {
            case .none:
                group = index
            case .field(let name):
                if let value = record.fields[name], !value.isNull {
                    let key = XXH64.hash(JSONWriter().bytes(value))
                    if let id = groupIds[key] { group = id } else {
                        group = -(groupIds.count + 1)
                        groupIds[key] = group
                    }
                } else {
                    // Without the field a record is its own group.
                    fieldGroupMissing += 1
                    group = index
                }
            case .groups(let ids):
                guard index < ids.count else { throw SiftError("internal: fewer group ids than records", status: .dataError) }
                group = ids[index]
            }
            var stratum = 0
            if let field = options.stratify {
                let value = field == "label" ? (record.content(as: kind).label ?? record.fields["label"]?.scalarText)
                                             : record.fields[field]?.scalarText
                let name = value ?? "(none)"
                if let id = strataIds[name] { stratum = id } else {
                    stratum = strataNames.count
                    strataIds[name] = stratum
                    strataNames.append(name)
                }
            }
            items.append(SplitAssignment.Item(group: group, stratum: stratum))
        }
        let assignment = SplitAssignment(items: items, ratios: options.ratios, seed: options.seed)

        // Pass 2: write each record to its split.
        let writers = try outputs.map { try DatasetWriter(path: $0) }
        let rejects = try DatasetWriter(path: rejectsPath)
        var counts = Array(repeating: 0, count: outputs.count)
        var strata = Array(repeating: [String: Int](), count: outputs.count)
        var splitsOfGroup: [Int: Set<Int>] = [:]
        var index = 0
        var malformed = 0
        try DatasetStream(paths: paths, options: readOptions).forEach { event in
            switch event {
            case .record(let record):
                let split = assignment.splitOfItem[index]
                try writers[split].write(record)
                counts[split] += 1
                if options.stratify != nil { strata[split][strataNames[items[index].stratum], default: 0] += 1 }
                splitsOfGroup[items[index].group, default: []].insert(split)
                index += 1
            case .malformed(let item):
                malformed += 1
                try rejects.write(item.rejectRecord)
            }
        }
        for writer in writers { try writer.close() }
        try rejects.close()
        return SplitReport(names: options.names, ratios: options.ratios, counts: counts, groupsPerSplit: assignment.groupsPerSplit,
                           strata: strata, malformed: malformed, groups: splitsOfGroup.count,
                           groupsInSeveralSplits: splitsOfGroup.values.filter { $0.count > 1 }.count, outputs: outputs)
    }
}
