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

    /// Weights for texts of up to 256K characters (2 MB, shared); longer texts get their own.
    private static let shared = table(1 << 18)

    private static func table(_ count: Int) -> [UInt64] {
        var weights = [UInt64](repeating: 1, count: count)
        for j in 1..<count { weights[j] = weights[j - 1] &* base }
        return weights
    }

    /// `base^j` for j < `count` (at least).
    static func weights(upTo count: Int) -> [UInt64] {
        count <= shared.count ? shared : table(count)
    }

    /// Prefix sums over the concatenation of `words` (`total` characters) of `text`; `weights`
    /// covers the text's length.
    static func prefixSums(_ words: [TokenSpan], _ total: Int, _ text: UnsafeBufferPointer<UInt32>, _ weights: [UInt64]) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: text.count + 1) { prefix, initialized in
            weights.withUnsafeBufferPointer { weights in
                guard let out = prefix.baseAddress, let base = text.baseAddress, let weights = weights.baseAddress else { return }
                out[0] = 0
                // Words never hold whitespace, so when they add up to all the other characters
                // they are exactly those: one branch-free pass over the text then gives the sums.
                if nonSpaceSums(base, text.count, weights, out) != total {
                    wordSums(words, base, weights, out)
                }
            }
            initialized = total + 1
        }
    }

    /// Sums over the characters of an ASCII text that are not whitespace, into `out[1...]`: how
    /// many there are (-1 for a text that is not ASCII). `out` has room for the text's length + 1.
    private static func nonSpaceSums(_ base: UnsafePointer<UInt32>, _ n: Int, _ weights: UnsafePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>) -> Int {
        var sum: UInt64 = 0
        var o = 0
        var seen: UInt32 = 0
        for i in 0..<n {
            let c = base[i]
            seen |= c
            // ASCII whitespace (`str.isspace()`): 9...13 and 28...32.
            let keep = (bit(c &- 9 < 5) | bit(c &- 28 < 5)) ^ 1
            sum &+= UInt64(c) &* weights[o] &* UInt64(keep)
            out[o &+ 1] = sum
            o &+= Int(keep)
        }
        return seen < 0x80 ? o : -1
    }

    /// The same sums, word by word.
    private static func wordSums(_ words: [TokenSpan], _ base: UnsafePointer<UInt32>, _ weights: UnsafePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>) {
        var sum: UInt64 = 0
        var o = 0
        for word in words {
            for i in Int(word.start)..<Int(word.end) {
                sum &+= UInt64(base[i]) &* weights[o]
                o &+= 1
                out[o] = sum
            }
        }
    }
}
