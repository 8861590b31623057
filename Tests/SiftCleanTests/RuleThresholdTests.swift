import Testing
import SiftCore
@testable import SiftClean

/// Each rule on texts built to sit exactly at its threshold (kept: the published rules remove only
/// past it) and one step beyond (removed, with the measured value reported).
@Suite("Quality rules at their thresholds")
struct RuleThresholdTests {
    /// `count` distinct alphabetic words of 4-6 letters, no stop words.
    static func words(_ count: Int) -> [String] {
        let syllables = ["ka", "lo", "mi", "ner", "sut", "va", "rel", "do", "pim", "zo"]
        return (0..<count).map { i in syllables[i % 10] + syllables[(i / 10) % 10] + syllables[(i / 100) % 10] }
    }

    static func gopher(_ text: String) -> FilterFailure? { GopherQuality().evaluate(AnalyzedText(text)) }

    @Test("gopher-quality: 50 non-symbol words kept, 49 removed; punctuation tokens do not count")
    func minDocWords() {
        let base = Self.words(48) + ["the", "of"]
        #expect(Self.gopher(base.joined(separator: " ")) == nil)
        let short = Array(base.dropFirst()).joined(separator: " , ")
        let failure = Self.gopher(short)
        #expect(failure?.rule == "gopher-quality.min_doc_words")
        #expect(failure?.value == .integer(49))
        #expect(failure?.threshold == .integer(50))
    }

    @Test("gopher-quality: mean word length 3 kept, below 3 removed; above 10 removed")
    func meanWordLength() {
        let three = Array(repeating: "abc", count: 48) + ["the", "and"]
        #expect(Self.gopher(three.joined(separator: " ")) == nil)
        let short = Array(repeating: "ab", count: 48) + ["the", "and"]
        #expect(Self.gopher(short.joined(separator: " "))?.rule == "gopher-quality.min_avg_word_length")
        let long = Array(repeating: "internationalization", count: 48) + ["the", "and"]
        #expect(Self.gopher(long.joined(separator: " "))?.rule == "gopher-quality.max_avg_word_length")
    }

    @Test("gopher-quality: hash symbols up to 10% of words kept, more removed")
    func hashRatio() {
        let base = Self.words(48) + ["the", "of"]
        // 5 hashes in 55 words: 0.0909; 6 in 56: 0.107.
        #expect(Self.gopher((base + Array(repeating: "#", count: 5)).joined(separator: " ")) == nil)
        let failure = Self.gopher((base + Array(repeating: "#", count: 6)).joined(separator: " "))
        #expect(failure?.rule == "gopher-quality.max_hash_word_ratio")
        #expect(failure?.value == .double(0.107143))
    }

    @Test("gopher-quality: 90% bullet lines kept, all bullets removed; 30% ellipsis lines kept, 40% removed")
    func lineRatios() {
        let words = Self.words(60)
        func lines(_ count: Int) -> [String] { (0..<count).map { i in words[(i * 6)..<(i * 6 + 6)].joined(separator: " ") + " the of" } }
        let nine = lines(10).enumerated().map { $0.offset < 9 ? "- " + $0.element : $0.element }
        #expect(Self.gopher(nine.joined(separator: "\n")) == nil)
        let all = lines(10).map { "• " + $0 }
        #expect(Self.gopher(all.joined(separator: "\n"))?.rule == "gopher-quality.max_bullet_lines_ratio")
        let three = lines(10).enumerated().map { $0.offset < 3 ? $0.element + "..." : $0.element }
        #expect(Self.gopher(three.joined(separator: "\n")) == nil)
        let four = lines(10).enumerated().map { $0.offset < 4 ? $0.element + " …" : $0.element }
        let failure = Self.gopher(four.joined(separator: "\n"))
        #expect(failure?.rule == "gopher-quality.max_ellipsis_lines_ratio")
        #expect(failure?.value == .double(0.4))
    }

    @Test("gopher-quality: 80% alphabetic words kept, fewer removed; stop words are case-sensitive")
    func alphaAndStopWords() {
        let base = Self.words(48) + ["the", "of"]
        // 50 alphabetic words of 62 (0.806) kept; of 63 (0.794) removed.
        #expect(Self.gopher((base + Array(repeating: "123", count: 12)).joined(separator: " ")) == nil)
        #expect(Self.gopher((base + Array(repeating: "123", count: 13)).joined(separator: " "))?.rule == "gopher-quality.min_alpha_words_ratio")
        let capitalised = Self.words(48) + ["The", "Of"]
        let failure = Self.gopher(capitalised.joined(separator: " "))
        #expect(failure?.rule == "gopher-quality.min_stop_words")
        #expect(failure?.value == .integer(0))
    }

    @Test("gopher-repetition: duplicate lines and paragraphs, by count and by characters")
    func duplicates() {
        let rules = GopherRepetition()
        let words = Self.words(400)
        func line(_ i: Int) -> String { words[(i * 8)..<(i * 8 + 8)].joined(separator: " ") }
        // 10 lines, 3 of them repeats of a short line: 0.3 of lines, a small share of characters.
        let unique = (0..<7).map(line)
        let kept = (unique + ["x y", "x y", "x y", "x y"]).joined(separator: "\n")
        #expect(rules.evaluate(AnalyzedText(kept)) == nil)
        let removed = (unique + Array(repeating: "x y", count: 5)).joined(separator: "\n")
        let failure = rules.evaluate(AnalyzedText(removed))
        #expect(failure?.rule == "gopher-repetition.dup_line_frac")
        #expect(failure?.value == .double(0.333333))
        // A long paragraph repeated once among four: 0.25 of paragraphs, but most characters.
        let paragraphs = [line(10) + " " + line(11), line(12), line(13), line(10) + " " + line(11)].joined(separator: "\n\n")
        #expect(rules.evaluate(AnalyzedText(paragraphs))?.rule == "gopher-repetition.dup_para_char_frac")
        #expect(rules.evaluate(AnalyzedText(""))?.rule == "gopher-repetition.empty")
    }

    @Test("gopher-repetition: top n-gram and duplicate n-gram character fractions")
    func nGrams() {
        let rules = GopherRepetition()
        let words = Self.words(200)
        // "lo ka" 20 times: the top 2-gram covers 100 of about 330 characters.
        let bigram = (words.prefix(30) + Array(repeating: "lo ka", count: 20)).joined(separator: " ")
        #expect(rules.evaluate(AnalyzedText(bigram))?.rule == "gopher-repetition.top_2_gram_frac")
        let varied = words.prefix(120).joined(separator: " ")
        #expect(rules.evaluate(AnalyzedText(varied)) == nil)
        // A 40-word passage said twice: no 2-4-gram is frequent enough, but duplicate 5-grams cover
        // the whole second half.
        let passage = words[120..<160].joined(separator: " ")
        let looping = passage + " " + passage
        let failure = rules.evaluate(AnalyzedText(looping))
        #expect(failure?.rule == "gopher-repetition.dup_5_gram_frac")
    }

    @Test("c4: five sentences in punctuated lines of 3+ words kept, four removed; lorem ipsum and braces remove the page")
    func c4() {
        let rules = C4Quality()
        let five = "One two three four. Five six seven eight! Nine ten eleven?\nTwelve thirteen fourteen. Fifteen sixteen seventeen."
        #expect(rules.evaluate(AnalyzedText(five)) == nil)
        let four = five + "\nNo end punctuation here\nToo short.\nWe use cookies to track you. Fine.\nEnable javascript for this. Now."
        let failure = rules.evaluate(AnalyzedText(four.replacingOccurrences(of: "Fifteen sixteen seventeen.", with: "")))
        #expect(failure?.rule == "c4.min_num_sentences")
        #expect(failure?.value == .integer(4))
        #expect(rules.evaluate(AnalyzedText(five + "\nLorem ipsum dolor sit amet."))?.rule == "c4.lorem_ipsum")
        #expect(rules.evaluate(AnalyzedText(five + "\nThe set {1, 2} is small."))?.rule == "c4.curly_bracket")
        // A brace on a line that is dropped anyway (no terminal punctuation) does not remove the page.
        #expect(rules.evaluate(AnalyzedText(five + "\nfunction f() {")) == nil)
        // Citations are removed before the punctuation test: "text [1]." ends with "."; "[edit]" alone is empty.
        #expect(C4Quality.removingCitations(PythonText.scalars("see here [12].[edit]"), TokenSpan(0, 20)) == PythonText.scalars("see here ."))
    }

    @Test("fineweb: punctuated-line, short-line, duplicated-character and newline-per-word ratios")
    func fineweb() {
        let rules = FineWebQuality()
        let long = "This line is long enough to count as a proper line of text"
        let good = (0..<8).map { "\(long) number \(Self.words(8)[$0])." }.joined(separator: "\n")
        #expect(rules.evaluate(AnalyzedText(good)) == nil)
        // 1 of 9 lines punctuated: 0.111 < 0.12.
        let unpunctuated = ["\(long) end."] + (0..<8).map { "\(long) \(Self.words(8)[$0])" }
        let failure = rules.evaluate(AnalyzedText(unpunctuated.joined(separator: "\n")))
        #expect(failure?.rule == "fineweb.line_punct_ratio")
        #expect(failure?.value == .double(0.111111))
        let shortLines = (0..<10).map { "Short \(Self.words(10)[$0])." }.joined(separator: "\n")
        #expect(rules.evaluate(AnalyzedText(shortLines))?.rule == "fineweb.short_line_ratio")
        let duplicated = good + "\n" + "\(long) number \(Self.words(8)[0])."
        #expect(rules.evaluate(AnalyzedText(duplicated))?.rule == "fineweb.char_dup_ratio")
        #expect(rules.evaluate(AnalyzedText("\n \n"))?.rule == "fineweb.empty")
    }

    @Test("--set style overrides change thresholds and 'off' disables a check")
    func overrides() throws {
        var configuration = FilterConfiguration(ruleSets: [.gopherQuality])
        try configuration.set("gopher-quality.min_doc_words=10")
        try configuration.set("gopher-quality.min_stop_words=off")
        #expect(configuration.ruleSet(GopherQuality.self).minDocWords == 10)
        #expect(configuration.ruleSet(GopherQuality.self).minStopWords == nil)
        #expect(configuration.ruleSet(GopherQuality.self).evaluate(AnalyzedText(Self.words(12).joined(separator: " "))) == nil)
        #expect(throws: SiftError.self) { try configuration.set("gopher-quality.min_doc_wordz=3") }
        #expect(throws: SiftError.self) { try configuration.set("gopher-quality.min_doc_words=many") }
        #expect(throws: SiftError.self) { try configuration.set("nope.x=1") }
        try configuration.set("gopher-repetition.top_2_gram_frac=0.5")
        #expect(configuration.ruleSet(GopherRepetition.self).topNGrams.first { $0.n == 2 }?.fraction == 0.5)
    }
}
