/// Why a model call failed for good. The distinction decides what a run does next: a request the
/// server refuses on its merits (too long, bad parameters) fails that one item, which goes to the
/// removed file with its reason; anything that would fail every request stops the run, whose
/// finished work is already on disk and cached for the next attempt.
public enum ModelError: Error, Sendable, CustomStringConvertible {
    /// HTTP 400, 413 or 422: this request only.
    case requestRejected(status: Int, message: String)
    /// Authentication, a wrong URL or model, or a setting: every request would fail.
    case fatal(String)
    /// Still failing after every retry.
    case exhausted(attempts: Int, lastError: String)

    public var description: String {
        switch self {
        case .requestRejected(let status, let message): return "the server rejected the request (HTTP \(status)): \(message)"
        case .fatal(let message): return message
        case .exhausted(let attempts, let last): return "the model call failed \(attempts) times; last error: \(last)"
        }
    }

    /// Whether the run can go on without this item.
    public var isItemFailure: Bool {
        if case .requestRejected = self { return true }
        return false
    }
}
