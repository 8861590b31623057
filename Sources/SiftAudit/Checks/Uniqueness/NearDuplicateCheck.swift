import SiftCore
import SiftDedup

/// `near_duplicate`: records whose text is a near-copy of an earlier record's, by the MinHash-LSH
/// detector `sift dedup` uses (word 5-gram shingles of `TextNormalization.canonical` text, 128
/// permutations, estimated Jaccard ≥ `threshold`, clusters by union-find). Exact copies are left to
/// `exact_duplicate` and never counted twice: `count` is what `sift dedup --method both` would
/// remove as `near`, and each reference points at a near-copy. Memory: a signature (about 0.8 KB)
/// per distinct text, never the text.
struct NearDuplicateCheck: AuditCheck {
    let detector: NearDuplicateDetector

    init(threshold: Double) {
        detector = NearDuplicateDetector(threshold: threshold)
    }

    struct State {
        var grouper: NearDuplicateGrouper
        var seen = Set<UInt64>()
        /// Per item added to the grouper: the record's reference and excerpt source.
        var references: [String] = []
        var excerpts: [Int: String] = [:]
    }

    func observe(_ record: AuditRecord) -> NearDuplicateDetector.Sketch? {
        record.textHash == nil ? nil : detector.sketch(of: record.text)
    }

    func makeState() -> State { State(grouper: NearDuplicateGrouper(detector: detector)) }

    func absorb(_ sketch: NearDuplicateDetector.Sketch?, of record: AuditRecord, into state: inout State) {
        guard let hash = record.textHash, state.seen.insert(hash).inserted else { return }
        state.references.append(record.reference)
        // Excerpts of the first records, enough for examples of the first clusters.
        if state.excerpts.count < 5_000 { state.excerpts[state.references.count - 1] = FlaggedRecords.shorten(record.text, limit: 160) }
        state.grouper.add(sketch)
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        var grouper = state.grouper
        let clusters = grouper.clusters { state.references[$0] }
        var flagged = FlaggedRecords()
        var pairs: [(index: Int, reference: String, of: String, similarity: Double)] = []
        for cluster in clusters {
            for member in cluster.duplicates {
                pairs.append((member.index, member.reference, cluster.representative.reference, member.similarity))
            }
        }
        pairs.sort { $0.index < $1.index }
        for pair in pairs {
            let excerpt = state.excerpts[pair.index].map { "≈\(formatSimilarity(pair.similarity)) of \(pair.of): \($0)" }
            flagged.add(reference: pair.reference, excerpt: excerpt)
        }
        let metrics: [(name: String, value: JSONValue)] = [
            ("near_duplicates", .integer(flagged.count)), ("near_duplicate_clusters", .integer(clusters.count)),
        ]
        guard flagged.count > 0 else { return CheckResult(metrics: metrics) }
        let n = flagged.count
        let message = "\(n) record\(plural(n)) \(verb(n, "is a near-copy", "are near-copies")) of an earlier record (estimated Jaccard ≥ \(formatSimilarity(detector.threshold)), \(clusters.count) cluster\(plural(clusters.count)))"
        return CheckResult(findings: [flagged.finding("near_duplicate", .uniqueness, .warning, message, rate: context.rate(n))], metrics: metrics)
    }

    private func formatSimilarity(_ value: Double) -> String {
        String(Double(Int((value * 100).rounded())) / 100)
    }
}
