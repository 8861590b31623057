/// Polynomial hashes of every prefix of a text, modulo the Mersenne prime 2^61 - 1, so that the hash
/// of any substring, or of any run of consecutive words joined without separator, costs O(1).
///
/// Duplicate lines, paragraphs and n-grams are found by these hashes (with the length alongside)
/// instead of by building and comparing strings; two different substrings collide with probability
/// about length / 2^61, far below anything a corpus can show.
///
/// The prefixes are sums, `prefix[i]` = sum of `(c_j + 1) * base^(n - j)` over j < i for a text of
/// n characters, rather than a Horner chain: each character's term is independent of the others,
/// so the dependent chain is one addition per two characters where Horner's is a modular
/// multiplication. `hash` turns a difference of two sums into `base^(n + 1)` times the span's
/// Horner hash: one factor for the whole document, so spans (and `WordNGrams`' compositions of
/// word hashes, which are linear) compare exactly as their Horner hashes would.
struct SubstringHashes {
    static let modulus: UInt64 = (1 << 61) - 1
    static let base: UInt64 = 0x1F_3D5B_79A1_C3E5 % modulus

    /// The text hashed (shared storage, not a copy).
    let text: [UInt32]
    /// Prefix sums, only partly reduced (below 2^61 + 4): `hash` reduces them.
    private let prefix: [UInt64]
    /// `base^k` for k up to the text's length at least: a table shared by all documents, extended
    /// per document only for longer texts.
    let powers: [UInt64]

    private static let sharedPowers: [UInt64] = powerTable(1 << 20)

    private static func powerTable(_ count: Int) -> [UInt64] {
        var powers = [UInt64](repeating: 1, count: count + 1)
        for i in 0..<count { powers[i + 1] = multiply(powers[i], base) }
        return powers
    }

    init(_ scalars: [UInt32]) {
        text = scalars
        let n = scalars.count
        let powers = n < Self.sharedPowers.count ? Self.sharedPowers : Self.powerTable(n)
        self.powers = powers
        prefix = [UInt64](unsafeUninitializedCapacity: n + 1) { prefix, initialized in
            scalars.withUnsafeBufferPointer { t in
                powers.withUnsafeBufferPointer { powers in
                    // Two characters per step: the pair's terms are added to the running sum at
                    // once, and `prefix[i + 1]` is computed beside it, off the chain.
                    var sum: UInt64 = 0
                    prefix[0] = 0
                    var i = 0
                    while i + 2 <= n {
                        let first = Self.term(t[i], powers[n - i])
                        let second = Self.term(t[i + 1], powers[n - i - 1])
                        prefix[i + 1] = Self.fold(sum &+ first)
                        sum = Self.fold(sum &+ (first &+ second))
                        prefix[i + 2] = sum
                        i += 2
                    }
                    if i < n {
                        prefix[n] = Self.fold(sum &+ Self.term(t[i], powers[n - i]))
                    }
                }
            }
            initialized = n + 1
        }
    }

    /// `(c + 1) * weight` modulo 2^61 - 1, partly reduced (below 2^61 + 2^22): with two of them
    /// and a folded sum below 2^61 + 4, the addition in `init` stays below 2^63.
    @inline(__always)
    private static func term(_ c: UInt32, _ weight: UInt64) -> UInt64 {
        let (high, low) = (UInt64(c) &+ 1).multipliedFullWidth(by: weight)
        return (low & modulus) &+ (low >> 61) &+ (high << 3)
    }

    /// A value below 2^63 folded below 2^61 + 4, congruent modulo 2^61 - 1.
    @inline(__always)
    private static func fold(_ value: UInt64) -> UInt64 {
        (value & modulus) &+ (value >> 61)
    }

    /// `a * b + c` modulo 2^61 - 1, congruent but only partly reduced: for `a` < 2^63, `b` < 2^61
    /// and `c` < 2^62 the result stays below 2^63, so it can be fed back as `a`, and leaving out
    /// the final reduction shortens the dependent chain of `WordNGrams`' word-sequence hashes.
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

    /// Hash of `scalars[start..<end]`: its Horner hash times `base^(n + 1)` (see the type).
    @inline(__always)
    func hash(_ start: Int, _ end: Int) -> UInt64 {
        let a = Self.reduce(prefix[end])
        let b = Self.reduce(prefix[start])
        return Self.multiply(a >= b ? a - b : a &+ Self.modulus &- b, powers[end])
    }

    /// A set key: the hash with the length folded in.
    @inline(__always)
    static func key(_ hash: UInt64, length: Int) -> UInt64 {
        (hash &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length) &+ 1
    }
}
