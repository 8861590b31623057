import HTTPTypes
import Hummingbird

/// Finds who is calling from the session cookie, and guards every state-changing request: it
/// needs a session (401) and the session's CSRF token in `X-CSRF-Token` (403). The cookie is
/// HttpOnly and SameSite=Strict; the token check stops a request forged by another site even in
/// a browser that would send the cookie along. Signing in is the one exception (there is no
/// session yet).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = StudioContext
    static let cookie = "sift_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let store: StudioStore

    func handle(_ request: Request, context: StudioContext, next: (Request, StudioContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookie]?.value, !token.isEmpty {
            context.session = try await store.session(token: token)
            context.token = token
        }
        let path = request.uri.path
        if request.isStateChanging && path != "/api/login" {
            guard let session = context.session else { throw StudioError(.unauthenticated, "sign in first") }
            guard let sent = request.headers[Self.csrfHeader], constantTimeEqual(sent, session.csrf) else {
                throw StudioError(.forbidden, "missing or wrong X-CSRF-Token header (every change needs the token sign-in returned)")
            }
        }
        return try await next(request, context)
    }
}
