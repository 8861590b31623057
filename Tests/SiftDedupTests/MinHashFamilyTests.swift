import SiftCore
import Testing
@testable import SiftDedup

@Suite("MinHash hash family")
struct MinHashFamilyTests {
    @Test("fmix32 is MurmurHash3's finalizer (values from datasketch's _fmix)")
    func finalizer() {
        #expect(MinHashFamily.fmix32(0) == 0)
        #expect(MinHashFamily.fmix32(1) == 0x514E_28B7)
        #expect(MinHashFamily.fmix32(0xDEAD_BEEF) == 0x0DE5_C6A9)
        #expect(MinHashFamily.fmix32(0x1234_5678) == 0xE37C_D1BC)
    }

    @Test("with datasketch's permutations and shingle hashes, the signature is datasketch's affine32 signature")
    func matchesDatasketch() {
        // datasketch 2.0.0: MinHash(num_perm=8, seed=1).update_batch of three word 5-grams;
        // x = sha1_hash32 of each shingle.
        let family = MinHashFamily(
            multipliers: [3_582_191_691, 4_270_784_983, 1_892_572_953, 3_715_639_441, 982_527, 1_100_580_627, 2_597_016_983, 4_286_725_387],
            offsets: [630_311_759, 1_013_994_432, 396_591_248, 1_703_301_249, 799_981_516, 1_666_063_943, 1_484_172_013, 2_876_537_340])
        let signature = family.signature(of: [1_208_285_777, 671_384_143, 3_825_006_376])
        #expect(signature == [1_239_527_251, 14_679_124, 739_953_468, 1_460_388_045, 40_629_824, 1_273_249_559, 720_665_469, 1_099_434_828])
    }

    @Test("the eight-lane signature equals the per-permutation minimum, for any num_perm")
    func signatureIsMinimum() {
        var generator = SplitMix64(seed: 7)
        for numPerm in [1, 7, 8, 9, 64, 130] {
            let family = MinHashFamily(numPerm: numPerm, seed: 3)
            let hashes = (0..<50).map { _ in generator.next() }
            let signature = family.signature(of: hashes)
            #expect(signature.count == numPerm)
            for i in 0..<numPerm {
                #expect(signature[i] == hashes.map { family.permuted($0, permutation: i) }.min())
            }
        }
    }

    @Test("parameters are a function of the seed; multipliers are odd")
    func seeded() {
        let a = MinHashFamily(numPerm: 128, seed: 1)
        #expect(a == MinHashFamily(numPerm: 128, seed: 1))
        #expect(a != MinHashFamily(numPerm: 128, seed: 2))
        #expect(a.multipliers.allSatisfy { $0 & 1 == 1 })
        #expect(Set(a.multipliers).count == 128)
    }

    @Test("order and repeats of shingles do not change a signature; the same set gives similarity 1")
    func setSemantics() {
        let family = MinHashFamily(numPerm: 64, seed: 1)
        let hashes: [UInt64] = [11, 22, 33, 44, 55]
        let signature = family.signature(of: hashes)
        #expect(family.signature(of: hashes.reversed() + [22, 33]) == signature)
        #expect(MinHashFamily.similarity(signature, family.signature(of: [11, 22, 33, 44, 55])) == 1)
        #expect(MinHashFamily.similarity(signature, family.signature(of: [66, 77, 88, 99])) < 0.2)
    }
}
