/// An upper bound on `find_top_duplicate`'s result (characters of the most frequent n-gram times its
/// count) for n >= 2 from upper bounds of the 2-gram counts, so that most documents pass the top
/// n-gram checks without counting their n-grams.
///
/// Every 2-gram inside an n-gram occurring c times occurs at least c times. Covering the n-gram with
/// such 2-grams bounds its length by the longest of them, L(c): n/2 of them and the spaces between
/// for even n; for odd n, one more word, at most L(c) - 2 characters. The bound is the largest
/// c * length over the 2-gram counts c; a document within the threshold cannot fail, the others are
/// counted exactly. Counts that are too high (`HashCounter.occurrenceBounds`) only loosen the bound.
struct TopNGramBound {
    /// Index c: the longest 2-gram occurring at least c times (0 when none does).
    private let longest: [Int]

    init(bigramCounts: UnsafeBufferPointer<Int32>, lengths: (Int) -> Int) {
        var longest = [Int](repeating: 0, count: Int(bigramCounts.max() ?? 0) + 1)
        // Most 2-grams occur once: their maximum is kept in a register rather than in
        // `longest[1]`, which every iteration would otherwise load and store.
        var longestOnce = 0
        for (i, count) in bigramCounts.enumerated() {
            if count == 1 {
                longestOnce = max(longestOnce, lengths(i))
            } else {
                longest[Int(count)] = max(longest[Int(count)], lengths(i))
            }
        }
        if longest.count > 1 { longest[1] = max(longest[1], longestOnce) }
        var running = 0
        for c in longest.indices.reversed() {
            running = max(running, longest[c])
            longest[c] = running
        }
        self.longest = longest
    }

    /// The most characters the most frequent n-gram (n >= 2) can account for.
    func maximumCharacters(_ n: Int) -> Int {
        var best = 0
        for c in longest.indices.dropFirst() where longest[c] > 0 {
            let pairs = n / 2
            let length = n % 2 == 0 ? pairs * longest[c] + pairs - 1 : (pairs + 1) * longest[c] + pairs - 2
            best = max(best, c * length)
        }
        return best
    }
}
