import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SiftCore

/// Responses the studio sends, with the security headers every response carries: a content
/// security policy that allows scripts and styles from the studio itself only (no inline script,
/// so injected markup cannot run), no framing, no sniffing, no referrer.
enum Reply {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func headers(_ contentType: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.contentSecurityPolicy] = contentSecurityPolicy
        fields[.xContentTypeOptions] = "nosniff"
        fields[HTTPField.Name("X-Frame-Options")!] = "DENY"
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        fields[.cacheControl] = "no-store"
        return fields
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var bytes = JSONWriter().bytes(value)
        bytes.append(0x0A)
        return Response(status: status, headers: headers("application/json; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers(contentType), body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(text.utf8), contentType: "text/html; charset=utf-8", status: status)
    }

    static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: headers("text/plain; charset=utf-8"))
    }

    static func redirect(_ location: String) -> Response {
        var fields = headers("text/plain; charset=utf-8")
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }

    static func error(_ error: StudioError) -> Response {
        var response = json(["error": .string(error.message)], status: HTTPResponse.Status(code: error.status))
        if let seconds = error.retryAfter {
            response.headers[.retryAfter] = String(seconds)
        }
        return response
    }
}

extension Request {
    /// The body as a JSON object (400 when it is not one), read up to `limit` bytes.
    func jsonObject(limit: Int = 1 << 20) async throws -> JSONObject {
        let buffer: ByteBuffer
        do { buffer = try await body.collect(upTo: limit) } catch { throw StudioError(.badRequest, "the request body is larger than \(limit) bytes") }
        let value: JSONValue
        do {
            value = try buffer.withUnsafeReadableBytes { raw throws(JSONParseError) in try JSONParser.parse(raw) }
        } catch {
            throw StudioError(.badRequest, "the body is not valid JSON: \(error.message) at byte \(error.offset)")
        }
        guard case .object(let object) = value else { throw StudioError(.badRequest, "the body must be a JSON object") }
        return object
    }

    var isStateChanging: Bool { method != .get && method != .head && method != .options }

    func query(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }
}

/// Turns refusals into responses: JSON for the API, a short page for pages. Errors that are not
/// the caller's doing are logged and answered with a generic 500, without internals.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = StudioContext

    func handle(_ request: Request, context: StudioContext, next: (Request, StudioContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StudioError {
            return reply(error, request)
        } catch let error as SiftError {
            return reply(StudioError(error.status == .usage ? .badRequest : .invalid, error.message), request)
        } catch let error as ParameterError {
            // The API's spelling of a parameter is its JSON field.
            return reply(StudioError(.badRequest, error.message { "\"\($0)\"" }), request)
        } catch let error as HTTPError {
            return reply(StudioError(error.status.code == 404 ? .notFound : .badRequest, error.body ?? error.status.reasonPhrase), request)
        } catch {
            context.logger.error("request failed: \(String(describing: error))")
            return Reply.json(["error": "internal error"], status: .internalServerError)
        }
    }

    private func reply(_ error: StudioError, _ request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/static/") { return Reply.error(error) }
        if error.kind == .unauthenticated { return Reply.redirect("/login") }
        return Reply.html(Pages.errorPage(error), status: HTTPResponse.Status(code: error.status))
    }
}
