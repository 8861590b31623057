import Foundation
import SiftCore

/// Deterministic stand-in answers to Sift's built-in templates, chosen by what the prompt asks for
/// and derived from a hash of the prompt, so the same request always gets the same answer and
/// different requests get different, plausible-looking ones.
public enum ScriptedModel {
    static let verbs = ["Explain", "Summarize", "Compare", "Describe", "List", "Outline", "Evaluate", "Classify", "Plan", "Critique",
                        "Rewrite", "Translate", "Estimate", "Design", "Argue", "Justify", "Teach", "Debug", "Predict", "Rank"]
    static let topics = ["tidal energy", "sourdough fermentation", "medieval trade routes", "binary search trees", "coral reef bleaching",
                         "jazz improvisation", "supply chain risk", "volcanic soil", "password hashing", "urban beekeeping",
                         "glacier retreat", "chess openings", "vaccine cold chains", "solar sails", "library cataloguing",
                         "river delta formation", "credit card fraud", "origami tessellations", "wind turbine maintenance", "bird migration",
                         "sleep hygiene", "railway signalling", "tea blending", "earthquake early warning", "compost chemistry",
                         "typeface design", "lunar calendars", "desert irrigation", "podcast editing", "spider silk"]
    static let audiences = ["a ten-year-old", "a new employee", "a skeptical investor", "a retired engineer", "a busy parent",
                            "a first-year student", "a museum visitor", "a city council", "a hiking club", "a nurse on night shift"]
    static let forms = ["in three sentences", "as a numbered checklist", "in under 100 words", "with one concrete example",
                        "as a short dialogue", "using a table", "with two counterarguments", "as a haiku", "step by step", "in plain language"]

    static func pick<T>(_ list: [T], _ hash: UInt64, _ salt: UInt64) -> T {
        list[Int((hash &* (salt | 1)) >> 33) % list.count]
    }

    /// A new task, different for each (hash, index).
    public static func task(_ hash: UInt64, _ index: Int) -> String {
        let h = XXH64.hash("\(hash)-\(index)")
        return "\(pick(verbs, h, 3)) \(pick(topics, h, 5)) for \(pick(audiences, h, 7)) \(pick(forms, h, 11))."
    }

    public static func answer(to seen: LoopbackModelServer.Seen) -> String {
        let prompt = seen.lastUserMessage
        let hash = XXH64.hash(prompt)
        if prompt.contains("new tasks"), let count = number(after: "\nWrite ", in: prompt) {
            return (1...count).map { "\($0). \(task(hash, $0))" }.joined(separator: "\n")
        }
        if prompt.hasPrefix("Rewrite the prompt below") {
            return "\(body(of: prompt)) Also include \(pick(topics, hash, 13)) and explain every step."
        }
        if prompt.hasPrefix("Take inspiration from the prompt below") {
            return "\(pick(verbs, hash, 17)) \(pick(topics, hash, 19)) for \(pick(audiences, hash, 23)) \(pick(forms, hash, 29))."
        }
        if prompt.hasPrefix("Below is a text written by a person") {
            return "Write a short explanation of \(body(of: prompt).split(separator: " ").prefix(4).joined(separator: " "))."
        }
        if prompt.hasPrefix("Translate the text below into English") {
            let text = body(of: prompt)
            return text.hasPrefix("[pivot] ") ? String(text.dropFirst(8)) : text
        }
        if prompt.hasPrefix("Translate the text below into") {
            return "[pivot] " + body(of: prompt)
        }
        if prompt.hasPrefix("You are grading") {
            return prompt.contains("LOW QUALITY") ? #"{"score": 3, "reason": "marked low quality"}"# : #"Here is my grade: {"score": 8, "reason": "clear and correct"}"#
        }
        return "Here is a careful answer about \(words(prompt).prefix(6).joined(separator: " ")): it covers the key facts, gives an example, and ends with a summary."
    }

    /// The text after the template's last label line ("Prompt:", "Text:").
    public static func body(of prompt: String) -> String {
        for label in ["\nPrompt:\n", "\nText:\n"] {
            if let range = prompt.range(of: label, options: .backwards) { return String(prompt[range.upperBound...]) }
        }
        return prompt
    }

    static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
