import SiftCore

/// `role_order`: a conversation whose turns do not follow the shape chat templates require
/// (`RoleOrder`, the very rule of the `instruction.role_order` filter): any system turns first,
/// then user and assistant alternating, starting with the user and ending with the assistant; tool
/// results after an assistant turn and answered by it; at least one turn. Only records read as
/// chat or ShareGPT are judged (a folder may mix in documents, which have no turns).
struct RoleOrderCheck: AuditCheck {
    struct State {
        var flagged = FlaggedRecords()
        var byProblem: [String: Int] = [:]
    }

    func observe(_ record: AuditRecord) -> String? {
        let kind = record.content.kind
        guard kind == .chat || kind == .sharegpt else { return nil }
        return RoleOrder.violation(record.content.turns.lazy.map(\.role))?.problem.description
    }

    func makeState() -> State { State() }

    func absorb(_ problem: String?, of record: AuditRecord, into state: inout State) {
        guard let problem else { return }
        state.flagged.add(record, excerpt: record.content.turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n"))
        if state.byProblem.count < 100 || state.byProblem[problem] != nil { state.byProblem[problem, default: 0] += 1 }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        let n = state.flagged.count
        guard n > 0 else { return CheckResult() }
        let top = state.byProblem.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(4)
        let message = "\(n) conversation\(plural(n)) \(verb(n, "breaks", "break")) the user/assistant turn order (\(top.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")))"
        return CheckResult(findings: [state.flagged.finding("role_order", .consistency, .error, message, rate: context.rate(n))])
    }
}
