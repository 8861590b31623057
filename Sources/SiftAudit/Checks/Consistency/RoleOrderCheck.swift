import SiftCore

/// `role_order`: a conversation whose turns do not follow the shape chat templates require: any
/// system turns first, then user and assistant alternating, starting with the user and ending with
/// the assistant (the turn the model learns). Tool results may follow an assistant turn and are
/// followed by the assistant. Templates such as Llama 2's raise "Conversation roles must alternate
/// user/assistant/user/assistant/..." on anything else; trainers that mask everything but the last
/// assistant turn learn nothing from a conversation ending with the user.
struct RoleOrderCheck: AuditCheck {
    struct State {
        var flagged = FlaggedRecords()
        var byProblem: [String: Int] = [:]
    }

    func observe(_ record: AuditRecord) -> String? { Self.problem(record.content.turns.lazy.map(\.role)) }

    /// What is wrong with a sequence of normalised roles, or nil when nothing is.
    static func problem(_ roles: some Collection<String>) -> String? {
        guard !roles.isEmpty else { return nil }
        var previous = "system"
        for role in roles {
            switch role {
            case "system":
                if previous != "system" { return "system turn after the start" }
            case "user":
                if previous == "user" { return "two user turns in a row" }
                if previous == "tool" { return "user turn right after a tool result" }
            case "assistant":
                if previous == "system" { return "starts with the assistant" }
                if previous == "assistant" { return "two assistant turns in a row" }
            case "tool":
                if previous != "assistant" && previous != "tool" { return "tool result not after an assistant turn" }
            default:
                return "unknown role \"\(role)\""
            }
            previous = role
        }
        if previous == "system" { return "only system turns" }
        return previous == "assistant" ? nil : "does not end with the assistant"
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
