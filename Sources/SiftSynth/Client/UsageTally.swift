import SiftCore

/// What a run cost and saved. Tokens are the server's own `usage` counts; cached answers count as
/// saved, not spent. Cost is computed only when the user gives prices (USD per million tokens),
/// since Sift cannot know any provider's price list.
public struct UsageTally: Sendable, Equatable {
    /// HTTP requests sent, retries included.
    public var httpRequests = 0
    /// Answers that came from the server.
    public var completions = 0
    /// Answers that came from the response cache.
    public var cacheHits = 0
    public var retries = 0
    /// Requests that failed for good (an item failure or an abort).
    public var failures = 0
    public var promptTokens = 0
    public var completionTokens = 0
    public var savedPromptTokens = 0
    public var savedCompletionTokens = 0

    public init() {}

    public func cost(promptPrice: Double?, completionPrice: Double?) -> Double? {
        guard promptPrice != nil || completionPrice != nil else { return nil }
        return (Double(promptTokens) * (promptPrice ?? 0) + Double(completionTokens) * (completionPrice ?? 0)) / 1_000_000
    }

    public func json(promptPrice: Double?, completionPrice: Double?) -> JSONValue {
        var object: JSONObject = [
            "http_requests": .integer(httpRequests), "completions": .integer(completions),
            "cache_hits": .integer(cacheHits), "retries": .integer(retries), "failures": .integer(failures),
            "prompt_tokens": .integer(promptTokens), "completion_tokens": .integer(completionTokens),
            "saved_prompt_tokens": .integer(savedPromptTokens), "saved_completion_tokens": .integer(savedCompletionTokens),
        ]
        if let cost = cost(promptPrice: promptPrice, completionPrice: completionPrice) { object["cost_usd"] = .double(cost) }
        return .object(object)
    }
}
