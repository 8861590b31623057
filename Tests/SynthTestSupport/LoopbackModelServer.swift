import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import SiftCore

/// A real HTTP server on 127.0.0.1 speaking the OpenAI `/v1/chat/completions` protocol, for tests.
/// It answers deterministically (by default with `ScriptedModel`) and can be told, per request, to
/// fail: a status with headers (429 with Retry-After, 500), a slow answer, a body cut short, or a
/// body that is not JSON. It records every request it receives, with its arrival time and how many
/// were in flight, so tests can prove retries, waits, cache hits and the concurrency bound.
public final class LoopbackModelServer: Sendable {
    public enum Reply: Sendable {
        case completion(String, finishReason: String = "stop")
        case status(Int, body: String, headers: [(String, String)] = [])
        /// A 200 whose Content-Length promises more than is sent before the connection closes.
        case truncated
        case notJSON(String)
        indirect case slow(seconds: Double, Reply)
    }

    /// One request as the server saw it.
    public struct Seen: Sendable {
        public var body: JSONValue
        public var rawBody: String
        public var authorization: String?
        /// Seconds since the server started.
        public var arrival: Double
        /// How many earlier requests had exactly this body (0 for the first).
        public var attempt: Int

        public var lastUserMessage: String {
            body["messages"]?.arrayValue?.last(where: { $0["role"]?.stringValue == "user" })?["content"]?.stringValue ?? ""
        }
    }

    public typealias Responder = @Sendable (Seen) -> Reply

    struct State {
        var seen: [Seen] = []
        var attempts: [String: Int] = [:]
        var inFlight = 0
        var maxInFlight = 0
    }

    let state = NIOLockedValueBox(State())
    let responder: Responder
    let started = Date()
    private let channel: any Channel

    public init(responder: @escaping Responder = { .completion(ScriptedModel.answer(to: $0)) }) async throws {
        self.responder = responder
        let box = NIOLockedValueBox<LoopbackModelServer?>(nil)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(server: box.withLockedValue { $0! }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.withLockedValue { $0 = self }
    }

    public var port: Int { channel.localAddress!.port! }
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    public var requests: [Seen] { state.withLockedValue { $0.seen } }
    public var requestCount: Int { state.withLockedValue { $0.seen.count } }
    public var maxInFlight: Int { state.withLockedValue { $0.maxInFlight } }

    public func shutdown() async {
        try? await channel.close()
    }

    func arrive(_ body: [UInt8], authorization: String?) -> Reply {
        let raw = String(decoding: body, as: UTF8.self)
        let parsed = (try? JSONParser.parse(body)) ?? .null
        let seen = state.withLockedValue { state -> Seen in
            let attempt = state.attempts[raw, default: 0]
            state.attempts[raw] = attempt + 1
            let seen = Seen(body: parsed, rawBody: raw, authorization: authorization, arrival: Date().timeIntervalSince(started), attempt: attempt)
            state.seen.append(seen)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return seen
        }
        return responder(seen)
    }

    func depart() { state.withLockedValue { $0.inFlight -= 1 } }

    /// A chat-completion body with usage counted in words.
    public static func completionBody(_ content: String, finishReason: String, promptWords: Int) -> String {
        let value: JSONValue = [
            "id": "chatcmpl-test", "object": "chat.completion", "model": "loopback",
            "choices": [["index": 0, "message": ["role": "assistant", "content": .string(content)], "finish_reason": .string(finishReason)]],
            "usage": ["prompt_tokens": .integer(promptWords), "completion_tokens": .integer(TextMeasure(content).words),
                      "total_tokens": .integer(promptWords + TextMeasure(content).words)],
        ]
        return JSONWriter().string(value)
    }
}

final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: LoopbackModelServer
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(server: LoopbackModelServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll()
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else { return }
            guard head.method == .POST, head.uri.hasSuffix("/chat/completions") else {
                send(.status(404, body: #"{"error": {"message": "no such route"}}"#), context: context, promptWords: 0)
                return
            }
            let reply = server.arrive(body, authorization: head.headers.first(name: "authorization"))
            let words = TextMeasure(String(decoding: body, as: UTF8.self)).words
            respond(reply, context: context, promptWords: words)
        }
    }

    private func respond(_ reply: LoopbackModelServer.Reply, context: ChannelHandlerContext, promptWords: Int) {
        if case .slow(let seconds, let inner) = reply {
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                let (handler, context) = bound.value
                handler.respond(inner, context: context, promptWords: promptWords)
            }
            return
        }
        send(reply, context: context, promptWords: promptWords)
        server.depart()
    }

    private func send(_ reply: LoopbackModelServer.Reply, context: ChannelHandlerContext, promptWords: Int) {
        var status = HTTPResponseStatus.ok
        var headers = HTTPHeaders([("Content-Type", "application/json")])
        var text: String
        var truncate = false
        switch reply {
        case .completion(let content, let finishReason):
            text = LoopbackModelServer.completionBody(content, finishReason: finishReason, promptWords: promptWords)
        case .status(let code, let body, let extra):
            status = HTTPResponseStatus(statusCode: code)
            text = body
            for (name, value) in extra { headers.add(name: name, value: value) }
        case .truncated:
            text = LoopbackModelServer.completionBody("this answer will be cut short", finishReason: "stop", promptWords: promptWords)
            truncate = true
        case .notJSON(let body):
            text = body
            headers.replaceOrAdd(name: "Content-Type", value: "text/html")
        case .slow(_, let inner):
            send(inner, context: context, promptWords: promptWords)
            return
        }
        let bytes = Array(text.utf8)
        headers.add(name: "Content-Length", value: String(bytes.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if truncate {
            var buffer = context.channel.allocator.buffer(capacity: bytes.count / 2)
            buffer.writeBytes(bytes.prefix(bytes.count / 2))
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            context.close(promise: nil)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
