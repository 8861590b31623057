import SiftCore

/// One message of an OpenAI-style conversation.
public struct ChatMessage: Sendable, Hashable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
}

/// A `/v1/chat/completions` request, and the two digests the pipeline keys on.
///
/// `cacheKey` is the SHA-256 of the canonical request (every object's keys sorted, compact JSON,
/// numbers as written): the same model, messages and sampling settings always give the same key,
/// whatever order the pipeline built them in, so a re-run finds the answer it already paid for.
/// The server address and the API key are deliberately not part of it.
public struct ChatRequest: Sendable, Hashable {
    public var model: String
    public var messages: [ChatMessage]
    public var temperature: Double?
    public var maxTokens: Int?
    /// OpenAI's `response_format` (structured outputs), sent as given; nil sends none, so requests
    /// without it keep the cache keys they always had.
    public var responseFormat: JSONValue?

    public init(model: String, messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil,
                responseFormat: JSONValue? = nil) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.responseFormat = responseFormat
    }

    /// The JSON body sent to the server.
    public var body: JSONValue {
        var object: JSONObject = ["model": .string(model), "messages": .array(messages.map(Self.json))]
        if let temperature { object["temperature"] = .double(temperature) }
        if let maxTokens { object["max_tokens"] = .integer(maxTokens) }
        if let responseFormat { object["response_format"] = responseFormat }
        return .object(object)
    }

    public var bodyBytes: [UInt8] { JSONWriter().bytes(body) }

    public var canonicalBytes: [UInt8] { JSONWriter().bytes(Self.canonical(body)) }

    public var cacheKey: String { SHA256Digest.hex(canonicalBytes) }

    /// SHA-256 of the canonical messages alone: which prompt produced a record, independent of the
    /// model and sampling settings (recorded as `_sift.provenance.prompt_sha256`).
    public var promptSHA256: String {
        SHA256Digest.hex(JSONWriter().bytes(Self.canonical(.array(messages.map(Self.json)))))
    }

    static func json(_ message: ChatMessage) -> JSONValue {
        ["role": .string(message.role), "content": .string(message.content)]
    }

    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            let sorted = members.keys.sorted().map { ($0, canonical(members[$0]!)) }
            return .object(JSONObject(uniqueKeysWithValues: sorted))
        case .array(let items): return .array(items.map(canonical))
        default: return value
        }
    }
}

/// A rough token count for planning (`--dry-run`): about four characters per token for English
/// text, plus four tokens of framing per message, as OpenAI's guidance on counting tokens suggests.
/// It is an estimate for budgeting, not a tokenizer; real counts come back in each response's `usage`.
public enum TokenEstimate {
    public static func tokens(_ request: ChatRequest) -> Int {
        request.messages.reduce(3) { total, message in
            total + 4 + (TextMeasure(message.content).characters + 3) / 4
        }
    }
}
