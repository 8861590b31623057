import Foundation
import SiftText

/// What a refusal or AI-disclaimer response is, defined once for every command: the audit's
/// `refusal_boilerplate`, the `instruction.refusal` filter rule and synthetic-data QA call this, so
/// that an audit, a clean-up and a QA pass agree record by record.
///
/// A phrase matches case-insensitively, straight and curly apostrophes alike, and only at a word
/// start (`PhraseMatcher`): "Hawaii cannot help with that" is not "i cannot help with that".
///
/// The one legitimate difference between commands is a named parameter, `apologeticOpenings`: a
/// response that merely opens with "I'm sorry" or "I cannot" is often a fine answer in support or
/// human-written data ("I'm sorry to hear that; here is how to reset it"), but in generated data it
/// is almost always the model declining, so synthetic-data QA turns the openings on and the audit
/// and the filter leave them off.
public struct RefusalRule: Sendable {
    /// Where the matched phrase was found.
    public enum Place: Sendable, Equatable {
        /// At a word start anywhere in the response (one of `phrases`).
        case anywhere
        /// As the response's first words, after leading whitespace (one of `openings`).
        case opening
    }

    public struct Match: Sendable, Equatable {
        public let phrase: String
        public let place: Place
        /// Index into `phrases` (for `.anywhere`) or `openings` (for `.opening`).
        public let index: Int
    }

    /// Phrases that mark a refusal or AI-disclaimer boilerplate wherever they start a word.
    public let phrases: [String]
    /// Openings that mark a refusal only as a response's first words; empty unless
    /// `apologeticOpenings` was set.
    public let openings: [String]
    private let matcher: PhraseMatcher
    private let openingMatcher: PhraseMatcher

    /// - Parameters:
    ///   - phrases: the phrases matched anywhere (empty strings are ignored).
    ///   - apologeticOpenings: also treat a response opening with one of `Self.standardOpenings`
    ///     as a refusal (generated data; see the type's comment).
    public init(phrases: [String] = RefusalRule.standardPhrases, apologeticOpenings: Bool = false) {
        self.phrases = phrases.filter { !$0.isEmpty }
        openings = apologeticOpenings ? Self.standardOpenings : []
        matcher = PhraseMatcher(self.phrases)
        openingMatcher = PhraseMatcher(openings)
    }

    /// The audit's and the filter's rule: the phrases anywhere, no openings.
    public static let standard = RefusalRule()
    /// Synthetic-data QA's rule: the phrases anywhere and the apologetic openings.
    public static let generatedData = RefusalRule(apologeticOpenings: true)

    /// The refusal in `response`, if any: an opening first (when enabled), else the phrase found
    /// earliest in the text.
    public func match(in response: String) -> Match? {
        if !openings.isEmpty {
            let trimmed = response.trimmingCharacters(in: .whitespacesAndNewlines)
            if let index = openingMatcher.prefixMatch(in: trimmed) { return Match(phrase: openings[index], place: .opening, index: index) }
        }
        guard let index = matcher.firstMatch(in: response) else { return nil }
        return Match(phrase: phrases[index], place: .anywhere, index: index)
    }

    /// Phrases that mark a response as a refusal or AI-disclaimer boilerplate ("As an AI language
    /// model...", "I cannot help with that"). They follow the phrase lists the community used to
    /// remove such responses from ShareGPT/WizardLM/Alpaca data for the "unfiltered" variants.
    public static let standardPhrases = [
        "as an ai language model", "as a language model", "as an ai assistant", "as an ai model",
        "as a large language model", "as an ai developed by", "i'm an ai language model", "i'm just an ai", "i am just an ai",
        "as an ai,", "as an ai i ", "i apologize, but i cannot", "i apologize, but i can't", "i apologize, but i am unable",
        "unable to provide assistance with",
        "i cannot help with that", "i can't help with that", "i cannot assist with", "i can't assist with",
        "i'm sorry, but i can't", "i'm sorry, but i cannot", "i am sorry, but i cannot", "sorry, but i can't",
        "i'm unable to help", "i am unable to help", "i cannot fulfill", "i can't fulfill",
        "i cannot comply", "i can't comply", "i'm not able to help", "i'm not able to provide", "i am not able to provide",
        "i cannot provide assistance", "i must decline", "it is not appropriate for me to",
        "against my programming", "my programming prohibits", "openai's content policy", "openai's use case policy",
        "my knowledge cutoff", "i don't have personal opinions", "i do not have personal opinions",
    ]

    /// Openings that mark a refusal in generated data (WizardLM's and Alpaca-cleaned's elimination
    /// rules drop responses that start by apologising or declining).
    public static let standardOpenings = [
        "i'm sorry", "i am sorry", "sorry, but", "sorry, i", "i apologize", "i apologise", "i cannot", "i can't", "i can not",
        "i am unable", "i'm unable", "i am not able", "i'm not able", "i won't", "i will not", "unfortunately, i cannot",
        "unfortunately, i can't", "as an ai", "as a language model", "i'm just an ai", "i am just an ai",
    ]
}
