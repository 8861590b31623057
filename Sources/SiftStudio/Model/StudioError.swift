import SiftCore

/// A refusal the HTTP layer turns into a status and a JSON reason, and the command line into an
/// exit status: a request the caller may not make (403), a missing thing (404), an answer that
/// does not fit the project (422).
public struct StudioError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case unauthenticated, forbidden, notFound, invalid, conflict, tooManyRequests, badRequest
    }

    public var kind: Kind
    public var message: String
    /// Seconds to wait before trying again (429).
    public var retryAfter: Int?

    public init(_ kind: Kind, _ message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    public var status: Int {
        switch kind {
        case .unauthenticated: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .invalid: return 422
        case .conflict: return 409
        case .tooManyRequests: return 429
        case .badRequest: return 400
        }
    }

    /// The exit status when the error reaches the command line.
    public var exitStatus: ExitStatus {
        switch kind {
        case .notFound: return .noInput
        case .badRequest, .conflict: return .usage
        default: return .dataError
        }
    }

    public var siftError: SiftError { SiftError(message, status: exitStatus) }
}
