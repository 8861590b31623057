import SiftCore

/// What a generator run did, for the terminal summary and `--json`. `removed` lists every
/// candidate or item that did not become a record, with its reason, so the run's counts add up:
/// candidates = kept + removed for Self-Instruct, items = written + already done + removed for the
/// others.
public struct GenerationReport: Sendable {
    public var technique: String
    /// Records in the output before this run (a resumed run).
    public var resumed = 0
    /// Records this run appended.
    public var written = 0
    /// Items skipped because their record was already in the output.
    public var alreadyDone = 0
    public var removed: [RemovedItem] = []
    /// Technique-specific counts (rounds, candidates, drift flags, ...).
    public var counts: [(String, Int)] = []
    public var notes: [String] = []

    public init(technique: String) { self.technique = technique }

    public mutating func count(_ name: String, _ add: Int = 1) {
        if let i = counts.firstIndex(where: { $0.0 == name }) { counts[i].1 += add } else { counts.append((name, add)) }
    }

    public var removedByReason: [(String, Int)] {
        var tally: [String: Int] = [:]
        for item in removed { tally[item.reason, default: 0] += 1 }
        return tally.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "technique": .string(technique), "resumed": .integer(resumed), "written": .integer(written),
            "total": .integer(resumed + written), "removed": .integer(removed.count),
        ]
        object["removed_by_reason"] = .object(JSONObject(uniqueKeysWithValues: removedByReason.map { ($0.0, JSONValue.integer($0.1)) }))
        for (name, value) in counts { object[name] = .integer(value) }
        if !notes.isEmpty { object["notes"] = .array(notes.map(JSONValue.string)) }
        return .object(object)
    }
}

/// A candidate or work item that did not become a record.
public struct RemovedItem: Sendable {
    public var key: String
    public var reason: String
    public var detail: String
    public var fields: JSONObject

    public init(key: String, reason: String, detail: String, fields: JSONObject) {
        self.key = key
        self.reason = reason
        self.detail = detail
        self.fields = fields
    }

    /// The line written to `--removed`: the item's fields plus `_sift.removed: {reason, detail, key}`.
    public var json: JSONValue {
        var record = Record(fields: fields, location: RecordLocation(file: "", line: 0, index: 0))
        record.annotate("removed", ["reason": .string(reason), "detail": .string(detail), "key": .string(key)])
        return .object(record.fields)
    }
}

/// Settings every generator shares.
public struct GenerationSettings: Sendable {
    public var technique: String
    public var seed: UInt64
    public var shape: RecordShape
    public var licenseNote: String?

    public init(technique: String, seed: UInt64 = 42, shape: RecordShape = .chat, licenseNote: String? = nil) {
        self.technique = technique
        self.seed = seed
        self.shape = shape
        self.licenseNote = licenseNote
    }
}

/// Progress of a generator: records on disk so far and the target (nil when unknown).
public typealias GenerationProgress = @Sendable (_ done: Int, _ target: Int?) -> Void
