import Foundation
import SiftCore

/// `label_coverage` and `class_imbalance`, from one label count, plus the label distribution chart.
/// With `--labels`, labels are counted exactly as written (other spellings are `unknown_label`);
/// without, spellings that differ only in case or whitespace count as one label, named by its most
/// common spelling, since `label_case_variant` already reports the spellings.
///
/// - `label_coverage`: a label with no examples (only knowable for labels declared with `--labels`;
///   error) or with few (warning). "Few" is fewer than `t = min(10, ⌊n / (2k)⌋)` (at least 1)
///   examples, for `n` labelled records and `k` labels: 10 is the least that still leaves a test
///   example or two after a split; small datasets get half the even share instead. `count` is the
///   number of labels concerned and the rate divides it by `k`.
/// - `class_imbalance`: the imbalance ratio IR = n_max / n_min over labels with examples. IR > 9 is
///   "highly imbalanced" in the usual benchmark taxonomy (Fernández et al. 2008, KEEL), a warning;
///   3 < IR <= 9 is a note. `count` is the records of the rarest label; the rate is 1 − Pielou's
///   evenness H / ln k (0 for a uniform distribution).
struct LabelBalanceCheck: AuditCheck {
    let declared: [String]?

    static let labelLimit = 10_000
    static let chartLabels = 25

    struct Entry {
        var flagged = FlaggedRecords()
        /// How often each spelling of the label occurs (only differs from the key without `--labels`).
        var spellings: [String: Int] = [:]
    }

    struct State {
        /// Per label key, first seen first.
        var labels = FirstSeenTable<String, Entry>()
        var otherLabels = 0
        var labelled = 0
    }

    /// A record's label and the key it is counted under.
    struct Label: Sendable {
        var spelling: String
        var key: String
    }

    func observe(_ record: AuditRecord) -> Label? {
        guard let label = record.content.label else { return nil }
        return Label(spelling: label, key: declared == nil ? TextNormalization.canonical(label) : label)
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Label?, of record: AuditRecord, into state: inout State) {
        guard let observation else { return }
        let (label, key) = (observation.spelling, observation.key)
        state.labelled += 1
        let counted: Void? = state.labels.update(key, limit: Self.labelLimit, initial: { Entry() }) { entry in
            entry.flagged.add(record)
            if declared == nil { entry.spellings[label, default: 0] += 1 }
        }
        if counted == nil { state.otherLabels += 1 }
    }

    /// How a label key is shown: itself with `--labels`, else its most common spelling.
    private func name(_ key: String, _ state: State) -> String {
        guard let spellings = state.labels[key]?.spellings else { return key }
        return spellings.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? key
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        guard state.labelled > 0 || declared != nil else { return CheckResult() }
        let considered = declared ?? state.labels.keys
        let counts = considered.map { (label: $0, count: state.labels[$0]?.flagged.count ?? 0) }
        let k = counts.count
        var findings: [AuditFinding] = []
        guard k > 0 else { return CheckResult() }

        let labelledConsidered = counts.reduce(0) { $0 + $1.count }
        let few = max(1, min(10, labelledConsidered / (2 * k)))
        let none = counts.filter { $0.count == 0 }
        if !none.isEmpty {
            let names = none.prefix(10).map { "\"\($0.label)\"" }.joined(separator: ", ")
            findings.append(AuditFinding(check: "label_coverage", dimension: .completeness, severity: .error,
                                         message: "\(none.count) declared label\(plural(none.count)) \(verb(none.count, "has", "have")) no examples (\(names))",
                                         count: none.count, rate: Double(none.count) / Double(k)))
        }
        let rare = counts.filter { $0.count > 0 && $0.count < few }
        if !rare.isEmpty {
            var flagged = FlaggedRecordsUnion()
            for item in rare { flagged.add(state.labels[item.label]!.flagged) }
            let names = rare.prefix(10).map { "\"\(name($0.label, state))\" ×\($0.count)" }.joined(separator: ", ")
            findings.append(AuditFinding(check: "label_coverage", dimension: .completeness, severity: .warning,
                                         message: "\(rare.count) label\(plural(rare.count)) \(verb(rare.count, "has", "have")) fewer than \(few) examples (\(names))",
                                         count: rare.count, rate: Double(rare.count) / Double(k),
                                         records: flagged.references, examples: flagged.examples))
        }

        let present = counts.filter { $0.count > 0 }
        var metrics: [(name: String, value: JSONValue)] = [("labels", .integer(state.labels.count + (state.otherLabels > 0 ? 1 : 0)))]
        if present.count >= 2 {
            let largest = present.max { $0.count < $1.count }!
            let smallest = present.min { $0.count < $1.count }!
            let ratio = Double(largest.count) / Double(smallest.count)
            let total = Double(labelledConsidered)
            let entropy = -present.reduce(0.0) { sum, item in
                let p = Double(item.count) / total
                return sum + p * Foundation.log(p)
            }
            let unevenness = max(0, 1 - entropy / Foundation.log(Double(k)))
            metrics.append(("imbalance_ratio", .double((ratio * 100).rounded() / 100)))
            if ratio > 3 {
                let rarest = state.labels[smallest.label]!.flagged
                let message = "the largest label \"\(name(largest.label, state))\" has \(largest.count) examples, \(Self.format(ratio))× the smallest \"\(name(smallest.label, state))\" (\(smallest.count))"
                findings.append(rarest.finding("class_imbalance", .completeness, ratio > 9 ? .warning : .info, message, rate: unevenness))
            }
        }
        let ranked = state.labels.entries.map { (name($0.0, state), $0.1.flagged.count) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var bins = ranked.prefix(Self.chartLabels).map { (label: $0.0.isEmpty ? "(empty)" : $0.0, value: $0.1) }
        let rest = ranked.dropFirst(Self.chartLabels).reduce(0) { $0 + $1.1 } + state.otherLabels
        if rest > 0 { bins.append((label: "other labels", value: rest)) }
        if let declared {
            for label in declared where state.labels[label] == nil { bins.append((label: label, value: 0)) }
        }
        let chart = AuditChart(id: "label_distribution", title: "Records per label", style: .bars, bins: bins)
        return CheckResult(findings: findings, charts: [chart], metrics: metrics)
    }

    static func format(_ ratio: Double) -> String {
        ratio >= 10 ? String(Int(ratio.rounded())) : String((ratio * 10).rounded() / 10)
    }
}

/// References and examples gathered from several `FlaggedRecords`, in the order given.
struct FlaggedRecordsUnion {
    var references: [String] = []
    var examples: [AuditFinding.Example] = []

    mutating func add(_ flagged: FlaggedRecords) {
        references += flagged.references.prefix(Finding.maxReferences - references.count)
        examples += flagged.examples.prefix(AuditFinding.maxExamples - examples.count)
    }
}
