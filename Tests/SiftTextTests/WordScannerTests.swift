import SiftCore
import SiftText
import SiftTestSupport
import Testing

@Suite("WordScanner and CanonicalBuffer against plain versions")
struct WordScannerTests {
    @Test("forEachWord cuts the words a plain whitespace split does; the word hashes equal plain ones")
    func wordsAgainstReference() {
        var random = SplitMix64(seed: 13)
        for length in PlainText.lengths {
            for _ in 0..<40 {
                let text = RandomText.make(&random, pieces: ["Hello", "WORLD", "it's", "naïve", "abcdefghijk"], length: length)
                let bytes = Array(text.utf8)
                var fast: [Range<Int>] = []
                WordScanner.forEachWord(in: text) { range, buffer in
                    fast.append(range)
                    #expect(WordScanner.hash(buffer, range) == PlainText.fnv(bytes[range]))
                    let letters = bytes[range].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
                    #expect(WordScanner.letterWordHash(buffer, range) == (letters ? WordScanner.typeHash(buffer, range) : nil))
                    #expect(WordScanner.typeHash(buffer, range) == WordScanner.typeHash(String(decoding: bytes[range].map(PlainText.lower), as: UTF8.self)))
                    if range.count <= 8 {
                        #expect(WordScanner.shortWordKey(buffer, range) == WordScanner.shortWordKey(String(decoding: bytes[range].map(PlainText.lower), as: UTF8.self)))
                    }
                    var lower = range.lowerBound, upper = range.upperBound
                    let punctuation = { (b: UInt8) in b < 0x80 && !PlainText.isWordByte(b) && !PlainText.isSpace(b) }
                    while lower < upper, punctuation(bytes[lower]) { lower += 1 }
                    while upper > lower, punctuation(bytes[upper - 1]) { upper -= 1 }
                    #expect(WordScanner.trimmed(buffer, range) == (lower < upper ? lower..<upper : nil))
                    return true
                }
                #expect(fast == PlainText.words(bytes), "\(text.debugDescription)")
            }
        }
        // Stopping early stops.
        var seen = 0
        WordScanner.forEachWord(in: "a b c d") { _, _ in
            seen += 1
            return seen < 2
        }
        #expect(seen == 2)
    }

    @Test("shortWordKey tells every pair of distinct short words without NUL bytes apart")
    func shortWordKeys() {
        let words = ["", "a", "ab", "ba", "the", "them", "these", "abcdefgh", "abcdefgi", "é", "\u{1}"]
        #expect(Set(words.map(WordScanner.shortWordKey)).count == words.count)
        // Packing pads with zero bytes, so a trailing NUL is not told apart (documented).
        #expect(WordScanner.shortWordKey("a\u{0}") == WordScanner.shortWordKey("a"))
    }

    @Test("CanonicalBuffer's bytes are TextNormalization.canonical of its parts joined by newlines")
    func canonicalAgainstReference() {
        var random = SplitMix64(seed: 17)
        var buffer = CanonicalBuffer()
        for length in PlainText.lengths {
            for _ in 0..<30 {
                buffer.reset()
                let parts = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    RandomText.make(&random, pieces: ["  ", " x ", "\t\n", "ABC def"], length: length, asciiOnly: Bool.random(using: &random))
                }
                for part in parts { buffer.append(part) }
                let expected = TextNormalization.canonical(parts.joined(separator: "\n"))
                #expect(buffer.withBytes(of: buffer.parts.indices) { Array($0) } == Array(expected.utf8), "\(parts)")
                #expect(buffer.withBytes(of: buffer.parts.indices) { XXH64.hash($0) } == XXH64.hash(expected))
                // Any selection of parts: their canonical forms joined.
                let chosen = buffer.parts.indices.filter { _ in Bool.random(using: &random) }
                let selected = TextNormalization.canonical(chosen.map { parts[$0] }.joined(separator: "\n"))
                #expect(buffer.withBytes(of: chosen) { Array($0) } == Array(selected.utf8))
                #expect(buffer.hasText(chosen) == !selected.isEmpty)
            }
        }
    }
}
