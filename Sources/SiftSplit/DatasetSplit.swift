import SiftCore
import SiftDedup

/// How records are grouped so that a group never straddles two splits.
public enum SplitGrouping: Sendable {
    /// Every record is its own group.
    case none
    /// Records with the same value of this field (a user id, a conversation id, a source document).
    case field(String)
    /// Precomputed group ids, one per record in input order (near-duplicate clusters).
    case groups([Int])
}

/// Records to leave out of every split (`sift split --drop-label-errors`): each goes to the rejects
/// carrying its annotation under `_sift.<annotationKey>`. Which records, and why, is the caller's
/// decision (the splitter does not judge records), so this module needs no learner.
public struct SplitExclusions: Sendable {
    public var annotationKey: String
    /// The annotation of each excluded record, by its position among the input's well-formed
    /// records (0-based, input order; malformed input is not counted).
    public var annotations: [Int: JSONValue]

    public init(annotationKey: String, annotations: [Int: JSONValue]) {
        self.annotationKey = annotationKey
        self.annotations = annotations
    }
}

/// The options of `sift split`.
public struct SplitOptions: Sendable {
    public var names: [String]
    public var ratios: [Double]
    /// Stratify by the record's label (`RecordContent.label`) or by this field.
    public var stratify: String?
    public var grouping: SplitGrouping
    public var seed: UInt64
    /// Records removed before splitting; they take no part in grouping, strata or shares.
    public var exclusions: SplitExclusions?

    /// The seed when none is given, for `sift split` and the recipe step alike.
    public static let defaultSeed: UInt64 = 42
    /// The near-duplicate grouping's threshold when none is given: dedup's.
    public static let defaultThreshold = DedupOptions().threshold

    /// The numeric options, one definition for `sift split`'s flags and the recipe step's schema.
    public enum Parameters {
        /// Shares are normalised to sum to 1, so 8,1,1 is 0.8,0.1,0.1.
        public static let ratio = NumberParameter("ratios", 0...1_000_000, help: "Shares of the splits, comma-separated (normalised to sum to 1).")
        /// The near-duplicate grouping uses dedup's detector, so its threshold is dedup's.
        public static let threshold = DedupOptions.Parameters.threshold
    }

    /// train/validation/test for three splits, train/test for two, split1... otherwise.
    public static func defaultNames(count: Int) -> [String] {
        switch count {
        case 3: return ["train", "validation", "test"]
        case 2: return ["train", "test"]
        default: return (0..<count).map { "split\($0 + 1)" }
        }
    }

    public init(names: [String], ratios: [Double], stratify: String? = nil, grouping: SplitGrouping = .none, seed: UInt64 = SplitOptions.defaultSeed,
                exclusions: SplitExclusions? = nil) {
        self.names = names
        self.ratios = ratios
        self.stratify = stratify
        self.grouping = grouping
        self.seed = seed
        self.exclusions = exclusions
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
    /// Well-formed records left out by `SplitOptions.exclusions` (written to the rejects).
    public var excluded: Int = 0
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
            "input_records": .integer(counts.reduce(0, +) + excluded + malformed),
            "records": .integer(counts.reduce(0, +)), "excluded": .integer(excluded), "malformed": .integer(malformed), "groups": .integer(groups),
            "groups_in_several_splits": .integer(groupsInSeveralSplits), "splits": .array(splits),
        ]
    }
}

/// Splits a dataset in two streaming passes: the first reads each record's group and stratum (a
/// few integers per record), the assignment is computed, the second writes each record to its
/// split. Malformed input and excluded records go to `rejects.jsonl` in the output directory, so
/// that the input's records = the splits' + the rejects'.
public enum DatasetSplitter {
    /// Writes `<directory>/<name>.<fileExtension>` per split (`jsonl`, or `parquet` for Parquet)
    /// and `<directory>/rejects.jsonl`.
    public static func split(paths: [String], into directory: String, options: SplitOptions, readOptions: ReadOptions = ReadOptions(),
                             fileExtension: String = "jsonl") throws -> SplitReport {
        try split(paths: paths, outputs: options.names.map { "\(directory)/\($0).\(fileExtension)" }, rejects: "\(directory)/rejects.jsonl",
                  options: options, readOptions: readOptions)
    }

    /// Writes split `k` to `outputs[k]`, and malformed input and excluded records to `rejects`.
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
        let excluded = options.exclusions?.annotations ?? [:]
        var recordIndex = 0
        try stream.forEach { event in
            guard case .record(let record) = event else { return }
            // Precomputed groups are numbered over all well-formed records, excluded ones too.
            let position = recordIndex
            recordIndex += 1
            if excluded[position] != nil { return }
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
                guard position < ids.count else { throw SiftError("internal: fewer group ids than records", status: .dataError) }
                group = ids[position]
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
        var excludedCount = 0
        recordIndex = 0
        try DatasetStream(paths: paths, options: readOptions).forEach { event in
            switch event {
            case .record(var record):
                defer { recordIndex += 1 }
                if let exclusions = options.exclusions, let annotation = exclusions.annotations[recordIndex] {
                    record.annotate(exclusions.annotationKey, annotation)
                    try rejects.write(record)
                    excludedCount += 1
                    return
                }
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
                           strata: strata, malformed: malformed, excluded: excludedCount, groups: splitsOfGroup.count,
                           groupsInSeveralSplits: splitsOfGroup.values.filter { $0.count > 1 }.count, outputs: outputs)
    }
}
