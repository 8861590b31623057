import SiftCore
/// The hash family of Sift's MinHash: datasketch's default scheme since its 2.0 release,
/// `affine32`, with Sift's own shingle hash and parameter generator.
///
/// For a shingle with 32-bit hash `x` (the low 32 bits of its XXH64, see `Shingler`), permutation
/// `i` maps it to
///
///     h_i(x) = (a_i · fmix32(x) + b_i) mod 2^32,   a_i odd, b_i any 32-bit value,
///
/// where `fmix32` is MurmurHash3's 32-bit finalizer (shift 16, multiply 0x85EBCA6B, shift 13,
/// multiply 0xC2B2AE35, shift 16). An odd `a_i` makes each `h_i` a bijection of the 32-bit values,
/// and the finalizer spreads structured input over all bits first. The signature of a document is
/// the minimum of each `h_i` over its shingles; the fraction of equal signature slots of two
/// documents estimates their Jaccard similarity (Broder 1997), with standard error
/// sqrt(J(1-J)/num_perm).
///
/// Differences from datasketch, on purpose: datasketch hashes a shingle with the first four bytes of
/// its SHA-1 and draws `a_i`, `b_i` from NumPy's Mersenne Twister; Sift uses XXH64 and SplitMix64
/// (seed `seed`), which are an order of magnitude cheaper and identical on every platform. The
/// estimates have the same distribution, the individual values differ. (datasketch's older
/// `legacy` scheme, `(a·x + b) mod (2^61 − 1)` truncated to 32 bits, needs 64×64-bit products;
/// `affine32` needs only 32-bit ones, which run eight lanes at a time.)
public struct MinHashFamily: Sendable, Equatable {
    public let numPerm: Int
    /// The odd multipliers `a_i` and the offsets `b_i`, in permutation order.
    public let multipliers: [UInt32]
    public let offsets: [UInt32]
    /// The same parameters in lanes of eight (the tail padded with a = 1, b = 0, never read back).
    private let laneMultipliers: [SIMD8<UInt32>]
    private let laneOffsets: [SIMD8<UInt32>]

    /// `numPerm` permutations drawn from SplitMix64(`seed`): for each in turn, `a` is the high 32
    /// bits of one draw with the lowest bit set, `b` the high 32 bits of the next.
    public init(numPerm: Int = 128, seed: UInt64 = 1) {
        precondition(numPerm >= 1, "MinHash needs at least one permutation")
        var generator = SplitMix64(seed: seed)
        var a: [UInt32] = []
        var b: [UInt32] = []
        for _ in 0..<numPerm {
            a.append(UInt32(truncatingIfNeeded: generator.next() >> 32) | 1)
            b.append(UInt32(truncatingIfNeeded: generator.next() >> 32))
        }
        self.init(multipliers: a, offsets: b)
    }

    /// Given permutations, for instance a datasketch `MinHash(scheme="affine32").permutations`,
    /// which then gives datasketch's signatures for the same 32-bit shingle hashes.
    public init(multipliers: [UInt32], offsets: [UInt32]) {
        precondition(!multipliers.isEmpty && multipliers.count == offsets.count, "one offset per multiplier")
        precondition(multipliers.allSatisfy { $0 & 1 == 1 }, "multipliers must be odd to permute")
        numPerm = multipliers.count
        self.multipliers = multipliers
        self.offsets = offsets
        let lanes = (numPerm + 7) / 8
        var laneA = [SIMD8<UInt32>](repeating: SIMD8(repeating: 1), count: lanes)
        var laneB = [SIMD8<UInt32>](repeating: .zero, count: lanes)
        for i in 0..<numPerm {
            laneA[i / 8][i % 8] = multipliers[i]
            laneB[i / 8][i % 8] = offsets[i]
        }
        laneMultipliers = laneA
        laneOffsets = laneB
    }

    /// MurmurHash3's 32-bit finalizer.
    @inline(__always)
    public static func fmix32(_ value: UInt32) -> UInt32 {
        var h = value
        h ^= h >> 16
        h = h &* 0x85EB_CA6B
        h ^= h >> 13
        h = h &* 0xC2B2_AE35
        h ^= h >> 16
        return h
    }

    /// `h_i(x)` for one permutation; the signature loop computes the same values eight at a time.
    public func permuted(_ shingleHash: UInt64, permutation i: Int) -> UInt32 {
        multipliers[i] &* Self.fmix32(UInt32(truncatingIfNeeded: shingleHash)) &+ offsets[i]
    }

    /// The signature of a document given its shingle hashes; all slots are `UInt32.max` when there
    /// are none (callers never sketch empty texts: they are reported apart).
    public func signature(of shingleHashes: [UInt64]) -> [UInt32] {
        var signature: [UInt32] = []
        appendSignature(of: shingleHashes, to: &signature)
        return signature
    }

    /// Appends the signature to `out`: callers that sketch many documents keep them in one array
    /// (reserved up front) instead of allocating one per document.
    public func appendSignature(of shingleHashes: [UInt64], to out: inout [UInt32]) {
        let lanes = laneMultipliers.count
        var minima = [SIMD8<UInt32>](repeating: SIMD8(repeating: .max), count: lanes)
        minima.withUnsafeMutableBufferPointer { m in
            laneMultipliers.withUnsafeBufferPointer { a in
                laneOffsets.withUnsafeBufferPointer { b in
                    for hash in shingleHashes {
                        let x = SIMD8<UInt32>(repeating: Self.fmix32(UInt32(truncatingIfNeeded: hash)))
                        for k in 0..<lanes {
                            m[k] = pointwiseMin(m[k], a[k] &* x &+ b[k])
                        }
                    }
                }
            }
        }
        for i in 0..<numPerm { out.append(minima[i / 8][i % 8]) }
    }

    /// The MinHash estimate of Jaccard similarity: the fraction of slots where two signatures agree.
    public static func similarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        precondition(a.count == b.count, "signatures of different lengths")
        var equal = 0
        for i in 0..<a.count where a[i] == b[i] { equal += 1 }
        return Double(equal) / Double(a.count)
    }

    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in similarity(pa, pb) } }
    }
}
