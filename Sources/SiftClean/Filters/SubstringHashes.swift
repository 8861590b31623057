/// Polynomial hashes of every prefix of a text, modulo the Mersenne prime 2^61 - 1, so that the hash
/// of any substring, or of any run of consecutive words joined without separator, costs O(1).
///
/// Duplicate lines, paragraphs and n-grams are found by these hashes (with the length alongside)
/// instead of by building and comparing strings; two different substrings collide with probability
/// about length / 2^61, far below anything a corpus can show.
struct SubstringHashes {
    static let modulus: UInt64 = (1 << 61) - 1
    static let base: UInt64 = 0x1F_3D5B_79A1_C3E5 % modulus

    private(set) var prefix: [UInt64]
    /// `base^k`: a table shared by all documents, extended per document only for longer texts.
    let powers: [UInt64]

    private static let sharedPowers: [UInt64] = powerTable(1 << 20)

    private static func powerTable(_ count: Int) -> [UInt64] {
        var powers = [UInt64](repeating: 1, count: count + 1)
        for i in 0..<count { powers[i + 1] = multiply(powers[i], base) }
        return powers
    }

    private static let base2 = multiply(base, base)
    private static let base3 = multiply(base2, base)
    private static let base4 = multiply(base3, base)

    init(_ scalars: [UInt32]) {
        let n = scalars.count
        prefix = [UInt64](unsafeUninitializedCapacity: n + 1) { prefix, initialized in
            scalars.withUnsafeBufferPointer { t in
                // prefix[i + k] = prefix[i] * base^k + (hash of the k characters after i): four
                // characters per step of the dependent chain, whose multiplication latency is
                // what bounds the one-character recurrence.
                var h: UInt64 = 0
                prefix[0] = 0
                var i = 0
                while i + 4 <= n {
                    let q1 = UInt64(t[i]) + 1
                    let q2 = Self.add(Self.multiply(q1, Self.base), UInt64(t[i + 1]) + 1)
                    let q3 = Self.add(Self.multiply(q2, Self.base), UInt64(t[i + 2]) + 1)
                    let q4 = Self.add(Self.multiply(q3, Self.base), UInt64(t[i + 3]) + 1)
                    prefix[i + 1] = Self.add(Self.multiply(h, Self.base), q1)
                    prefix[i + 2] = Self.add(Self.multiply(h, Self.base2), q2)
                    prefix[i + 3] = Self.add(Self.multiply(h, Self.base3), q3)
                    h = Self.add(Self.multiply(h, Self.base4), q4)
                    prefix[i + 4] = h
                    i += 4
                }
                while i < n {
                    h = Self.add(Self.multiply(h, Self.base), UInt64(t[i]) + 1)
                    prefix[i + 1] = h
                    i += 1
                }
            }
            initialized = n + 1
        }
        powers = scalars.count < Self.sharedPowers.count ? Self.sharedPowers : Self.powerTable(scalars.count)
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
        let a = prefix[end]
        let b = Self.multiply(prefix[start], powers[end - start])
        return a >= b ? a - b : a &+ Self.modulus &- b
    }

    /// Hash of the concatenation of two pieces, given the second one's length.
    @inline(__always)
    func concatenate(_ first: UInt64, _ second: UInt64, secondLength: Int) -> UInt64 {
        Self.add(Self.multiply(first, powers[secondLength]), second)
    }

    /// A set key: the hash with the length folded in.
    @inline(__always)
    static func key(_ hash: UInt64, length: Int) -> UInt64 {
        (hash &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length) &+ 1
    }
}
