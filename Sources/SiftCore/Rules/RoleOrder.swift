/// The turn order chat templates require, defined once for the audit's `role_order` check, the
/// `instruction.role_order` filter rule and anything else that judges a conversation's shape: any
/// system turns first, then user and assistant alternating, starting with the user and ending with
/// the assistant (the turn the model learns). Tool results follow an assistant turn (its call) or
/// another tool result, and are answered by the assistant: a user turn right after a tool result
/// leaves the result unanswered. A conversation with no turns has nothing to learn from.
/// Templates such as Llama 2's raise "Conversation roles must alternate
/// user/assistant/user/assistant/..." on anything else; trainers that mask everything but the last
/// assistant turn learn nothing from a conversation ending with the user.
public enum RoleOrder {
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case noTurns
        case systemAfterStart
        case twoUserTurns
        case userAfterToolResult
        case startsWithAssistant
        case twoAssistantTurns
        case toolResultWithoutCall
        case unknownRole(String)
        case onlySystemTurns
        case doesNotEndWithAssistant

        public var description: String {
            switch self {
            case .noTurns: "no turns"
            case .systemAfterStart: "system turn after the start"
            case .twoUserTurns: "two user turns in a row"
            case .userAfterToolResult: "user turn right after a tool result"
            case .startsWithAssistant: "starts with the assistant"
            case .twoAssistantTurns: "two assistant turns in a row"
            case .toolResultWithoutCall: "tool result not after an assistant turn"
            case .unknownRole(let role): "unknown role \"\(role)\""
            case .onlySystemTurns: "only system turns"
            case .doesNotEndWithAssistant: "does not end with the assistant"
            }
        }
    }

    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public let problem: Problem
        /// The 1-based turn out of order; nil when the problem is the conversation as a whole
        /// (no turns, only system turns, not ending with the assistant).
        public let turn: Int?

        /// "turn 3: two user turns in a row", or the problem alone.
        public var description: String { turn.map { "turn \($0): \(problem)" } ?? problem.description }
    }

    /// The first violation in a sequence of normalised roles (`Turn.role`), nil when the order is valid.
    public static func violation(_ roles: some Collection<String>) -> Violation? {
        guard !roles.isEmpty else { return Violation(problem: .noTurns, turn: nil) }
        var previous = "system"
        for (i, role) in roles.enumerated() {
            let problem: Problem?
            switch role {
            case "system":
                problem = previous != "system" ? .systemAfterStart : nil
            case "user":
                problem = previous == "user" ? .twoUserTurns : previous == "tool" ? .userAfterToolResult : nil
            case "assistant":
                problem = previous == "system" ? .startsWithAssistant : previous == "assistant" ? .twoAssistantTurns : nil
            case "tool":
                problem = previous != "assistant" && previous != "tool" ? .toolResultWithoutCall : nil
            default:
                problem = .unknownRole(role)
            }
            if let problem { return Violation(problem: problem, turn: i + 1) }
            previous = role
        }
        if previous == "system" { return Violation(problem: .onlySystemTurns, turn: nil) }
        return previous == "assistant" ? nil : Violation(problem: .doesNotEndWithAssistant, turn: nil)
    }
}
