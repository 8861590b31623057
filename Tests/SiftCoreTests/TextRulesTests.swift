import SiftCore
import Testing

/// The shared rules (`RefusalRule`, `RoleOrder`, `Truncation`) and the fast text code under them
/// (`PhraseMatcher`, `ByteBlock`), each fast path against a plain reference on random and
/// adversarial input: matches straddling 16-byte block edges, non-ASCII bytes, empty text.
@Suite("shared text rules and their fast paths")
struct TextRulesTests {
    // MARK: plain references

    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// Does `phrase` (ASCII, lowercase) occur at `i`? Its apostrophes match ' or U+2019 each.
    static func occurs(_ phrase: [UInt8], in text: [UInt8], at i: Int) -> Bool {
        var t = i
        for byte in phrase {
            if byte == UInt8(ascii: "'"), t + 3 <= text.count, text[t] == 0xE2, text[t + 1] == 0x80, text[t + 2] == 0x99 {
                t += 3
                continue
            }
            guard t < text.count, lower(text[t]) == byte else { return false }
            t += 1
        }
        return true
    }

    /// The phrase (lowest index) at the earliest word-start position, as the matcher promises.
    static func referenceFirstMatch(_ phrases: [String], _ text: String) -> Int? {
        let bytes = Array(text.utf8)
        for i in 0..<max(bytes.count, 0) {
            if i > 0, isWordByte(bytes[i - 1]), isWordByte(bytes[i]) { continue }
            for (k, phrase) in phrases.enumerated() where occurs(Array(phrase.lowercased().utf8), in: bytes, at: i) { return k }
        }
        return nil
    }

    static func referencePrefixMatch(_ phrases: [String], _ text: String) -> Int? {
        let bytes = Array(text.utf8)
        return phrases.indices.first { occurs(Array(phrases[$0].lowercased().utf8), in: bytes, at: 0) }
    }

    static func referenceFenceLines(_ text: String) -> Int {
        Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).filter { line in
            let rest = line.drop { $0 == 0x20 || $0 == 0x09 }
            return rest.starts(with: Array("```".utf8))
        }.count
    }

    /// Random text over an alphabet rich in what the matchers look at: phrase pieces, both cases,
    /// apostrophes of both kinds, non-ASCII letters, spaces, newlines and backticks.
    static func randomText(_ random: inout SplitMix64, pieces: [String], length: Int) -> String {
        let alphabet = ["a", "I", "i", "n", "o", "t", " ", " ", "\n", "'", "\u{2019}", "é", "ß", "x", ",", "`", "```", "\t", "A", "0"]
        var text = ""
        while text.utf8.count < length {
            if Int.random(in: 0..<4, using: &random) == 0, let piece = pieces.randomElement(using: &random) {
                text += Bool.random(using: &random) ? piece.uppercased() : piece
            } else {
                text += alphabet.randomElement(using: &random)!
            }
        }
        return text
    }

    // MARK: fast paths against the references

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
            for length in [0, 1, 2, 7, 15, 16, 17, 31, 32, 33, 64, 200] {
                for _ in 0..<60 {
                    let text = Self.randomText(&random, pieces: pieces, length: length)
                    #expect(matcher.firstMatch(in: text) == Self.referenceFirstMatch(phrases, text), "\(phrases.prefix(3)) in \(text.debugDescription)")
                    #expect(matcher.prefixMatch(in: text) == Self.referencePrefixMatch(phrases, text), "\(text.debugDescription)")
                }
            }
            // A phrase straddling each 16-byte block edge, preceded by a word or by a space.
            for phrase in phrases.prefix(6) {
                for offset in 0..<40 {
                    for filler in ["x", " "] {
                        let text = String(repeating: filler, count: offset) + " " + phrase + " tail"
                        #expect(matcher.firstMatch(in: text) == Self.referenceFirstMatch(phrases, text), "\(text.debugDescription)")
                    }
                }
            }
        }
        #expect(PhraseMatcher([]).firstMatch(in: "anything") == nil)
        #expect(PhraseMatcher(["abc"]).firstMatch(in: "") == nil)
    }

    @Test("ByteBlock.firstIndex equals a plain search; fence lines equal a plain line split")
    func byteScansAgainstReference() {
        var random = SplitMix64(seed: 7)
        for length in [0, 1, 15, 16, 17, 33, 100, 300] {
            for _ in 0..<50 {
                let text = Self.randomText(&random, pieces: ["```swift", "\r\n", "    ```"], length: length)
                let bytes = Array(text.utf8)
                for start in [0, 1, 5, 16, 17].filter({ $0 <= bytes.count }) {
                    let fast = bytes.withUnsafeBufferPointer { ByteBlock.firstIndex(of: 0x0A, in: $0, from: start) }
                    #expect(fast == bytes[start...].firstIndex(of: 0x0A))
                }
                #expect(Truncation.codeFenceLines(text) == Self.referenceFenceLines(text), "\(text.debugDescription)")
            }
        }
    }

    // MARK: the rules

    @Test("RefusalRule: word starts only, any mix of apostrophes, openings only when asked for")
    func refusalRule() {
        let standard = RefusalRule.standard
        #expect(standard.match(in: "Hawaii cannot help with that much rain.") == nil)
        #expect(standard.match(in: "Sadly I cannot help with that.")?.phrase == "i cannot help with that")
        #expect(standard.match(in: "Well, I’m sorry, but I can't.")?.phrase == "i'm sorry, but i can't")
        #expect(standard.match(in: "I'm sorry to hear that; try again.") == nil)
        let generated = RefusalRule.generatedData
        let opening = generated.match(in: "  I'm sorry to hear that; try again.")
        #expect(opening?.phrase == "i'm sorry" && opening?.place == .opening && opening?.index == 0)
        #expect(generated.match(in: "Sorry, but I can't.")?.place == .opening)
        #expect(generated.match(in: "Fine. As an AI language model, I cannot.")?.place == .anywhere)
        #expect(RefusalRule(phrases: ["", "magic word"]).phrases == ["magic word"])
    }

    @Test("RoleOrder: every problem, with the turn it is found at")
    func roleOrder() {
        func check(_ roles: [String]) -> String? { RoleOrder.violation(roles)?.description }
        #expect(check(["system", "user", "assistant"]) == nil)
        #expect(check(["user", "assistant", "tool", "tool", "assistant", "user", "assistant"]) == nil)
        #expect(check([]) == "no turns")
        #expect(check(["system"]) == "only system turns")
        #expect(check(["user", "user", "assistant"]) == "turn 2: two user turns in a row")
        #expect(check(["user", "assistant", "tool", "user", "assistant"]) == "turn 4: user turn right after a tool result")
        #expect(check(["assistant"]) == "turn 1: starts with the assistant")
        #expect(check(["user", "assistant", "assistant"]) == "turn 3: two assistant turns in a row")
        #expect(check(["user", "tool", "assistant"]) == "turn 2: tool result not after an assistant turn")
        #expect(check(["user", "system", "assistant"]) == "turn 2: system turn after the start")
        #expect(check(["user", "narrator"]) == "turn 2: unknown role \"narrator\"")
        #expect(check(["user", "assistant", "user"]) == "does not end with the assistant")
    }

    @Test("Truncation: open code blocks (any indentation, CRLF) and prose ending mid-sentence")
    func truncation() {
        #expect(Truncation.sign("Here:\n```swift\nprint(1)\n") == .openCodeBlock)
        #expect(Truncation.sign("1. Run:\n    ```sh\n    make\nDone.") == .openCodeBlock)
        #expect(Truncation.sign("Run:\r\n```sh\r\nmake\r\n```\r\nDone.") == nil)
        #expect(Truncation.sign("Follow these steps:") == .midSentence)
        #expect(Truncation.sign("Once upon a time there was a small village where the people used to") == .midSentence)
        #expect(Truncation.sign("Paris") == nil)
        #expect(Truncation.sign("") == nil)
    }
}
