/// Polynomial hashes of every prefix of a text, modulo the Mersenne prime 2^61 - 1, so that the hash
/// of any substring, or of any run of consecutive words joined without separator, costs O(1).
///
/// Duplicate lines, paragraphs and n-grams are found by these hashes (with the length alongside)
/// instead of by building and comparing strings; two different substrings collide with probability
/// about length / 2^61, far below anything a corpus can show.
struct SubstringHashes {
    static let modulus: UInt64 = (1 << 61) - 1
    static let base: UInt64 = 0x1F_3D5B_79A1_C3E5 % modulus

    /// The text hashed (shared storage, not a copy).
    let text: [UInt32]
    /// Prefix hashes, only partly reduced (below 2^63, see `multiplyAdd`): `hash` reduces them.
    private let prefix: [UInt64]
    /// `base^k`: a table shared by all documents, extended per document only for longer texts.
    let powers: [UInt64]

    private static let sharedPowers: [UInt64] = powerTable(1 << 20)

    private static func powerTable(_ count: Int) -> [UInt64] {
        var powers = [UInt64](repeating: 1, count: count + 1)
        for i in 0..<count { powers[i + 1] = multiply(powers[i], base) }
        return powers
    }

    private static let base2 = multiply(base, base)

    init(_ scalars: [UInt32]) {
        text = scalars
        let n = scalars.count
        prefix = [UInt64](unsafeUninitializedCapacity: n + 1) { prefix, initialized in
            scalars.withUnsafeBufferPointer { t in
                // Two characters per step of the dependent chain (whose multiplication latency
                // bounds the one-character recurrence): prefix[i + 2] = prefix[i] * base^2 +
                // (c_i * base + c_i+1), and prefix[i + 1] beside it.
                var h: UInt64 = 0
                prefix[0] = 0
                var i = 0
                while i + 2 <= n {
                    let c0 = UInt64(t[i]) + 1
                    let pair = Self.multiplyAdd(c0, Self.base, UInt64(t[i + 1]) + 1)
                    prefix[i + 1] = Self.multiplyAdd(h, Self.base, c0)
                    h = Self.multiplyAdd(h, Self.base2, pair)
                    prefix[i + 2] = h
                    i += 2
                }
                if i < n {
                    prefix[n] = Self.multiplyAdd(h, Self.base, UInt64(t[i]) + 1)
                }
            }
            initialized = n + 1
        }
        powers = scalars.count < Self.sharedPowers.count ? Self.sharedPowers : Self.powerTable(scalars.count)
    }

    /// `a * b + c` modulo 2^61 - 1, congruent but only partly reduced: for `a` < 2^63, `b` < 2^61
    /// and `c` < 2^62 the result stays below 2^63, so it can be fed back as `a`, and leaving out
    /// the final reduction shortens the dependent chains of prefix hashes (here and in
    /// `WordNGrams`).
    @inline(__always)
    static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        let value = (low & modulus) &+ (low >> 61) &+ (high << 3)
        return (value & modulus) &+ (value >> 61) &+ c
    }

    /// The canonical residue of a partly reduced value below 2^63.
    @inline(__always)
    static func reduce(_ value: UInt64) -> UInt64 {
        let folded = (value & modulus) &+ (value >> 61)
        return folded >= modulus ? folded - modulus : folded
    }

    @inline(__always)
    static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        // (high * 2^64 + low) mod (2^61 - 1), with 2^64 = 8 * 2^61.
        let value = (low & modulus) &+ (low >> 61) &+ (high << 3)
        let reduced = (value & modulus) &+ (value >> 61)
        return reduced >= modulus ? reduced - modulus : reduced
    }

    @inline(__always)
    static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let s = a &+ b
        return s >= modulus ? s - modulus : s
    }

    /// Hash of `scalars[start..<end]`.
    @inline(__always)
    func hash(_ start: Int, _ end: Int) -> UInt64 {
        let a = Self.reduce(prefix[end])
        let b = Self.multiply(prefix[start], powers[end - start])
        return a >= b ? a - b : a &+ Self.modulus &- b
    }

    /// A set key: the hash with the length folded in.
    @inline(__always)
    static func key(_ hash: UInt64, length: Int) -> UInt64 {
        (hash &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length) &+ 1
    }
}
