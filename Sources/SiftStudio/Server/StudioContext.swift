import Hummingbird
import NIOCore

/// A request's context: the route parameters, and who is calling (filled by `SessionMiddleware`).
public struct StudioContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var session: StudioSession?
    var token: String?
    /// The client's address, for the sign-in throttle.
    let client: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Uploads (project data) may be large; label submissions are small and read with their own limit.
    public var maxUploadSize: Int { 512 << 20 }

    /// The signed-in user; 401 when there is none.
    func user() throws(StudioError) -> StudioUser {
        guard let session else { throw StudioError(.unauthenticated, "sign in first") }
        return session.user
    }

    /// A path parameter, percent-decoded (item ids may hold any character).
    func parameter(_ name: String) throws(StudioError) -> String {
        guard let raw = parameters.get(name) else { throw StudioError(.badRequest, "missing \(name) in the path") }
        return raw.removingPercentEncoding ?? raw
    }

    func projectID() throws(StudioError) -> Int64 {
        guard let raw = parameters.get("id"), let id = Int64(raw) else { throw StudioError(.notFound, "no such project") }
        return id
    }
}
