import SiftCore
import SiftText
import SiftTestSupport
import Testing

@Suite("PhraseMatcher and ASCIIPhraseMatches against plain scans")
struct PhraseMatcherTests {
    @Test("PhraseMatcher.firstMatch and prefixMatch equal the plain scan on random and adversarial text")
    func phraseMatcherAgainstReference() {
        var random = SplitMix64(seed: 19)
        let lists: [[String]] = [
            RefusalRule.standardPhrases,
            RefusalRule.standardOpenings,
            ["i", "in", "a'", "not", "'t"],
            ["it's", "can't", "é", "no"],
            (0..<12).map { String(UnicodeScalar(UInt8(0x61 + $0))) + "q\($0)" },  // more first bytes than the sixteen-byte skip handles
        ]
        for phrases in lists {
            let matcher = PhraseMatcher(phrases)
            let pieces = phrases + phrases.map { $0.replacingOccurrences(of: "'", with: "\u{2019}") }
            for length in PlainText.lengths {
                for _ in 0..<40 {
                    let text = RandomText.make(&random, pieces: pieces, length: length)
                    #expect(matcher.firstMatch(in: text) == PlainText.firstMatch(phrases, text), "\(phrases.prefix(3)) in \(text.debugDescription)")
                    #expect(matcher.prefixMatch(in: text) == PlainText.prefixMatch(phrases, text), "\(text.debugDescription)")
                }
            }
            // A phrase straddling each 16-byte block edge, preceded by a word, a space or a
            // multi-byte character (a word byte).
            for phrase in phrases.prefix(6) {
                for offset in 0..<40 {
                    for filler in ["x", " ", "é"] {
                        for text in [String(repeating: filler, count: offset) + " " + phrase + " tail", String(repeating: filler, count: offset) + phrase] {
                            #expect(matcher.firstMatch(in: text) == PlainText.firstMatch(phrases, text), "\(text.debugDescription)")
                        }
                    }
                }
            }
        }
        #expect(PhraseMatcher([]).firstMatch(in: "anything") == nil)
        #expect(PhraseMatcher(["abc"]).firstMatch(in: "") == nil)
        #expect(PhraseMatcher(["abc"]).prefixMatch(in: "") == nil)
    }

    /// Every (start, phrase) where `phrase` occurs, lowercased, anywhere in ASCII `text`.
    static func plainMatches(_ text: [UInt8], _ phrases: [[UInt8]]) -> [(start: Int, end: Int, phrase: Int)] {
        var out: [(start: Int, end: Int, phrase: Int)] = []
        for i in text.indices {
            for (k, phrase) in phrases.enumerated() where i + phrase.count <= text.count && text[i..<(i + phrase.count)].map(PlainText.lower) == phrase {
                out.append((i, i + phrase.count, k))
            }
        }
        return out
    }

    @Test("ASCIIPhraseMatches finds, per line, exactly the phrases a plain substring search finds")
    func asciiPhraseMatchesAgainstReference() {
        var random = SplitMix64(seed: 23)
        let phrases = ["lorem ipsum", "javascript", "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies", "aaa"]
        let list = ASCIIPhraseList(phrases.map { Array($0.utf8) })
        for length in PlainText.lengths + [500] {
            for _ in 0..<40 {
                let text = Array(RandomText.make(&random, pieces: phrases + ["use", "cookie", "aa"], length: length, asciiOnly: true).utf8)
                let lines = Self.lines(text, &random)
                var matches = text.withUnsafeBufferPointer { ASCIIPhraseMatches($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count, list) }
                let plain = Self.plainMatches(text, list.phrases)
                for line in lines {
                    var expected: UInt64 = 0
                    for m in plain where m.start >= line.lowerBound && m.end <= line.upperBound { expected |= 1 << UInt64(m.phrase) }
                    #expect(matches.phrases(within: line.lowerBound, line.upperBound) == expected, "\(String(decoding: text, as: UTF8.self).debugDescription) \(line)")
                }
            }
        }
        // Each phrase at each offset across two block edges.
        for phrase in phrases {
            for offset in 0..<36 {
                let text = Array((String(repeating: "x", count: offset) + phrase.uppercased() + "!").utf8)
                var matches = text.withUnsafeBufferPointer { ASCIIPhraseMatches($0.baseAddress!, count: $0.count, list) }
                let k = phrases.firstIndex(of: phrase)!
                #expect(matches.phrases(within: 0, text.count) & (1 << UInt64(k)) != 0, "\(phrase) at \(offset)")
            }
        }
    }

    /// Ascending, non-overlapping ranges covering the text, cut at random points.
    static func lines(_ text: [UInt8], _ random: inout SplitMix64) -> [Range<Int>] {
        var cuts = [0, text.count]
        for _ in 0..<Int.random(in: 0...4, using: &random) { cuts.append(Int.random(in: 0...text.count, using: &random)) }
        cuts.sort()
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }
}
