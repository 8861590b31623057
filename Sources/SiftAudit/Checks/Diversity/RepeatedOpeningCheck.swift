import SiftCore
import SiftText

/// `repeated_opening`: many instructions (or documents, for datasets without prompts) starting
/// with the same three words, case and edge punctuation aside. Self-Instruct-style generation
/// collapses onto a few templates ("Write a function", "Generate a list"); a model trained on
/// them learns the template. An opening is flagged when it starts at least 5% of the records (and
/// at least 3); `count` is the records starting with a flagged opening. Counts are exact for every
/// opening (a hash table of 64-bit keys); references are kept for at most 10,000 openings: the
/// first 5,000 from their first record, later ones once they reach 3 records (so on very varied
/// data the first two records of a late, frequent opening are counted but not referenced).
struct RepeatedOpeningCheck: AuditCheck {
    static let words = 3
    static let minimumShare = 0.05
    static let minimumCount = 3
    static let trackedOpenings = 10_000

    struct Tracked {
        var text: String
        var flagged = FlaggedRecords()
    }

    struct State {
        /// Records per opening.
        var openings = TrackedCounts<Tracked>(limit: RepeatedOpeningCheck.trackedOpenings, lateCount: RepeatedOpeningCheck.minimumCount)
    }

    func observe(_ record: AuditRecord) -> UInt64? {
        guard let text = record.input else { return nil }
        return Self.opening(text)
    }

    /// The hash of the first `words` words (punctuation-only words skipped), nil for shorter texts.
    static func opening(_ text: String) -> UInt64? {
        var hash: UInt64 = 0
        var count = 0
        WordScanner.forEachWord(in: text) { range, bytes in
            guard let h = WordScanner.trimmedHash(bytes, range) else { return true }
            hash = hash &* 0x0000_0100_0000_01B3 &+ h
            count += 1
            return count < words
        }
        return count == words ? hash : nil
    }

    static func openingText(_ text: String) -> String {
        var parts: [String] = []
        WordScanner.forEachWord(in: text) { range, bytes in
            let word = WordScanner.word(bytes, range)
            if !word.isEmpty { parts.append(word) }
            return parts.count < words
        }
        return parts.joined(separator: " ")
    }

    func makeState() -> State { State() }

    func absorb(_ hash: UInt64?, of record: AuditRecord, into state: inout State) {
        guard let hash else { return }
        state.openings.count(hash, make: { Tracked(text: Self.openingText(record.input ?? "")) }) { $0.flagged.add(record, excerpt: record.input) }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard context.records > 0 else { return CheckResult() }
        let threshold = max(Self.minimumCount, Int((Self.minimumShare * Double(context.records)).rounded(.up)))
        let entries = state.openings.entries.map { (key: $0.key, value: $0.count, tracked: $0.tracked) }
        let frequent = entries.filter { $0.value >= threshold }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let top = entries.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
        let chart = AuditChart(id: "top_openings", title: "Most common openings (first three words)", style: .bars,
                               bins: top.compactMap { item in item.tracked.map { (label: $0.text, value: item.value) } })
        guard !frequent.isEmpty else { return CheckResult(charts: chart.bins.isEmpty ? [] : [chart]) }
        var flagged = FlaggedRecordsUnion()
        var count = 0
        for item in frequent {
            count += item.value
            if let tracked = item.tracked { flagged.add(tracked.flagged) }
        }
        let described = frequent.prefix(5).map { "\"\($0.tracked?.text ?? "…")…\" ×\($0.value)" }.joined(separator: ", ")
        let share = context.rate(count)
        let message = "\(frequent.count) opening\(plural(frequent.count)) \(verb(frequent.count, "starts", "each start")) at least 5% of the records (\(described)); \(count) records in all"
        return CheckResult(findings: [AuditFinding(check: "repeated_opening", dimension: .diversity, severity: share >= 0.25 ? .warning : .info,
                                                   message: message, count: count, rate: share, records: flagged.references, examples: flagged.examples)],
                           charts: [chart])
    }
}
