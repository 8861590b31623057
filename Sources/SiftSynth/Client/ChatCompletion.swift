import SiftCore

/// The parts of a chat-completion response the pipeline uses. Parsing is strict about what it
/// needs (a first choice with a message) and tolerant about the rest, since servers that speak
/// the OpenAI protocol (vLLM, Ollama, llama.cpp) differ in optional fields.
public struct ChatCompletion: Sendable, Equatable {
    public var content: String
    /// `stop`, `length` (cut at max_tokens), `content_filter`, ...; nil when the server omits it.
    public var finishReason: String?
    public var promptTokens: Int
    public var completionTokens: Int
    /// Whether the answer came from the response cache rather than the server.
    public var cached: Bool

    public init(content: String, finishReason: String?, promptTokens: Int, completionTokens: Int, cached: Bool) {
        self.content = content
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cached = cached
    }

    /// Parses a response body; a message says what was wrong, for the retry log and the error.
    public static func parse(_ body: [UInt8], cached: Bool = false) -> Result<ChatCompletion, InvalidResponse> {
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch {
            return .failure(InvalidResponse(reason: "the body is not JSON (\(error.message) at byte \(error.offset), \(body.count) bytes)"))
        }
        if let error = value["error"], !error.isNull {
            return .failure(InvalidResponse(reason: "the server returned an error object: \(error["message"]?.stringValue ?? JSONWriter().string(error))"))
        }
        guard let choice = value["choices"]?.arrayValue?.first else {
            return .failure(InvalidResponse(reason: "the response has no choices"))
        }
        guard let message = choice["message"], case .object = message else {
            return .failure(InvalidResponse(reason: "the first choice has no message"))
        }
        let content: String
        switch message["content"] {
        case .string(let text)?: content = text
        case .null?, nil: content = ""
        case .array(let parts)?: content = parts.compactMap { $0["text"]?.stringValue }.joined()
        default: return .failure(InvalidResponse(reason: "the message content is not text"))
        }
        let usage = value["usage"]
        return .success(ChatCompletion(
            content: content,
            finishReason: choice["finish_reason"]?.stringValue,
            promptTokens: usage?["prompt_tokens"]?.intValue ?? 0,
            completionTokens: usage?["completion_tokens"]?.intValue ?? 0,
            cached: cached))
    }
}

public struct InvalidResponse: Error, Sendable {
    public var reason: String
}
