import SiftCore
import Testing
@testable import SiftDedup

@Suite("Shingling")
struct ShinglerTests {
    private func hashes(_ shingler: Shingler, _ text: String) -> [UInt64] {
        var out: [UInt64] = []
        shingler.hashes(ofCanonical: TextNormalization.canonical(text), into: &out)
        return out
    }

    @Test("word n-grams are the canonical words joined by one space, hashed with XXH64")
    func wordShingles() {
        let shingler = Shingler(unit: .word, size: 3)
        let expected = ["the quick brown", "quick brown fox", "brown fox jumps"].map { XXH64.hash($0) }
        #expect(hashes(shingler, "The  QUICK\tbrown fox\njumps ") == expected)
    }

    @Test("a text shorter than n units is one shingle: the whole text")
    func shortText() {
        #expect(hashes(Shingler(unit: .word, size: 5), "Hello   World") == [XXH64.hash("hello world")])
        #expect(hashes(Shingler(unit: .word, size: 2), "one two") == [XXH64.hash("one two")])
        #expect(hashes(Shingler(unit: .character, size: 5), "abc") == [XXH64.hash("abc")])
        #expect(hashes(Shingler(unit: .word, size: 5), "   ").isEmpty)
    }

    @Test("character n-grams count Unicode scalars, spaces included")
    func characterShingles() {
        let expected = ["ça ", "a v", " va"].map { XXH64.hash($0) }
        #expect(hashes(Shingler(unit: .character, size: 3), "Ça va") == expected)
    }

    @Test("NFKC and case folding make full-width and upper-case text the same shingles")
    func normalisation() {
        let shingler = Shingler(unit: .word, size: 2)
        #expect(hashes(shingler, "ＡＢＣ def") == hashes(shingler, "abc DEF"))
    }

    @Test("sets are sorted without repeats, and exact Jaccard is |A∩B| / |A∪B|")
    func jaccard() {
        let shingler = Shingler(unit: .word, size: 1)
        let a = shingler.set(ofCanonical: "a b c d a")
        #expect(a.count == 4)
        #expect(a == a.sorted())
        let b = shingler.set(ofCanonical: "c d e f")
        #expect(exactJaccard(a, b) == 2.0 / 6.0)
        #expect(exactJaccard(a, a) == 1)
        #expect(exactJaccard([], []) == 0)
    }
}
