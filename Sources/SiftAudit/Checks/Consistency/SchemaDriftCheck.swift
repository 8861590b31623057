import SiftCore

/// `schema_drift`: records whose set of top-level field names differs from the most common set
/// (Sift's own `_sift` annotations aside). Drift usually means several sources were concatenated
/// without a common schema, and downstream code that expects one shape breaks or silently skips.
/// A field set is keyed by the wrapping sum of its names' XXH64s (order-independent). `count` is
/// every record outside the most common set.
struct SchemaDriftCheck: AuditCheck {
    static let trackedSets = 1_000

    struct FieldSet {
        var names: [String]
        var flagged = FlaggedRecords()
    }

    struct State {
        var counts: [UInt64: Int] = [:]
        var sets: [UInt64: FieldSet] = [:]
        var order: [UInt64] = []
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
        state.counts[key, default: 0] += 1
        if state.sets[key] == nil {
            guard state.sets.count < Self.trackedSets else { return }
            state.sets[key] = FieldSet(names: record.record.fields.keys.filter { $0 != RecordSchema.annotationKey })
            state.order.append(key)
        }
        state.sets[key]!.flagged.add(record, excerpt: JSONWriter().string(.object(record.record.fields)))
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard state.counts.count > 1 else { return CheckResult() }
        let dominant = state.order.max { a, b in
            let (x, y) = (state.counts[a]!, state.counts[b]!)
            return x != y ? x < y : state.order.firstIndex(of: a)! > state.order.firstIndex(of: b)!
        }!
        let count = context.records - state.counts[dominant]!
        let main = Set(state.sets[dominant]!.names)
        var flagged = FlaggedRecordsUnion()
        var variants: [(description: String, count: Int)] = []
        for key in state.order where key != dominant {
            let set = state.sets[key]!
            flagged.add(set.flagged)
            let names = Set(set.names)
            let added = set.names.filter { !main.contains($0) }.map { "+" + $0 }
            let removed = state.sets[dominant]!.names.filter { !names.contains($0) }.map { "−" + $0 }
            variants.append(((added + removed).joined(separator: " "), state.counts[key]!))
        }
        let top = variants.sorted { $0.count > $1.count }.prefix(3).map { "\($0.description) ×\($0.count)" }
        let message = "\(count) record\(plural(count)) \(verb(count, "has", "have")) a different field set than the usual {\(state.sets[dominant]!.names.joined(separator: ", "))} (\(state.counts.count - 1) variant\(plural(state.counts.count - 1)): \(top.joined(separator: "; ")))"
        return CheckResult(findings: [AuditFinding(check: "schema_drift", dimension: .consistency, severity: .warning, message: message,
                                                   count: count, rate: context.rate(count), records: flagged.references, examples: flagged.examples)])
    }
}
