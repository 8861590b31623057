import SiftCore

/// Rules for instruction and chat data (prompt/response pairs), where web-text heuristics do not
/// apply: what makes such a record useless or harmful to fine-tune on is a missing or trivial answer,
/// a refusal, an answer that parrots the question, a generation that looped, a broken code block, or
/// a conversation whose turns are out of order.
///
/// There is no published reference for these; the defaults are Sift's and each says why. Checks run
/// in the order listed; the first failing one decides.
public struct InstructionRules: Sendable {
    public static let name = "instruction"
    /// Turns must follow `RoleOrder` (the audit's `role_order` rule): optional system turns first,
    /// then user and assistant alternating (tool results after an assistant turn and answered by
    /// it), starting with user and ending with assistant.
    public var checkRoleOrder = true
    /// A response with fewer words than this is "too short". 2 by default: a one-word answer teaches
    /// little; set 1 for classification-style data whose answers are single labels.
    public var minResponseWords: Int? = 2
    /// What a refusal or a model talking about itself is: `RefusalRule.standard` (the audit's rule,
    /// phrases at word starts, straight and curly apostrophes alike), or its phrases replaced with
    /// `refusal_phrases`.
    public var refusal = RefusalRule.standard
    /// Largest share of the response's word 3-grams that may also occur in the prompt. 0.9: a
    /// response that is (almost) the prompt repeated teaches the model to echo.
    public var maxPromptEcho: Double? = 0.9
    /// Largest duplicate 5-gram character fraction of the response (Gopher's measure, datatrove's
    /// `find_all_duplicate` on whitespace words). 0.5: Gopher's web threshold (0.15) would flag
    /// legitimate lists and code; a looping generation scores near 1.
    public var maxRepetition: Double? = 0.5
    /// Code fences must pair up (`Truncation.codeFenceLines`: lines starting with ``` after any
    /// indentation, the audit's definition).
    public var checkCodeFences = true

    public init() {}

    public var parameters: [(String, JSONValue)] {
        [("check_role_order", .bool(checkRoleOrder)), ("min_response_words", ParameterValue.json(minResponseWords)),
         ("refusal_phrases", .integer(refusal.phrases.count)), ("max_prompt_echo", ParameterValue.json(maxPromptEcho)),
         ("max_repetition", ParameterValue.json(maxRepetition)), ("check_code_fences", .bool(checkCodeFences))]
    }

    public mutating func set(_ parameter: String, _ text: String) throws {
        let name = "\(Self.name).\(parameter)"
        switch parameter {
        case "check_role_order": checkRoleOrder = try ParameterValue.bool(text, name)
        case "min_response_words": minResponseWords = try ParameterValue.optionalInt(text, name)
        case "refusal_phrases": refusal = RefusalRule(phrases: text.split(separator: "|").map { String($0) })
        case "max_prompt_echo": maxPromptEcho = try ParameterValue.optionalDouble(text, name)
        case "max_repetition": maxRepetition = try ParameterValue.optionalDouble(text, name)
        case "check_code_fences": checkCodeFences = try ParameterValue.bool(text, name)
        default: throw SiftError("unknown parameter '\(name)'; \(Self.name) has \(parameters.map(\.0).joined(separator: ", "))", status: .usage)
        }
    }

    public func evaluate(_ content: RecordContent) -> FilterFailure? {
        if checkRoleOrder, content.kind == .chat || content.kind == .sharegpt, let violation = RoleOrder.violation(content.turns.lazy.map(\.role)) {
            return failure("role_order", .string(violation.description), "system?, then user/assistant alternating, ending with assistant")
        }
        guard let response = content.response, !TextNormalization.isBlank(response) else {
            return failure("empty_response", .string(content.response == nil ? "missing" : "blank"), "non-empty")
        }
        let words = TextNormalization.words(response)
        if let minimum = minResponseWords, words.count < minimum {
            return failure("min_response_words", .integer(words.count), .integer(minimum))
        }
        if let match = refusal.match(in: response) {
            return failure("refusal", .string(match.phrase), "no refusal phrase")
        }
        if let maximum = maxPromptEcho, let prompt = content.prompt {
            let echo = Self.promptEcho(prompt: prompt, response: response)
            if echo > maximum { return failure("prompt_echo", rounded(echo), .double(maximum)) }
        }
        if let maximum = maxRepetition {
            let repetition = Self.repetition(response)
            if repetition > maximum { return failure("repetition", rounded(repetition), .double(maximum)) }
        }
        if checkCodeFences {
            let fences = Truncation.codeFenceLines(response)
            if fences % 2 != 0 { return failure("code_fences", .integer(fences), "even") }
        }
        return nil
    }

    private func failure(_ check: String, _ value: JSONValue, _ threshold: JSONValue) -> FilterFailure {
        FilterFailure(rule: "\(Self.name).\(check)", value: value, threshold: threshold)
    }

    // MARK: measures

    /// Share of the response's word 3-grams (canonical words) that also occur in the prompt; 1 when
    /// the canonical texts are equal, 0 when the response has fewer than three words and differs.
    static func promptEcho(prompt: String, response: String) -> Double {
        let promptWords = TextNormalization.words(TextNormalization.canonical(prompt))
        let responseWords = TextNormalization.words(TextNormalization.canonical(response))
        if promptWords == responseWords { return 1 }
        guard responseWords.count >= 3, promptWords.count >= 3 else { return 0 }
        var promptGrams = Set<[Substring]>()
        for i in 0...(promptWords.count - 3) { promptGrams.insert(Array(promptWords[i..<(i + 3)])) }
        var shared = 0
        let total = responseWords.count - 2
        for i in 0..<total where promptGrams.contains(Array(responseWords[i..<(i + 3)])) { shared += 1 }
        return Double(shared) / Double(total)
    }

    /// Gopher's duplicate 5-gram character fraction over whitespace words.
    static func repetition(_ response: String) -> Double {
        let words = TextNormalization.words(response)
        let n = 5
        guard words.count >= n * 2 else { return 0 }
        var seen = Set<String>()
        var repeated = 0
        var i = 0
        while i <= words.count - n {
            let gram = words[i..<(i + n)].joined()
            if seen.contains(gram) {
                repeated += gram.unicodeScalars.count
                i += n
            } else {
                seen.insert(gram)
                i += 1
            }
        }
        return Double(repeated) / Double(response.unicodeScalars.count)
    }
}

extension InstructionRules: FilterRuleSet {
    public static let readsDocumentText = false
    public func evaluate(text: AnalyzedText?, content: RecordContent) -> FilterFailure? { evaluate(content) }
}
