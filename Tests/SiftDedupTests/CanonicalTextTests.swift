import SiftCore
import Testing
@testable import SiftDedup

@Suite("Canonical text")
struct CanonicalTextTests {
    @Test("CanonicalText.of gives exactly TextNormalization.canonical, ASCII and Unicode alike")
    func sameAsCore() {
        let samples = [
            "", "   ", "Hello", "  Hello,\tWORLD \n\r\u{0B}\u{0C} again  ", "ÀÉÎ õü", "ﬁ ligature", "ＦＵＬＬ　ｗｉｄｔｈ",
            "Straße", "a\u{00A0}b\u{2003}c\u{3000}d\u{0085}e", "İstanbul", "ΣΊΣΥΦΟΣ", "emoji 😀  ok", "\u{1F}control\u{7F}",
        ]
        var generator = SplitMix64(seed: 9)
        let alphabet = Array("aZ 09\t\n.,!\u{0B}\u{0C}\r-")
        let random = (0..<200).map { _ in String((0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) }
        for text in samples + random {
            #expect(CanonicalText.of(text) == TextNormalization.canonical(text), "\(text.debugDescription)")
        }
    }
}
