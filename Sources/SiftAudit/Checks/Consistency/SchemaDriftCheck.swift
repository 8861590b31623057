import SiftCore

/// `schema_drift`: records whose set of top-level field names differs from the most common set
/// (Sift's own `_sift` annotations aside). Drift usually means several sources were concatenated
/// without a common schema, and downstream code that expects one shape breaks or silently skips.
/// A field set is keyed by the wrapping sum of its names' XXH64s (order-independent). `count` is
/// every record outside the most common set.
struct SchemaDriftCheck: AuditCheck {
    static let trackedSets = 1_000

    /// One field set: how many records have it and, for the first `trackedSets` sets, its names
    /// and references.
    struct FieldSet {
        var count = 0
        var names: [String]?
        var flagged = FlaggedRecords()
    }

    struct State {
        /// Per field-set key, first seen first.
        var sets = FirstSeenTable<UInt64, FieldSet>()
    }

    func observe(_ record: AuditRecord) -> UInt64 {
        var key: UInt64 = 0
        for name in record.record.fields.keys where name != RecordSchema.annotationKey {
            key = key &+ XXH64.hash(name)
        }
        return key
    }

    func makeState() -> State { State() }

    func absorb(_ key: UInt64, of record: AuditRecord, into state: inout State) {
        let tracked = state.sets.count < Self.trackedSets
        state.sets.update(key, initial: { FieldSet(names: tracked ? record.record.fields.keys.filter { $0 != RecordSchema.annotationKey } : nil) }) { set in
            set.count += 1
            if set.names != nil { set.flagged.add(record, excerpt: JSONWriter().string(.object(record.record.fields))) }
        }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard state.sets.count > 1 else { return CheckResult() }
        // The most common tracked set (the first seen among equals) is the dataset's schema.
        let tracked = state.sets.values.enumerated().compactMap { position, set in set.names.map { (position: position, names: $0, set: set) } }
        let dominant = tracked.max { a, b in a.set.count != b.set.count ? a.set.count < b.set.count : a.position > b.position }!
        let count = context.records - dominant.set.count
        let main = Set(dominant.names)
        var flagged = FlaggedRecordsUnion()
        var variants: [(description: String, count: Int)] = []
        for other in tracked where other.position != dominant.position {
            flagged.add(other.set.flagged)
            let names = Set(other.names)
            let added = other.names.filter { !main.contains($0) }.map { "+" + $0 }
            let removed = dominant.names.filter { !names.contains($0) }.map { "−" + $0 }
            variants.append(((added + removed).joined(separator: " "), other.set.count))
        }
        let top = variants.sorted { $0.count > $1.count }.prefix(3).map { "\($0.description) ×\($0.count)" }
        let message = "\(count) record\(plural(count)) \(verb(count, "has", "have")) a different field set than the usual {\(dominant.names.joined(separator: ", "))} (\(state.sets.count - 1) variant\(plural(state.sets.count - 1)): \(top.joined(separator: "; ")))"
        return CheckResult(findings: [AuditFinding(check: "schema_drift", dimension: .consistency, severity: .warning, message: message,
                                                   count: count, rate: context.rate(count), records: flagged.references, examples: flagged.examples)])
    }
}
