import SiftText

/// An upper bound on `find_top_duplicate`'s result (characters of the most frequent n-gram times its
/// count) for n >= 2 from upper bounds of the 2-gram counts, so that most documents pass the top
/// n-gram checks without counting their n-grams.
///
/// Every 2-gram inside an n-gram occurring c times occurs at least c times. Covering the n-gram with
/// n/2 such 2-grams (and, for odd n, one more word) bounds its characters by a * l + b, where l is
/// the longest of those 2-grams and (a, b) = (n/2, n/2 - 1) for even n, (n/2 + 1, n/2 - 2) for odd
/// n. Its characters times c are therefore at most c_i * (a * l_i + b) for some position i, where c_i
/// is the count at i and l_i its 2-gram's length: the bound is a * max(c_i * l_i) + max(b, 0) *
/// max(c_i). A document within the threshold cannot fail; the others are counted exactly. Counts
/// that are too high (`HashCounter.occurrenceBounds`) only loosen the bound.
struct TopNGramBound {
    /// The largest count times length over the 2-gram positions, and the largest count.
    private var product = 0
    private var count = 0

    init(bigramCounts: UnsafeBufferPointer<Int32>, lengths: (Int) -> Int) {
        // Maxima without branches: the counts are too irregular to predict.
        for (i, c) in bigramCounts.enumerated() {
            product = max(product, Int(c) &* lengths(i))
            count = max(count, Int(c))
        }
    }

    /// The most characters the most frequent n-gram (n >= 2) can account for.
    func maximumCharacters(_ n: Int) -> Int {
        let pairs = n / 2
        let (a, b) = n % 2 == 0 ? (pairs, pairs - 1) : (pairs + 1, pairs - 2)
        return a * product + max(b, 0) * count
    }
}
