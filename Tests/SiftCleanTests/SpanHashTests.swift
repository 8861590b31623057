import Testing
@testable import SiftClean

/// The hash the repetition rules compare spans by: equal spans hash equally, whatever their
/// position, and different spans (including a span and its prefixes, across every length branch)
/// do not collide.
@Suite("Span hashes")
struct SpanHashTests {
    @Test("every substring of a text hashes as its characters do, in one-byte and four-byte text")
    func substrings() {
        let text = "abcabcabcabcabcabcabcabcabcabcabcabcabcab xyz xyz abcabcabcabcabcabcabcabcabc"
        for sample in [text, text.replacingOccurrences(of: "b", with: "é")] {
            let analyzed = AnalyzedText(sample)
            let scalars = analyzed.scalars
            var byCharacters: [ArraySlice<UInt32>: UInt64] = [:]
            var byHash: [UInt64: ArraySlice<UInt32>] = [:]
            analyzed.withCharacterBytes { characters in
                for start in 0..<scalars.count {
                    for end in start...scalars.count {
                        let h = characters.hash(start, end)
                        let span = scalars[start..<end]
                        #expect(h != 0)
                        if let earlier = byCharacters[span] { #expect(earlier == h) }
                        if let earlier = byHash[h] { #expect(earlier == span, "\(start)..<\(end) collides") }
                        byCharacters[span] = h
                        byHash[h] = span
                    }
                }
            }
            #expect(byHash.count == byCharacters.count)
        }
    }
}
