import SiftCore

/// `label_case_variant`: one label written several ways that differ only in case or whitespace
/// ("Positive", "positive", "positive "). A training script maps each spelling to its own class.
/// Spellings are grouped by `TextNormalization.canonical`; in each group the declared spelling
/// (`--labels`) or else the most common one is right, and `count` is the records using another.
struct LabelCaseVariantCheck: AuditCheck {
    let declared: Set<String>

    struct State {
        /// Records per spelling, first seen first.
        var spellings = FirstSeenTable<String, FlaggedRecords>()
    }

    func observe(_ record: AuditRecord) -> String? { record.content.label }

    func makeState() -> State { State() }

    func absorb(_ label: String?, of record: AuditRecord, into state: inout State) {
        guard let label else { return }
        state.spellings.update(label, limit: LabelBalanceCheck.labelLimit, initial: { FlaggedRecords() }) { $0.add(record) }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        var groups: [String: [String]] = [:]
        var groupOrder: [String] = []
        for spelling in state.spellings.keys {
            let key = TextNormalization.canonical(spelling)
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(spelling)
        }
        var flagged = FlaggedRecordsUnion()
        var count = 0
        var descriptions: [String] = []
        for key in groupOrder {
            let spellings = groups[key]!
            guard spellings.count > 1 else { continue }
            let right = spellings.first(where: declared.contains)
                ?? spellings.max { a, b in
                    let (x, y) = (state.spellings[a]!.count, state.spellings[b]!.count)
                    return x != y ? x < y : spellings.firstIndex(of: a)! > spellings.firstIndex(of: b)!
                }!
            for spelling in spellings where spelling != right {
                count += state.spellings[spelling]!.count
                flagged.add(state.spellings[spelling]!)
            }
            let ways = spellings.map { "\"\($0)\" ×\(state.spellings[$0]!.count)" }.joined(separator: ", ")
            descriptions.append(ways)
        }
        guard count > 0 else { return CheckResult() }
        let message = "\(descriptions.count) label\(plural(descriptions.count)) written several ways: " + descriptions.prefix(3).joined(separator: "; ")
        return CheckResult(findings: [AuditFinding(check: "label_case_variant", dimension: .consistency, severity: .warning, message: message,
                                                   count: count, rate: context.rate(count), records: flagged.references, examples: flagged.examples)])
    }
}
