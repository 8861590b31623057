import Foundation
import SiftCore

/// `length_outlier`, and the length histogram. Lengths are the main text's Unicode scalars (the
/// response of instruction data, an evaluation case's input, a document's text). Text lengths are
/// roughly log-normal, so the fences are Tukey's "far out" fences (k = 3) on log(1 + length):
/// `exp(Q1 − 3·IQR) − 1` and `exp(Q3 + 3·IQR) − 1`, with Q1, Q3 the nearest-rank quartiles. Blank
/// texts are left to `empty_response`/`empty_value`; fewer than 20 texts give no fences. The
/// distribution is kept exactly as a count per distinct length (memory grows with distinct
/// lengths, not records), so the count is exact; references are the most extreme records (the 20
/// shortest and 20 longest are kept as the pass goes).
struct LengthOutlierCheck: AuditCheck {
    static let minimumTexts = 20
    static let fence = 3.0
    static let binEdges = [1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 100_000]
    static let binLabels = ["1-9", "10-49", "50-99", "100-249", "250-499", "500-999", "1k-2.5k", "2.5k-5k", "5k-10k", "10k-25k", "25k-100k", "100k+"]

    /// A record among the shortest or longest seen; the record itself is kept (at most 40 of
    /// them), so its excerpt is only made for the few that end up in the report.
    struct Extreme {
        var length: Int
        var record: AuditRecord
    }

    struct State {
        var histogram: [Int: Int] = [:]
        var shortest: [Extreme] = []
        var longest: [Extreme] = []
    }

    func observe(_ record: AuditRecord) -> Int { record.mainCharacters }

    func makeState() -> State { State() }

    func absorb(_ length: Int, of record: AuditRecord, into state: inout State) {
        guard length > 0 else { return }
        state.histogram[length, default: 0] += 1
        let limit = Finding.maxReferences
        if state.shortest.count < limit || length < state.shortest.last!.length {
            Self.insert(Extreme(length: length, record: record), into: &state.shortest, limit: limit, by: <)
        }
        if state.longest.count < limit || length > state.longest.last!.length {
            Self.insert(Extreme(length: length, record: record), into: &state.longest, limit: limit, by: >)
        }
    }

    /// Keeps `list` ordered by `order` on length (ties keep input order) and at most `limit` long.
    private static func insert(_ item: Extreme, into list: inout [Extreme], limit: Int, by order: (Int, Int) -> Bool) {
        let position = list.firstIndex { order(item.length, $0.length) } ?? list.count
        list.insert(item, at: position)
        if list.count > limit { list.removeLast() }
    }

    /// The nearest-rank percentile of the exact distribution.
    static func percentile(_ p: Double, of sorted: [(length: Int, count: Int)], total: Int) -> Int {
        let rank = max(1, Int((p / 100 * Double(total)).rounded(.up)))
        var seen = 0
        for item in sorted {
            seen += item.count
            if seen >= rank { return item.length }
        }
        return sorted.last?.length ?? 0
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let sorted = state.histogram.map { (length: $0.key, count: $0.value) }.sorted { $0.length < $1.length }
        let total = sorted.reduce(0) { $0 + $1.count }
        guard total > 0 else { return CheckResult() }
        var bins: [(label: String, value: Int)] = []
        for (i, lower) in Self.binEdges.enumerated() {
            let upper = i + 1 < Self.binEdges.count ? Self.binEdges[i + 1] : Int.max
            bins.append((Self.binLabels[i], sorted.reduce(0) { $1.length >= lower && $1.length < upper ? $0 + $1.count : $0 }))
        }
        let chart = AuditChart(id: "length_histogram", title: "Main text length (characters)", style: .columns, bins: bins)
        let q1 = log1p(Double(Self.percentile(25, of: sorted, total: total)))
        let q3 = log1p(Double(Self.percentile(75, of: sorted, total: total)))
        let median = Self.percentile(50, of: sorted, total: total)
        var metrics: [(name: String, value: JSONValue)] = [("median_length", .integer(median))]
        guard total >= Self.minimumTexts else { return CheckResult(charts: [chart], metrics: metrics) }
        let iqr = q3 - q1
        let low = expm1(q1 - Self.fence * iqr)
        let high = expm1(q3 + Self.fence * iqr)
        metrics.append(("length_fences", .array([.double((low * 10).rounded() / 10), .double((high * 10).rounded() / 10)])))
        var short = 0
        var long = 0
        for item in sorted {
            if Double(item.length) < low { short += item.count }
            if Double(item.length) > high { long += item.count }
        }
        let count = short + long
        guard count > 0 else { return CheckResult(charts: [chart], metrics: metrics) }
        var references: [String] = []
        var examples: [AuditFinding.Example] = []
        let outside = state.longest.filter { Double($0.length) > high } + state.shortest.filter { Double($0.length) < low }
        for item in outside.prefix(Finding.maxReferences) {
            references.append(item.record.reference)
            if examples.count < AuditFinding.maxExamples {
                examples.append(AuditFinding.Example(reference: item.record.reference, text: FlaggedRecords.shorten(item.record.mainText ?? "")))
            }
        }
        let rate = context.rate(count)
        let message = "\(count) text\(plural(count)) far outside the usual length (median \(median) characters; \(short) shorter than \(Int(low.rounded(.up))), \(long) longer than \(Int(high)))"
        return CheckResult(findings: [AuditFinding(check: "length_outlier", dimension: .diversity, severity: rate >= 0.01 ? .warning : .info,
                                                   message: message, count: count, rate: rate, records: references, examples: examples)],
                           charts: [chart], metrics: metrics)
    }
}
