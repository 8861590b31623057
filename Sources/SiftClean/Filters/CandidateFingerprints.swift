/// Fingerprints of the words' concatenation for `WordNGrams.duplicateCandidates`: polynomial sums
/// modulo 2^64, `prefix[o]` = sum of `c_j * base^j` over the first o characters, so that a span's
/// fingerprint is a difference of two prefix sums times a power of the base. The weights come
/// from a table, so the running sum costs an addition per character (the multiplications are
/// independent of one another) where a Horner chain costs a dependent multiplication.
///
/// Fingerprints only select candidates: equal spans always get equal fingerprints, and the rare
/// collision of different spans only adds a candidate, never changes a count.
enum CandidateFingerprints {
    /// Odd, so that its powers never vanish modulo 2^64.
    private static let base: UInt64 = 0x0000_0100_0000_01B3

    private static let shared = table(1 << 21)

    private static func table(_ count: Int) -> [UInt64] {
        var weights = [UInt64](repeating: 1, count: count)
        for j in 1..<count { weights[j] = weights[j - 1] &* base }
        return weights
    }

    /// `base^j` for j < `count` (at least).
    static func weights(upTo count: Int) -> [UInt64] {
        count <= shared.count ? shared : table(count)
    }

    /// Prefix sums over the concatenation of `words` (`total` characters) of `text`.
    static func prefixSums(_ words: [TokenSpan], _ total: Int, _ text: UnsafeBufferPointer<UInt32>, _ weights: [UInt64]) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: total + 1) { prefix, initialized in
            weights.withUnsafeBufferPointer { weights in
                words.withUnsafeBufferPointer { words in
                    var sum: UInt64 = 0
                    var o = 0
                    prefix[0] = 0
                    for word in words {
                        for i in Int(word.start)..<Int(word.end) {
                            sum &+= UInt64(text[i]) &* weights[o]
                            o &+= 1
                            prefix[o] = sum
                        }
                    }
                }
            }
            initialized = total + 1
        }
    }
}
