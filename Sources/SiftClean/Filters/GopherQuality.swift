import SiftCore

/// Gopher's quality rules (Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights
/// from Training Gopher", appendix A.1.1 "MassiveWeb" quality filters), as datatrove's
/// `GopherQualityFilter` implements them (datatrove 0.10, `gopher_quality_filter.py`): checks run in
/// that order and the first failing one decides. Words are `split_into_words` tokens (spaCy English),
/// "non-symbol words" those with a character outside datatrove's `PUNCTUATION_SET`.
///
/// As in datatrove, a threshold of 0 (or `off`) disables its check.
public struct GopherQuality: Sendable {
    public static let name = "gopher-quality"
    /// Paper: "between 50 and 100,000 words"; datatrove default 50.
    public var minDocWords: Int? = 50
    /// Paper and datatrove: 100,000.
    public var maxDocWords: Int? = 100_000
    /// Paper: "mean word length outside the range of 3 to 10 characters"; datatrove 3.
    public var minAvgWordLength: Double? = 3
    /// Paper and datatrove: 10.
    public var maxAvgWordLength: Double? = 10
    /// Paper: "symbol-to-word ratio greater than 0.1 for either the hash symbol or the ellipsis".
    public var maxSymbolWordRatio: Double? = 0.1
    /// Paper: "more than 90% of lines starting with a bullet point".
    public var maxBulletLinesRatio: Double? = 0.9
    /// Paper: "more than 30% ending with an ellipsis".
    public var maxEllipsisLinesRatio: Double? = 0.3
    /// Paper: "80% of words in a document contain at least one alphabetic character"
    /// (datatrove's `max_non_alpha_words_ratio`, which is in fact this minimum).
    public var minAlphaWordsRatio: Double? = 0.8
    /// Paper: "at least two of the following English words: the, be, to, of, and, that, have, with".
    public var minStopWords: Int? = 2
    public var stopWords: [String] = Self.paperStopWords {
        didSet { stopWordMatcher = StopWordMatcher(stopWords) }
    }
    private static let paperStopWords = ["the", "be", "to", "of", "and", "that", "have", "with"]
    private var stopWordMatcher = StopWordMatcher(paperStopWords)

    public init() {}

    public var parameters: [(String, JSONValue)] {
        [("min_doc_words", ParameterValue.json(minDocWords)), ("max_doc_words", ParameterValue.json(maxDocWords)),
         ("min_avg_word_length", ParameterValue.json(minAvgWordLength)), ("max_avg_word_length", ParameterValue.json(maxAvgWordLength)),
         ("max_symbol_word_ratio", ParameterValue.json(maxSymbolWordRatio)), ("max_bullet_lines_ratio", ParameterValue.json(maxBulletLinesRatio)),
         ("max_ellipsis_lines_ratio", ParameterValue.json(maxEllipsisLinesRatio)), ("min_alpha_words_ratio", ParameterValue.json(minAlphaWordsRatio)),
         ("min_stop_words", ParameterValue.json(minStopWords))]
    }

    public mutating func set(_ parameter: String, _ text: String) throws {
        let name = "\(Self.name).\(parameter)"
        switch parameter {
        case "min_doc_words": minDocWords = try ParameterValue.optionalInt(text, name)
        case "max_doc_words": maxDocWords = try ParameterValue.optionalInt(text, name)
        case "min_avg_word_length": minAvgWordLength = try ParameterValue.optionalDouble(text, name)
        case "max_avg_word_length": maxAvgWordLength = try ParameterValue.optionalDouble(text, name)
        case "max_symbol_word_ratio": maxSymbolWordRatio = try ParameterValue.optionalDouble(text, name)
        case "max_bullet_lines_ratio": maxBulletLinesRatio = try ParameterValue.optionalDouble(text, name)
        case "max_ellipsis_lines_ratio": maxEllipsisLinesRatio = try ParameterValue.optionalDouble(text, name)
        case "min_alpha_words_ratio": minAlphaWordsRatio = try ParameterValue.optionalDouble(text, name)
        case "min_stop_words": minStopWords = try ParameterValue.optionalInt(text, name)
        case "stop_words": stopWords = text.split(separator: ",").map(String.init)
        default: throw SiftError("unknown parameter '\(name)'; \(Self.name) has \(parameters.map(\.0).joined(separator: ", ")), stop_words", status: .usage)
        }
    }

    /// A threshold is active when set and non-zero (datatrove tests them for truthiness).
    private func active<T: Numeric>(_ value: T?) -> T? { value.flatMap { $0 == 0 ? nil : $0 } }

    public func evaluate(_ text: AnalyzedText) -> FilterFailure? {
        let t = text.scalars
        let words = text.words
        let measures = t.withUnsafeBufferPointer { WordMeasures($0, words) }
        if let minimum = active(minDocWords), measures.nonSymbolWords < minimum {
            return failure("min_doc_words", .integer(measures.nonSymbolWords), .integer(minimum), "gopher_short_doc")
        }
        if let maximum = active(maxDocWords), measures.nonSymbolWords > maximum {
            return failure("max_doc_words", .integer(measures.nonSymbolWords), .integer(maximum), "gopher_long_doc")
        }
        let meanLength = measures.meanNonSymbolWordLength
        if let minimum = active(minAvgWordLength), meanLength < minimum {
            return failure("min_avg_word_length", rounded(meanLength), .double(minimum), "gopher_below_avg_threshold")
        }
        if let maximum = active(maxAvgWordLength), meanLength > maximum {
            return failure("max_avg_word_length", rounded(meanLength), .double(maximum), "gopher_above_avg_threshold")
        }
        if let maximum = active(maxSymbolWordRatio), !words.isEmpty {
            let symbols = text.symbolCounts()
            let hashes = Double(symbols.hashes) / Double(words.count)
            if hashes > maximum { return failure("max_hash_word_ratio", rounded(hashes), .double(maximum), "gopher_too_many_hashes") }
            let ellipses = Double(symbols.ellipses) / Double(words.count)
            if ellipses > maximum { return failure("max_ellipsis_word_ratio", rounded(ellipses), .double(maximum), "gopher_too_many_ellipsis") }
        }
        let lines = text.lines
        if let maximum = active(maxBulletLinesRatio), !lines.isEmpty {
            let ratio = Double(Self.bulletLines(t, lines)) / Double(lines.count)
            if ratio > maximum { return failure("max_bullet_lines_ratio", rounded(ratio), .double(maximum), "gopher_too_many_bullets") }
        }
        if let maximum = active(maxEllipsisLinesRatio), !lines.isEmpty {
            let ratio = Double(Self.ellipsisLines(t, lines)) / Double(lines.count)
            if ratio > maximum { return failure("max_ellipsis_lines_ratio", rounded(ratio), .double(maximum), "gopher_too_many_end_ellipsis") }
        }
        if let minimum = active(minAlphaWordsRatio), !words.isEmpty {
            let ratio = Double(measures.alphabeticWords) / Double(words.count)
            if ratio < minimum { return failure("min_alpha_words_ratio", rounded(ratio), .double(minimum), "gopher_below_alpha_threshold") }
        }
        if let minimum = active(minStopWords) {
            // Counting stops at `minimum`: a count that high never fails, and is never reported.
            let found = t.withUnsafeBufferPointer { stopWordMatcher.distinctCount($0, words, enough: minimum) }
            if found < minimum { return failure("min_stop_words", .integer(found), .integer(minimum), "gopher_enough_stop_words") }
        }
        return nil
    }

    private func failure(_ check: String, _ value: JSONValue, _ threshold: JSONValue, _ reason: String) -> FilterFailure {
        FilterFailure(rule: "\(Self.name).\(check)", value: value, threshold: threshold, datatroveReason: reason)
    }

    // MARK: measures (pure functions of the text)

    /// Lines whose first non-space character starts a bullet (`•` or `-`).
    static func bulletLines(_ t: [UInt32], _ lines: [TokenSpan]) -> Int {
        lines.reduce(0) { count, line in
            var i = Int(line.start)
            while i < Int(line.end), PythonCharacter.isSpace(t[i]) { i += 1 }
            return i < Int(line.end) && (t[i] == 0x2022 || t[i] == 0x2D) ? count + 1 : count
        }
    }

    /// Lines ending, before trailing spaces, with `...` or `…`.
    static func ellipsisLines(_ t: [UInt32], _ lines: [TokenSpan]) -> Int {
        lines.reduce(0) { count, line in
            let stripped = PythonText.strip(t, TokenSpan(Int(line.start), Int(line.end)))
            let trimmed = TokenSpan(Int(line.start), Int(stripped.end))
            let end = Int(trimmed.end)
            let dots = trimmed.count >= 3 && t[end - 1] == 0x2E && t[end - 2] == 0x2E && t[end - 3] == 0x2E
            return dots || (trimmed.count >= 1 && t[end - 1] == 0x2026) ? count + 1 : count
        }
    }
}

/// Gopher quality's word measures, from one pass over the words: how many are "non-symbol" words
/// (a character outside datatrove's `PUNCTUATION_SET`) and their total length, and how many have an
/// alphabetic character (Python `str.isalpha`). A word usually settles both at its first character.
struct WordMeasures {
    private static let punctuation = CharacterClass(scalars: EnglishTokenizerTables.punctuation)

    private(set) var nonSymbolWords = 0
    private(set) var nonSymbolCharacters = 0
    private(set) var alphabeticWords = 0

    init(_ t: UnsafeBufferPointer<UInt32>, _ words: [TokenSpan]) {
        for word in words {
            // An ASCII letter is alphabetic and not punctuation: it settles both at once.
            if (t[Int(word.start)] | 0x20) &- 97 < 26 {
                nonSymbolWords += 1
                nonSymbolCharacters += word.count
                alphabeticWords += 1
                continue
            }
            var nonSymbol = false
            var alphabetic = false
            for i in Int(word.start)..<Int(word.end) {
                let c = t[i]
                if !nonSymbol, !Self.punctuation.contains(c) { nonSymbol = true }
                if !alphabetic, PythonCharacter.isAlpha(c) { alphabetic = true }
                if nonSymbol, alphabetic { break }
            }
            if nonSymbol {
                nonSymbolWords += 1
                nonSymbolCharacters += word.count
            }
            if alphabetic { alphabeticWords += 1 }
        }
    }

    /// Mean length in characters; NaN for no words (then no length check fails, as with numpy).
    var meanNonSymbolWordLength: Double {
        nonSymbolWords == 0 ? .nan : Double(nonSymbolCharacters) / Double(nonSymbolWords)
    }
}

extension GopherQuality: FilterRuleSet {
    public static let readsDocumentText = true
    public func evaluate(text: AnalyzedText?, content: RecordContent) -> FilterFailure? { text.flatMap(evaluate) }
}
