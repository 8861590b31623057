import SiftCore

/// `unknown_label`: a label that is not in the set declared with `--labels` (compared exactly, as a
/// training script's label-to-id map would). Runs only when labels were declared.
struct UnknownLabelCheck: AuditCheck {
    let declared: Set<String>

    struct State {
        var flagged = FlaggedRecords()
        var byLabel: [String: Int] = [:]
    }

    func observe(_ record: AuditRecord) -> Bool {
        guard let label = record.content.label else { return false }
        return !declared.contains(label)
    }

    func makeState() -> State { State() }

    func absorb(_ unknown: Bool, of record: AuditRecord, into state: inout State) {
        guard unknown, let label = record.content.label else { return }
        state.flagged.add(record)
        if state.byLabel.count < 10_000 || state.byLabel[label] != nil { state.byLabel[label, default: 0] += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let top = state.byLabel.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        let labels = top.map { "\"\($0.key)\" ×\($0.value)" }.joined(separator: ", ")
        let message = "\(n) record\(plural(n)) \(verb(n, "carries", "carry")) a label outside --labels (\(labels))"
        return CheckResult(findings: [state.flagged.finding("unknown_label", .accuracy, .error, message, rate: context.rate(n))])
    }
}
