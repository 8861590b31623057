import SiftCore
import SiftText

/// `exact_duplicate`: records whose text (`comparableText`: a document, or a conversation's turns
/// joined by newlines) is identical to an earlier record's after `TextNormalization.canonical`
/// (Unicode NFKC, case folding, whitespace runs collapsed): the definition `sift dedup --method
/// exact` uses. `count` is the records a deduplication would remove (every copy after the first),
/// and references point at those copies. Memory: one 64-bit XXH64 and a counter per distinct text;
/// the probability of a false match among n texts is about n²/2⁶⁵ (1e-8 at 600,000 texts). Blank
/// texts are left to `empty_value`/`empty_response`. Also publishes `distinct_records` and
/// `distinct_characters` (of the main texts), what sufficiency counts.
struct ExactDuplicateCheck: AuditCheck {
    static let trackedClusters = 10_000

    struct Cluster {
        var excerpt: String
        var flagged = FlaggedRecords()
    }

    struct State {
        var counts = HashTable<Int32>()
        var clusters: [UInt64: Cluster] = [:]
        var flagged = FlaggedRecords()
        var distinctCharacters = 0
    }

    func observe(_ record: AuditRecord) -> UInt64? {
        record.textHash
    }

    func makeState() -> State { State() }

    func absorb(_ hash: UInt64?, of record: AuditRecord, into state: inout State) {
        guard let hash else { return }
        let count = state.counts.update(hash, initial: 0) { value -> Int32 in
            value += 1
            return value
        }
        if count == 1 {
            state.distinctCharacters += record.mainCharacters
            return
        }
        state.flagged.add(record)
        if state.clusters[hash] == nil, state.clusters.count < Self.trackedClusters {
            state.clusters[hash] = Cluster(excerpt: FlaggedRecords.shorten(record.text))
        }
        state.clusters[hash]?.flagged.add(record)
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let duplicates = state.flagged.count
        let metrics: [(name: String, value: JSONValue)] = [
            ("distinct_records", .integer(state.counts.count)),
            ("distinct_characters", .integer(state.distinctCharacters)),
            ("exact_duplicates", .integer(duplicates)),
        ]
        guard duplicates > 0 else { return CheckResult(metrics: metrics) }
        let sizes = state.counts.entries.lazy.map(\.value).filter { $0 > 1 }
        let buckets: [(label: String, range: ClosedRange<Int32>)] = [("2", 2...2), ("3", 3...3), ("4-5", 4...5), ("6-10", 6...10), ("11-100", 11...100), ("100+", 101...Int32.max)]
        let histogram = AuditChart(id: "duplicate_clusters", title: "Duplicate clusters by size (records per cluster)", style: .columns,
                                   bins: buckets.map { bucket in (bucket.label, sizes.filter { bucket.range.contains($0) }.count) })
        let largest = state.clusters.sorted { a, b in
            let (x, y) = (state.counts[a.key]!, state.counts[b.key]!)
            return x != y ? x > y : a.value.excerpt < b.value.excerpt
        }.prefix(10)
        let top = AuditChart(id: "largest_duplicate_clusters", title: "Largest duplicate clusters (records per text)", style: .bars,
                             bins: largest.map { ($0.value.excerpt, Int(state.counts[$0.key]!)) })
        var examples: [AuditFinding.Example] = []
        for cluster in largest.prefix(AuditFinding.maxExamples) {
            examples.append(AuditFinding.Example(reference: cluster.value.flagged.references.first ?? "", text: "×\(state.counts[cluster.key]!): \(cluster.value.excerpt)"))
        }
        let message = "\(duplicates) record\(plural(duplicates)) \(verb(duplicates, "repeats", "repeat")) an earlier record's text (\(sizes.count) cluster\(plural(sizes.count)), the largest of \(sizes.max() ?? 0))"
        let finding = AuditFinding(check: "exact_duplicate", dimension: .uniqueness, severity: .warning, message: message, count: duplicates,
                                   rate: context.rate(duplicates), records: state.flagged.references, examples: examples)
        return CheckResult(findings: [finding], charts: [histogram, top], metrics: metrics)
    }
}
