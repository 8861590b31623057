import SiftCore

/// `refusal_boilerplate`: responses that refuse or carry an AI disclaimer ("As an AI language
/// model", "I cannot help with that"). Finetuning on them teaches the model to refuse and to talk
/// about itself; the open instruction datasets that removed them (the "unfiltered" Alpaca and
/// WizardLM variants) did so with phrase lists like this one, matched case-insensitively. The rule
/// is `RefusalRule.standard`, the very rule of the `instruction.refusal` filter and synth QA.
struct RefusalCheck: AuditCheck {
    let rule = RefusalRule.standard

    struct State {
        var flagged = FlaggedRecords()
        var byPhrase: [Int: Int] = [:]
    }

    func observe(_ record: AuditRecord) -> Int? {
        guard let response = record.content.response else { return nil }
        return rule.match(in: response)?.index
    }

    func makeState() -> State { State() }

    func absorb(_ phrase: Int?, of record: AuditRecord, into state: inout State) {
        guard let phrase else { return }
        state.flagged.add(record, excerpt: record.content.response)
        state.byPhrase[phrase, default: 0] += 1
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let top = state.byPhrase.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        let phrases = top.map { "\"\(rule.phrases[$0.key])\" ×\($0.value)" }.joined(separator: ", ")
        let message = "\(n) response\(plural(n)) \(verb(n, "refuses or carries", "refuse or carry")) AI-disclaimer boilerplate (\(phrases))"
        return CheckResult(findings: [state.flagged.finding("refusal_boilerplate", .accuracy, .warning, message, rate: context.rate(n))])
    }
}
