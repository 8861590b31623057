import SiftCore
import Collections

/// What `sift filter` did: how many records came in, were kept and removed, and per rule how many
/// records it removed first (each removed record is attributed to its first failing rule, so these
/// add up to the removed count) and how many it failed in total.
public struct FilterReport: Sendable {
    public struct RuleCount: Sendable, Equatable {
        public var first = 0
        public var total = 0
    }

    public var files: [String]
    public var kind: DatasetKind
    public var configuration: FilterConfiguration
    public var records = 0
    public var kept = 0
    public var removed = 0
    public var malformed = 0
    public var bytes = 0
    /// Rules in the order they were first seen failing.
    public var rules: OrderedDictionary<String, RuleCount> = [:]
    /// A few removed records per rule, by reference (`id` or `line:N`).
    public var examples: [String: ReferenceSample] = [:]

    public init(files: [String], kind: DatasetKind, configuration: FilterConfiguration) {
        self.files = files
        self.kind = kind
        self.configuration = configuration
    }

    public mutating func addKept() {
        records += 1
        kept += 1
    }

    public mutating func addRemoved(_ failures: [FilterFailure], reference: String) {
        records += 1
        removed += 1
        for (i, failure) in failures.enumerated() {
            rules[failure.rule, default: RuleCount()].total += 1
            if i == 0 {
                rules[failure.rule, default: RuleCount()].first += 1
                examples[failure.rule, default: ReferenceSample(limit: 5)].add(reference)
            }
        }
    }

    public mutating func addMalformed(_ item: MalformedRecord) {
        malformed += 1
        removed += 1
        rules["malformed", default: RuleCount()].first += 1
        rules["malformed", default: RuleCount()].total += 1
        examples["malformed", default: ReferenceSample(limit: 5)].add("\(item.file):\(item.line)")
    }

    public var json: JSONValue {
        var ruleObject = JSONObject()
        for (rule, count) in rules {
            ruleObject[rule] = [
                "first": .integer(count.first), "total": .integer(count.total),
                "examples": .array((examples[rule]?.references ?? []).map { .string($0) }),
            ]
        }
        return [
            "files": .array(files.map { .string($0) }),
            "kind": .string(kind.rawValue),
            "rule_sets": .array(configuration.ruleSets.map { .string($0.rawValue) }),
            "parameters": configuration.parametersJSON,
            "input": .integer(records + malformed),
            "records": .integer(records),
            "malformed": .integer(malformed),
            "kept": .integer(kept),
            "removed": .integer(removed),
            "rules": .object(ruleObject),
        ]
    }
}

extension FilterFailure {
    /// The `_sift.filter` annotation of a removed record: its first failure, and the other rules it
    /// failed too.
    static func annotation(_ failures: [FilterFailure]) -> JSONValue {
        guard var object = failures.first?.json.objectValue else { return .null }
        if failures.count > 1 {
            object["also"] = .array(failures.dropFirst().map(\.json))
        }
        return .object(object)
    }
}
