import Testing
import SiftCore
@testable import SiftClean

@Suite("English word tokenizer (spaCy parity)")
struct EnglishWordTokenizerTests {
    @Test("words and sentence counts match spaCy's blank English tokenizer on the parity fixture")
    func parity() throws {
        let cases = try Fixture.lines("tokenizer-parity.jsonl")
        #expect(cases.count > 300)
        var wordMismatches: [String] = []
        var sentenceMismatches: [String] = []
        for fields in cases {
            let text = try #require(fields["text"]?.stringValue)
            let expected = try #require(fields["words"]?.arrayValue).compactMap(\.stringValue)
            let words = EnglishWordTokenizer.shared.words(in: text)
            if words != expected { wordMismatches.append("\(text.debugDescription)\n  spaCy: \(expected)\n  Sift:  \(words)") }
            let sentences = try #require(fields["sentences"]?.intValue)
            let count = EnglishWordTokenizer.shared.sentenceCount(in: text)
            if count != sentences { sentenceMismatches.append("\(text.debugDescription): spaCy \(sentences), Sift \(count)") }
        }
        #expect(wordMismatches.isEmpty, "\(wordMismatches.count) texts tokenized differently:\n\(wordMismatches.prefix(15).joined(separator: "\n"))")
        #expect(sentenceMismatches.isEmpty, "\(sentenceMismatches.count) sentence counts differ:\n\(sentenceMismatches.prefix(15).joined(separator: "\n"))")
    }

    @Test("contractions, abbreviations, URLs and units split as spaCy splits them")
    func knownCases() {
        let tokenizer = EnglishWordTokenizer.shared
        #expect(tokenizer.words(in: "(don't)") == ["(", "do", "n't", ")"])
        #expect(tokenizer.words(in: "Mrs.Smith went to the U.S. at 10am.") == ["Mrs.", "Smith", "went", "to", "the", "U.S.", "at", "10", "am", "."])
        #expect(tokenizer.words(in: "see https://my-site.org/a/b, now") == ["see", "https://my-site.org/a/b", ",", "now"])
        #expect(tokenizer.words(in: "3km well-known hello.World x--y") == ["3", "km", "well", "-", "known", "hello", ".", "World", "x", "--", "y"])
        #expect(tokenizer.words(in: "hi:) end...") == ["hi", ":)", "end", "..."])
    }
}
