import Foundation
import SiftCore

/// Checks of one instruction/response pair that need no other record. Each names a failure mode
/// of generated instruction data that published cleaning passes target (Alpaca-cleaned, WizardLM's
/// elimination rules, the Self-Instruct filters):
///
/// - `empty_response`: no response, blank, or only punctuation;
/// - `short_response`: fewer than `minResponseWords` words;
/// - `truncated_response`: the model stopped at the token limit (`finish_reason` = `length`);
/// - `refusal`: `RefusalRule.generatedData`: the response opens with a refusal, or carries a
///   refusal or "as an AI language model" disclaimer phrase at a word start;
/// - `prompt_repetition`: the response is the prompt, or starts by repeating it whole;
/// - `runaway_repetition`: a stretch of at least 24 words that repeats a unit of 1–32 words at
///   least 4 times in a row (a generation loop);
/// - `unbalanced_code_fences`: an odd number of ``` fence lines (`Truncation.codeFenceLines`),
///   so a code block never closes.
public struct InstructionChecks: Sendable {
    public var minResponseWords: Int

    public init(minResponseWords: Int = 1) {
        self.minResponseWords = minResponseWords
    }

    /// What a refusal is: the audit's and the filter's `RefusalRule`, with the apologetic
    /// openings on (in generated data an "I'm sorry" opening is the model declining).
    public var refusal = RefusalRule.generatedData

    public func check(prompt: String, response: String?, finishReason: String?) -> [QAReason] {
        var reasons: [QAReason] = []
        guard let response, !RougeL.tokens(response).isEmpty else {
            return [QAReason("empty_response", response == nil ? "the record has no response" : "the response has no words")]
        }
        let words = TextMeasure(response).words
        if words < minResponseWords { reasons.append(QAReason("short_response", "\(words) words (at least \(minResponseWords) required)")) }
        if finishReason == "length" { reasons.append(QAReason("truncated_response", "the model stopped at the token limit")) }
        if let match = refusal.match(in: response) {
            let place = match.place == .opening ? "opens with" : "contains"
            reasons.append(QAReason("refusal", "the response \(place) \"\(match.phrase)\""))
        }
        let canonicalPrompt = TextNormalization.canonical(prompt)
        let canonicalResponse = TextNormalization.canonical(response)
        if !canonicalPrompt.isEmpty, canonicalResponse.hasPrefix(canonicalPrompt) {
            reasons.append(QAReason("prompt_repetition", canonicalResponse == canonicalPrompt ? "the response is the prompt" : "the response starts by repeating the prompt"))
        }
        if let loop = Self.repetitionLoop(TextNormalization.words(response).map { $0.lowercased() }) {
            reasons.append(QAReason("runaway_repetition", "a \(loop.period)-word unit repeats over \(loop.span) words"))
        }
        let fences = Truncation.codeFenceLines(response)
        if fences % 2 == 1 { reasons.append(QAReason("unbalanced_code_fences", "\(fences) code fence lines (a block never closes)")) }
        return reasons
    }

    /// The longest periodic stretch: for each period p, runs where word i equals word i + p.
    static func repetitionLoop(_ words: [String]) -> (period: Int, span: Int)? {
        guard words.count >= 24 else { return nil }
        var best: (period: Int, span: Int)?
        for period in 1...min(32, words.count / 4) {
            var run = 0
            for i in 0..<(words.count - period) {
                if words[i] == words[i + period] {
                    run += 1
                    let span = run + period
                    if span >= max(24, 4 * period), span > (best?.span ?? 0) { best = (period, span) }
                } else {
                    run = 0
                }
            }
        }
        return best
    }
}
