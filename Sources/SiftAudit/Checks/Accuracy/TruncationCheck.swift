import SiftCore

/// `truncated_response`: a response cut off by a length limit or a broken export, by the signs
/// `Truncation.sign` defines (an unclosed code block; prose ending mid-sentence), the same
/// definition the `instruction.code_fences` filter rule and synth QA use.
struct TruncationCheck: AuditCheck {
    struct State {
        var flagged = FlaggedRecords()
        var openCodeBlocks = 0
    }

    func observe(_ record: AuditRecord) -> Truncation.Sign? {
        guard let response = record.content.response else { return nil }
        return Truncation.sign(response)
    }

    func makeState() -> State { State() }

    func absorb(_ sign: Truncation.Sign?, of record: AuditRecord, into state: inout State) {
        guard let sign else { return }
        state.flagged.add(record, excerpt: record.content.response.map { String($0.suffix(300)) })
        if sign == .openCodeBlock { state.openCodeBlocks += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let message = "\(n) response\(plural(n)) \(verb(n, "looks", "look")) cut off (\(state.openCodeBlocks) with an unclosed code block, \(n - state.openCodeBlocks) ending mid-sentence)"
        return CheckResult(findings: [state.flagged.finding("truncated_response", .accuracy, .warning, message, rate: context.rate(n))])
    }
}
