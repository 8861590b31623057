import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SiftCore

/// The one place Sift talks to a model server: any OpenAI-compatible `/v1/chat/completions`
/// endpoint (OpenAI, vLLM, Ollama, llama.cpp's server). An actor because it is the pipeline's I/O
/// edge: it owns the HTTP client, the response cache, the concurrency limit and the tally, while
/// the techniques that call it stay plain values and functions.
///
/// Each call: cache lookup → wait for one of `concurrency` slots → POST, retried per
/// `RetryPolicy` → store the valid answer in the cache → count its tokens.
public actor ModelClient {
    public let settings: ModelSettings
    private let http: HTTPClient
    private let cache: ResponseCache
    private var inFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var random = SystemRandomNumberGenerator()
    public private(set) var tally = UsageTally()
    /// Called with a one-line note whenever a request is retried (never contains the API key).
    private let onRetry: (@Sendable (String) -> Void)?

    public init(settings: ModelSettings, onRetry: (@Sendable (String) -> Void)? = nil) throws {
        guard settings.concurrency >= 1 else { throw SiftError("--concurrency must be at least 1", status: .usage) }
        guard let url = URL(string: settings.endpoint), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw SiftError("--base-url \(settings.baseURL) is not an http(s) URL", status: .usage)
        }
        self.settings = settings
        self.onRetry = onRetry
        cache = try ResponseCache(path: settings.cachePath)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .milliseconds(Int64(settings.timeout * 1000)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(settings.concurrency, 1)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Must be called before the client is released (AsyncHTTPClient requires an explicit shutdown).
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// The model's answer to `request`, from the cache when this exact request was answered before.
    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        if let body = try cache.body(for: request), case .success(var completion) = ChatCompletion.parse(body, cached: true) {
            completion.cached = true
            tally.cacheHits += 1
            tally.savedPromptTokens += completion.promptTokens
            tally.savedCompletionTokens += completion.completionTokens
            return completion
        }
        await acquire()
        defer { release() }
        do {
            let (body, completion) = try await send(request)
            try cache.store(body, for: request)
            tally.completions += 1
            tally.promptTokens += completion.promptTokens
            tally.completionTokens += completion.completionTokens
            return completion
        } catch {
            tally.failures += 1
            throw error
        }
    }

    private enum Attempt {
        case success([UInt8], ChatCompletion)
        case retry(String, retryAfter: Double?)
    }

    private func send(_ request: ChatRequest) async throws -> ([UInt8], ChatCompletion) {
        let body = request.bodyBytes
        var lastError = ""
        for attempt in 0...settings.retry.maxRetries {
            if attempt > 0 { tally.retries += 1 }
            tally.httpRequests += 1
            switch try await attemptOnce(body) {
            case .success(let bytes, let completion):
                return (bytes, completion)
            case .retry(let reason, let retryAfter) where attempt < settings.retry.maxRetries:
                lastError = reason
                let wait = settings.retry.delay(attempt: attempt, retryAfter: retryAfter, using: &random)
                onRetry?("retrying in \(String(format: "%.2f", wait)) s (attempt \(attempt + 2) of \(settings.retry.maxRetries + 1)): \(reason)")
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            case .retry(let reason, _):
                lastError = reason
            }
        }
        throw ModelError.exhausted(attempts: settings.retry.maxRetries + 1, lastError: lastError)
    }

    private func attemptOnce(_ body: [UInt8]) async throws -> Attempt {
        var httpRequest = HTTPClientRequest(url: settings.endpoint)
        httpRequest.method = .POST
        httpRequest.headers.add(name: "Content-Type", value: "application/json")
        httpRequest.headers.add(name: "Accept", value: "application/json")
        if let key = settings.apiKey, !key.isEmpty { httpRequest.headers.add(name: "Authorization", value: "Bearer \(key)") }
        httpRequest.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let headers: HTTPHeaders
        let bytes: [UInt8]
        do {
            let response = try await http.execute(httpRequest, timeout: .milliseconds(Int64(settings.timeout * 1000)))
            status = Int(response.status.code)
            headers = response.headers
            bytes = Array(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return .retry(redact("transport error: \(error)"), retryAfter: nil)
        }
        if status == 200 {
            switch ChatCompletion.parse(bytes) {
            case .success(let completion): return .success(bytes, completion)
            case .failure(let invalid): return .retry(redact("invalid response: \(invalid.reason)"), retryAfter: nil)
            }
        }
        let message = redact(Self.errorMessage(bytes))
        if RetryPolicy.isRetryable(status: status) {
            let retryAfter = RetryAfter.seconds(in: headers.map { ($0.name, $0.value) })
            return .retry("HTTP \(status): \(message)", retryAfter: retryAfter)
        }
        switch status {
        case 401, 403:
            throw ModelError.fatal("the server refused the credentials (HTTP \(status)): \(message); check the key in the environment variable named by --api-key-env")
        case 400, 413, 422:
            throw ModelError.requestRejected(status: status, message: message)
        default:
            throw ModelError.fatal("the server answered HTTP \(status) at \(settings.endpoint): \(message)")
        }
    }

    /// The server's own error text (`{"error": {"message": ...}}`), or the start of the body.
    static func errorMessage(_ body: [UInt8]) -> String {
        if let value = try? JSONParser.parse(body), let message = value["error"]?["message"]?.stringValue ?? value["error"]?.stringValue ?? value["message"]?.stringValue {
            return String(message.prefix(300))
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return text.isEmpty ? "(empty body)" : text
    }

    /// Servers sometimes echo the request headers in errors; the key must never reach a message.
    private func redact(_ text: String) -> String {
        guard let key = settings.apiKey, key.count >= 4 else { return text }
        return text.replacingOccurrences(of: key, with: "[redacted]")
    }

    private func acquire() async {
        if inFlight < settings.concurrency {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the next waiter, so the count never exceeds the limit.
    private func release() {
        if waiting.isEmpty { inFlight -= 1 } else { waiting.removeFirst().resume() }
    }
}
