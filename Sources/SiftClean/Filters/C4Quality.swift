import SiftCore
import SiftText
#if canImport(Glibc)
import Glibc
#endif

/// C4's page rules (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
/// Text-to-Text Transformer", section 2.2), with the extra line rules of the TensorFlow Datasets
/// implementation, as datatrove's `C4QualityFilter` implements them (datatrove 0.10,
/// `c4_filters.py`). Lines (`str.splitlines`, stripped) are dropped when they have a word longer than
/// 1,000 characters, do not end in terminal punctuation (or end in an ellipsis), have fewer than 3
/// words, mention "javascript", or mention a cookie/terms-of-use policy; a page is dropped when a
/// kept line contains "lorem ipsum" or a curly bracket, or when fewer than 5 sentences remain.
/// Wikipedia-style citations (`[1]`, `[edit]`, `[citation needed]`) are removed from lines first.
///
/// Sift decides on the page and leaves the text unchanged: it does not rewrite kept pages to their
/// kept lines, as datatrove does, so every rule set sees the original document.
/// The bad-words rule of the paper is not part of this filter (as in datatrove's `C4QualityFilter`).
public struct C4Quality: Sendable {
    public static let name = "c4"
    /// Paper: "We only retained lines that ended in a terminal punctuation mark".
    public var filterNoTerminalPunct = true
    /// Paper: "We discarded any page with fewer than 3 [sic: 5] sentences"; the paper and datatrove: 5.
    public var minNumSentences: Int? = 5
    /// Paper: "only retained lines that contained at least 3 words".
    public var minWordsPerLine: Int? = 3
    /// TFDS c4_utils: lines with a word over 1,000 characters are dropped.
    public var maxWordLength: Int? = 1000
    /// Paper: "We removed any page where the phrase 'lorem ipsum' appeared".
    public var filterLoremIpsum = true
    /// Paper: "We removed any line with the word Javascript".
    public var filterJavascript = true
    /// Paper: "We removed any pages that contained a curly bracket".
    public var filterCurlyBracket = true
    /// TFDS c4_utils: cookie and terms-of-use lines are dropped.
    public var filterPolicy = true
    /// datatrove: Wikipedia citation markers are removed before the line tests.
    public var removeCitations = true

    public init() {}

    public var parameters: [(String, JSONValue)] {
        [("filter_no_terminal_punct", .bool(filterNoTerminalPunct)), ("min_num_sentences", ParameterValue.json(minNumSentences)),
         ("min_words_per_line", ParameterValue.json(minWordsPerLine)), ("max_word_length", ParameterValue.json(maxWordLength)),
         ("filter_lorem_ipsum", .bool(filterLoremIpsum)), ("filter_javascript", .bool(filterJavascript)),
         ("filter_curly_bracket", .bool(filterCurlyBracket)), ("filter_policy", .bool(filterPolicy)),
         ("remove_citations", .bool(removeCitations))]
    }

    public mutating func set(_ parameter: String, _ text: String) throws {
        let name = "\(Self.name).\(parameter)"
        switch parameter {
        case "filter_no_terminal_punct": filterNoTerminalPunct = try ParameterValue.bool(text, name)
        case "min_num_sentences": minNumSentences = try ParameterValue.optionalInt(text, name)
        case "min_words_per_line": minWordsPerLine = try ParameterValue.optionalInt(text, name)
        case "max_word_length": maxWordLength = try ParameterValue.optionalInt(text, name)
        case "filter_lorem_ipsum": filterLoremIpsum = try ParameterValue.bool(text, name)
        case "filter_javascript": filterJavascript = try ParameterValue.bool(text, name)
        case "filter_curly_bracket": filterCurlyBracket = try ParameterValue.bool(text, name)
        case "filter_policy": filterPolicy = try ParameterValue.bool(text, name)
        case "remove_citations": removeCitations = try ParameterValue.bool(text, name)
        default: throw SiftError("unknown parameter '\(name)'; \(Self.name) has \(parameters.map(\.0).joined(separator: ", "))", status: .usage)
        }
    }

    /// `. ? ! " '`, as a character class: a `Set` lookup hashes, and this test runs once per line.
    static let endPunctuation = CharacterClass(scalars: [0x2E, 0x3F, 0x21, 0x22, 0x27])
    static let policyPhrases = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"].map(PythonText.scalars)
    /// Bit 0: "lorem ipsum", bit 1: "javascript", then the policy phrases.
    static let phrases = PhraseSet([PythonText.scalars("lorem ipsum"), PythonText.scalars("javascript")] + policyPhrases)

    public func evaluate(_ text: AnalyzedText) -> FilterFailure? {
        let t = text.scalars
        let words = needsSentences ? text.words : []
        var sentences = 0
        let failure = t.withUnsafeBufferPointer { buffer in
            text.withASCIIBytes { ascii in keptLineSentences(buffer, t, ascii, text.lines, words, &sentences) }
        }
        if let failure { return failure }
        if let minNumSentences, sentences < minNumSentences {
            return FilterFailure(rule: "\(Self.name).min_num_sentences", value: .integer(sentences), threshold: .integer(minNumSentences), datatroveReason: "too_few_sentences")
        }
        return nil
    }

    /// Adds the sentences of the kept lines to `sentences`, or returns the failure of a line that
    /// removes the page. `ascii` is the text's bytes when it is ASCII: then the phrases are found
    /// for the whole text at once, when a line first needs them, and (with the document's words
    /// at hand) no line is scanned character by character: its brackets are found with `memchr`
    /// and its `split()` words counted from its tokens.
    private func keptLineSentences(_ buffer: UnsafeBufferPointer<UInt32>, _ t: [UInt32], _ ascii: UnsafePointer<UInt8>?, _ lines: [TokenSpan], _ words: [TokenSpan], _ sentences: inout Int) -> FilterFailure? {
        var wordIndex = 0
        var matches: ASCIIPhraseMatches?
        let bytes = needsSentences ? ascii : nil
        for rawLine in lines {
            let span = PythonText.strip(t, rawLine)
            let s = Int(span.start), e = Int(span.end)
            // No word can be longer than its line.
            if let maxWordLength, maxWordLength != -1, span.count > maxWordLength,
               PythonText.longestWord(buffer, span) > maxWordLength { continue }
            let scan = bytes == nil ? PythonText.scanLine(buffer, span) : nil
            // The document's words inside the line are the line's own tokens (lines are bounded
            // by whitespace, which tokens never cross): one pass over them counts the line's
            // sentences and its `split()` words.
            var lineCounts: (sentences: Int, chunks: Int)?
            func counts() -> (sentences: Int, chunks: Int) {
                if let lineCounts { return lineCounts }
                while wordIndex < words.count, words[wordIndex].start < span.start { wordIndex += 1 }
                var last = wordIndex
                while last < words.count, words[last].end <= span.end { last += 1 }
                let counts = EnglishWordTokenizer.shared.sentenceCount(buffer, words[wordIndex..<last])
                lineCounts = counts
                return counts
            }
            func wordCount() -> Int { scan?.words ?? counts().chunks }
            let verdict: LineVerdict
            if removeCitations, scan?.hasOpenBracket ?? (memchr(bytes! + s, 0x5B, e - s) != nil) {
                // Citation markers change the line: test (and count sentences in) the cleaned copy.
                let line = Self.removingCitations(t, span)
                let originalWords = wordCount()
                verdict = line.withUnsafeBufferPointer { cleaned in
                    let cleanedScan = PythonText.scanLine(cleaned, TokenSpan(0, cleaned.count))
                    return check(cleaned, 0, cleaned.count, wordCount: { originalWords }, hasCurlyBracket: { cleanedScan.hasCurlyBracket }) {
                        LowercasedLine(cleaned, 0, cleaned.count, isASCII: cleanedScan.isASCII).occurring(Self.phrases)
                    } sentences: {
                        EnglishWordTokenizer.shared.sentenceCount(cleaned, 0, cleaned.count)
                    }
                }
            } else {
                verdict = check(buffer, s, e, wordCount: wordCount, hasCurlyBracket: { scan?.hasCurlyBracket ?? (memchr(bytes! + s, 0x7B, e - s) != nil) }) {
                    guard let ascii else { return LowercasedLine(buffer, s, e, isASCII: scan?.isASCII ?? true).occurring(Self.phrases) }
                    if matches == nil { matches = ASCIIPhraseMatches(ascii, count: buffer.count, Self.phrases.ascii) }
                    return matches!.phrases(within: s, e)
                } sentences: {
                    counts().sentences
                }
            }
            switch verdict {
            case .skip: continue
            case .keep(let count): sentences += count
            case .removePage(let failure): return failure
            }
        }
        return nil
    }

    private enum LineVerdict {
        case skip
        case keep(sentences: Int)
        case removePage(FilterFailure)
    }

    /// The line tests after the word-length test, on `t[s..<e]` (the line, citations removed);
    /// `wordCount` gives the original line's words. `phrases` gives bit k when the line holds
    /// `Self.phrases` k, ignoring case. Each closure runs only when its test is reached.
    private func check(_ t: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, wordCount: () -> Int, hasCurlyBracket: () -> Bool, phrases: () -> UInt64, sentences: () -> Int) -> LineVerdict {
        if filterNoTerminalPunct {
            guard e > s, Self.endPunctuation.contains(t[e - 1]) else { return .skip }
            if e - s >= 3, t[e - 1] == 0x2E, t[e - 2] == 0x2E, t[e - 3] == 0x2E { return .skip }
        }
        if let minWordsPerLine, wordCount() < minWordsPerLine { return .skip }
        // Which of the phrases (lorem ipsum, javascript, the policy phrases) occur.
        let found = phrases()
        if filterLoremIpsum, found & 1 != 0 {
            return .removePage(FilterFailure(rule: "\(Self.name).lorem_ipsum", value: .string("lorem ipsum"), threshold: .integer(0), datatroveReason: "lorem_ipsum"))
        }
        if filterJavascript, found & 2 != 0 { return .skip }
        if filterCurlyBracket, hasCurlyBracket() {
            return .removePage(FilterFailure(rule: "\(Self.name).curly_bracket", value: .string("{"), threshold: .integer(0), datatroveReason: "curly_bracket"))
        }
        if filterPolicy, found & ~3 != 0 { return .skip }
        return .keep(sentences: needsSentences ? sentences() : 0)
    }

    private var needsSentences: Bool { minNumSentences.map { $0 != -1 } ?? false }

    /// `re.sub(r"\[\d*]|\[edit]|\[citation needed]", "", line)`.
    static func removingCitations(_ t: [UInt32], _ span: TokenSpan) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(span.count)
        var i = Int(span.start)
        let end = Int(span.end)
        while i < end {
            if t[i] == 0x5B, let length = citationLength(t, i, end) {
                i += length
                continue
            }
            out.append(t[i])
            i += 1
        }
        return out
    }

    private static let citationMarkers = [PythonText.scalars("edit]"), PythonText.scalars("citation needed]")]

    /// Length of the citation marker starting with the `[` at `i`, if one does.
    private static func citationLength(_ t: [UInt32], _ i: Int, _ end: Int) -> Int? {
        var j = i + 1
        while j < end, PythonCharacter.isDecimalDigit(t[j]) { j += 1 }
        if j < end, t[j] == 0x5D { return j + 1 - i }
        for marker in citationMarkers where i + 1 + marker.count <= end && marker.elementsEqual(t[(i + 1)..<(i + 1 + marker.count)]) {
            return 1 + marker.count
        }
        return nil
    }
}

extension C4Quality: FilterRuleSet {
    public static let readsDocumentText = true
    public func evaluate(text: AnalyzedText?, content: RecordContent) -> FilterFailure? { text.flatMap(evaluate) }
}
