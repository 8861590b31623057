import Foundation
import SiftCore

/// Reads a 1–10 score out of a judge model's answer. Models wrap JSON in prose or code fences, use
/// `rating` for `score`, quote numbers, or skip JSON entirely ("Score: 8/10"), so parsing tries, in
/// order: the first JSON object in the text with a `score`, `rating` or `grade`; then "score: N",
/// "rating: N", "N/10", "N out of 10"; then an answer that is only a number. A score outside 1–10,
/// or none found, is unparseable, and `synth qa` rejects the record with that reason rather than
/// guessing.
public enum JudgeScore {
    public enum Outcome: Sendable, Equatable {
        case score(Double, reason: String?)
        case unparseable(String)
    }

    /// OpenAI's structured-outputs `response_format` for the rubric's answer,
    /// `{"score": <integer 1-10>, "reason": "<string>"}`. OpenAI, vLLM, llama.cpp's server and
    /// Ollama turn the schema into constrained decoding, so the answer always parses; whether the
    /// score means anything is still the model's doing.
    public static let responseFormat: JSONValue = [
        "type": "json_schema",
        "json_schema": [
            "name": "judgement",
            "strict": true,
            "schema": [
                "type": "object",
                "properties": [
                    "score": ["type": "integer", "minimum": 1, "maximum": 10],
                    "reason": ["type": "string"],
                ],
                "required": ["score", "reason"],
                "additionalProperties": false,
            ],
        ],
    ]

    public static func parse(_ text: String) -> Outcome {
        if let (value, reason) = fromJSON(text) { return validated(value, reason: reason, text: text) }
        let lowered = text.lowercased()
        for pattern in [#"(?:score|rating|grade)\s*(?:is|of)?\s*[:=]?\s*\**\s*(\d+(?:\.\d+)?)"#, #"(\d+(?:\.\d+)?)\s*/\s*10\b"#, #"(\d+(?:\.\d+)?)\s+out\s+of\s+10\b"#] {
            if let value = firstCapture(pattern, in: lowered).flatMap(Double.init) { return validated(value, reason: nil, text: text) }
        }
        if let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return validated(value, reason: nil, text: text) }
        return .unparseable("no score found in the judge's answer: \"\(String(text.prefix(80)))\"")
    }

    static func validated(_ value: Double, reason: String?, text: String) -> Outcome {
        guard value.isFinite, (1...10).contains(value) else { return .unparseable("score \(value) is outside 1-10") }
        return .score(value, reason: reason)
    }

    static func fromJSON(_ text: String) -> (Double, String?)? {
        var search = text[...]
        while let open = search.firstIndex(of: "{") {
            if let close = matchingBrace(in: search, from: open), let value = try? JSONParser.parse(String(search[open...close])) {
                for key in ["score", "rating", "grade"] {
                    let reason = value["reason"]?.stringValue ?? value["explanation"]?.stringValue
                    switch value[key] {
                    case .number(let literal)?: if let number = Double(literal) { return (number, reason) }
                    case .string(let s)?: if let number = Double(s.trimmingCharacters(in: .whitespaces)) { return (number, reason) }
                    default: continue
                    }
                }
            }
            search = search[search.index(after: open)...]
        }
        return nil
    }

    /// The index of the brace closing the one at `open`, skipping braces inside JSON strings.
    static func matchingBrace(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        while index < text.endIndex {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "{" {
                depth += 1
            } else if c == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func firstCapture(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
