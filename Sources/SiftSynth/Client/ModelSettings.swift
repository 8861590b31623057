/// Where and how to call the model. The API key is held here only in memory; it is read from the
/// environment variable the user names, sent in the `Authorization` header, and never written to
/// a log, an error message, a cache row or an output file.
public struct ModelSettings: Sendable {
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    public var concurrency: Int
    public var temperature: Double?
    public var maxTokens: Int?
    /// Seconds before one HTTP request is abandoned (and retried).
    public var timeout: Double
    public var retry: RetryPolicy
    /// SQLite file of cached responses.
    public var cachePath: String
    /// USD per million tokens, for the cost tally.
    public var promptPrice: Double?
    public var completionPrice: Double?

    public init(baseURL: String, model: String, apiKey: String?, concurrency: Int = 8, temperature: Double? = nil,
                maxTokens: Int? = nil, timeout: Double = 120, retry: RetryPolicy = RetryPolicy(), cachePath: String,
                promptPrice: Double? = nil, completionPrice: Double? = nil) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.concurrency = concurrency
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.timeout = timeout
        self.retry = retry
        self.cachePath = cachePath
        self.promptPrice = promptPrice
        self.completionPrice = completionPrice
    }

    /// The completions endpoint: `--base-url` is the API root (`http://localhost:8000/v1`), or the
    /// full endpoint when it already ends in `/chat/completions`.
    public var endpoint: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/chat/completions") ? base : base + "/chat/completions"
    }

    /// A request with this run's model and sampling settings.
    public func request(_ messages: [ChatMessage]) -> ChatRequest {
        ChatRequest(model: model, messages: messages, temperature: temperature, maxTokens: maxTokens)
    }
}
