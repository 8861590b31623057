import Foundation
import SiftCore
import SynthTestSupport
import SiftTestSupport
import Testing
@testable import SiftSynth

func settings(_ server: LoopbackModelServer, cache: String, key: String? = nil, concurrency: Int = 4, maxRetries: Int = 4, timeout: Double = 5) -> ModelSettings {
    ModelSettings(baseURL: server.baseURL, model: "loopback-model", apiKey: key, concurrency: concurrency, temperature: 0.7, maxTokens: 256,
                  timeout: timeout, retry: RetryPolicy(maxRetries: maxRetries, baseDelay: 0.02, maxDelay: 0.1), cachePath: cache)
}

/// Runs `body` with a client, shutting it down afterwards whatever happens.
func withClient<T>(_ settings: ModelSettings, _ body: (ModelClient) async throws -> T) async throws -> T {
    let client = try ModelClient(settings: settings)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

@Suite("model client against a loopback server")
struct ModelClientTests {
    @Test("429 with Retry-After is retried after the wait the server asked for")
    func rateLimited() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer { seen in
            seen.attempt == 0 ? .status(429, body: #"{"error": {"message": "slow down"}}"#, headers: [("Retry-After", "1")]) : .completion("fine")
        }
        defer { Task { await server.shutdown() } }
        let (completion, tally) = try await withClient(settings(server, cache: scratch.path("c.sqlite"))) { client in
            (try await client.complete(ChatRequest(model: "loopback-model", messages: [.user("hi")])), await client.tally)
        }
        #expect(completion.content == "fine")
        #expect(tally.retries == 1 && tally.httpRequests == 2 && tally.completions == 1)
        let arrivals = server.requests.map(\.arrival)
        #expect(arrivals.count == 2)
        #expect(arrivals[1] - arrivals[0] >= 1.0)
    }

    @Test("500, a truncated body, a non-JSON body and a slow answer are all retried")
    func transientFailures() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer { seen in
            switch seen.attempt {
            case 0: return .status(500, body: "internal error")
            case 1: return .truncated
            case 2: return .notJSON("<html>bad gateway</html>")
            case 3: return .slow(seconds: 2, .completion("too late"))
            default: return .completion("recovered")
            }
        }
        defer { Task { await server.shutdown() } }
        let config = settings(server, cache: scratch.path("c.sqlite"), maxRetries: 5, timeout: 0.5)
        let (completion, tally) = try await withClient(config) { client in
            (try await client.complete(ChatRequest(model: "loopback-model", messages: [.user("hi")])), await client.tally)
        }
        #expect(completion.content == "recovered")
        #expect(tally.retries == 4)
        #expect(server.requestCount == 5)
    }

    @Test("a persistent failure gives up after the retries, naming the last error")
    func exhausted() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer { _ in .status(503, body: #"{"error": {"message": "overloaded"}}"#) }
        defer { Task { await server.shutdown() } }
        await #expect(throws: ModelError.self) {
            try await withClient(settings(server, cache: scratch.path("c.sqlite"), maxRetries: 2)) { client in
                try await client.complete(ChatRequest(model: "loopback-model", messages: [.user("hi")]))
            }
        }
        #expect(server.requestCount == 3)
    }

    @Test("a 400 fails only that request, without retries; 401 is fatal and never shows the key")
    func clientErrors() async throws {
        let scratch = try TemporaryDirectory()
        let secret = "sk-test-\(UUID().uuidString)"
        let server = try await LoopbackModelServer { seen in
            if seen.lastUserMessage == "too long" { return .status(400, body: #"{"error": {"message": "context length exceeded"}}"#) }
            return .status(401, body: "{\"error\": {\"message\": \"invalid key \(secret)\"}}")
        }
        defer { Task { await server.shutdown() } }
        try await withClient(settings(server, cache: scratch.path("c.sqlite"), key: secret)) { client in
            let results = try await completeAll([ChatRequest(model: "m", messages: [.user("too long")])], with: client)
            guard case .failure(let error) = results[0] else { Issue.record("400 did not fail"); return }
            #expect(error.isItemFailure)
            #expect(error.description.contains("context length exceeded"))
            do {
                _ = try await client.complete(ChatRequest(model: "m", messages: [.user("hello")]))
                Issue.record("401 did not throw")
            } catch let error as ModelError {
                #expect(!error.isItemFailure)
                #expect(!error.description.contains(secret))
                #expect(error.description.contains("[redacted]"))
            }
        }
        #expect(server.requestCount == 2)
        #expect(server.requests.allSatisfy { $0.authorization == "Bearer \(secret)" })
    }

    @Test("answers are cached: the same request again costs no HTTP request")
    func cache() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer()
        defer { Task { await server.shutdown() } }
        let requests = (0..<6).map { ChatRequest(model: "loopback-model", messages: [.user("question \($0)")], temperature: 0.7) }
        let first = try await withClient(settings(server, cache: scratch.path("c.sqlite"))) { client in
            try await completeAll(requests, with: client).map { try $0.get().content }
        }
        #expect(server.requestCount == 6)
        let (second, tally) = try await withClient(settings(server, cache: scratch.path("c.sqlite"))) { client in
            (try await completeAll(requests, with: client).map { try $0.get() }, await client.tally)
        }
        #expect(server.requestCount == 6)
        #expect(second.map(\.content) == first)
        #expect(second.allSatisfy { $0.cached })
        #expect(tally.cacheHits == 6 && tally.httpRequests == 0 && tally.promptTokens == 0 && tally.savedCompletionTokens > 0)
        #expect(try ResponseCache(path: scratch.path("c.sqlite")).count() == 6)
    }

    @Test("never more requests in flight than --concurrency")
    func concurrencyBound() async throws {
        let scratch = try TemporaryDirectory()
        let server = try await LoopbackModelServer { .slow(seconds: 0.05, .completion("ok \($0.lastUserMessage)")) }
        defer { Task { await server.shutdown() } }
        let requests = (0..<12).map { ChatRequest(model: "m", messages: [.user("q\($0)")]) }
        let answers = try await withClient(settings(server, cache: scratch.path("c.sqlite"), concurrency: 3)) { client in
            try await completeAll(requests, with: client).map { try $0.get().content }
        }
        #expect(answers == (0..<12).map { "ok q\($0)" })
        #expect(server.maxInFlight <= 3)
        #expect(server.maxInFlight >= 2)
    }
}
