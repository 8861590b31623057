import Testing
@testable import SiftClean

/// The repetition rules' shortcuts (duplicate n-gram candidates, the top n-gram bound) against the
/// plain definitions, written out here over word strings as datatrove writes them.
@Suite("Gopher repetition shortcuts")
struct RepetitionShortcutTests {
    /// Texts with repeats by word sequence, repeats only when words are joined without separator
    /// ("ab c" and "a bc"), very short words, and none at all.
    static let texts = [
        "the cat sat on the mat and the cat sat on the mat again and again, the cat sat on the mat.",
        "ab c d e f g h i j k l m n o p q r s t and then a bc d e f g h i j k l m n o p q r s t end",
        "a b a b a b a b a b a b a b a b a b a b a b a b . . . . . . . . x y z x y z x y z",
        "Cookies help us. Home About Contact Home About Contact Home About Contact Home About",
        "every word here is different from all the others so nothing repeats anywhere at all today",
        "x yy zzz x yy zzz wwww x yy zzzw ww x yyz zz x y yzzz x yy zzz x yy zzz x yy zzz",
        // Not ASCII: words are compared by their scalars, and "éa b" is "é ab" joined.
        "éa b ç d ë f g h ï j k l m and then é ab ç d ë f g h ï j k l m, ça va très bien ça va très bien",
    ]

    static func words(_ text: AnalyzedText) -> [String] {
        text.words.map { span in String(String.UnicodeScalarView(text.scalars[Int(span.start)..<Int(span.end)].map { Unicode.Scalar($0)! })) }
    }

    /// datatrove's `find_all_duplicate`.
    static func allDuplicates(_ words: [String], _ n: Int) -> Int {
        var unique = Set<String>()
        var repeated = 0
        var i = 0
        while i < words.count - n + 1 {
            let gram = words[i..<(i + n)].joined()
            if unique.contains(gram) {
                repeated += gram.unicodeScalars.count
                i += n
            } else {
                unique.insert(gram)
                i += 1
            }
        }
        return repeated
    }

    /// datatrove's `find_top_duplicate(get_n_grams(words, n))`.
    static func topDuplicate(_ words: [String], _ n: Int) -> Int {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for i in 0..<(words.count - n + 1) {
            let gram = words[i..<(i + n)].joined(separator: " ")
            if counts[gram] == nil { order.append(gram) }
            counts[gram, default: 0] += 1
        }
        let best = order.max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }!
        return best.unicodeScalars.count * counts[best]!
    }

    @Test("visiting only the candidate windows finds the same duplicate n-gram characters, and their coverage bounds them")
    func duplicateCandidates() {
        for text in Self.texts {
            let analyzed = AnalyzedText(text)
            let grams = WordNGrams(analyzed)
            let candidates = grams.duplicateCandidates(shortest: 5)
            for n in 5...10 {
                let exact = Self.allDuplicates(Self.words(analyzed), n)
                #expect(grams.duplicateNGramCharacters(n, analyzed.counter, candidates: candidates) == exact, "\(n): \(text)")
                #expect(grams.candidateCoverage(n, candidates: candidates) >= exact, "\(n): \(text)")
            }
        }
    }

    @Test("the n-gram count gives the top n-gram, and the 2-gram count bounds bound it from above")
    func topNGramBound() {
        for text in Self.texts {
            let analyzed = AnalyzedText(text)
            let words = Self.words(analyzed)
            let grams = WordNGrams(analyzed)
            let bound = TopNGramBound(bigramCounts: grams.bigramCountBounds(analyzed.counter), lengths: grams.bigramLength)
            for n in 2...5 {
                #expect(grams.topNGramCharacters(n, analyzed.counter) == Self.topDuplicate(words, n))
                #expect(bound.maximumCharacters(n) >= Self.topDuplicate(words, n), "\(n): \(text)")
            }
        }
    }

    @Test("2-gram count bounds are never below the exact counts")
    func bigramCountBounds() {
        for text in Self.texts {
            let analyzed = AnalyzedText(text)
            let words = Self.words(analyzed)
            let bigrams = (0..<(words.count - 1)).map { words[$0] + " " + words[$0 + 1] }
            let exact = Dictionary(bigrams.map { ($0, 1) }, uniquingKeysWith: +)
            let bounds = Array(WordNGrams(analyzed).bigramCountBounds(analyzed.counter))
            #expect(bounds.count == bigrams.count)
            for (i, bigram) in bigrams.enumerated() { #expect(Int(bounds[i]) >= exact[bigram]!, "\(bigram): \(text)") }
        }
    }
}
