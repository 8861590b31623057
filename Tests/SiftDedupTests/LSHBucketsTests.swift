import SiftCore
import SiftDedup
import Testing

/// `LSHBuckets` (the band tables `sift dedup` and synth QA share) against a plain reference: a
/// dictionary per band from key to the list of documents filed under it.
@Suite("LSH buckets")
struct LSHBucketsTests {
    @Test("the chain of each bucket is its members, newest first, for filed and unfiled documents")
    func againstReference() {
        var random = SplitMix64(seed: 42)
        let bands = 5
        var buckets = LSHBuckets(bands: bands)
        var reference = Array(repeating: [UInt64: [Int]](), count: bands)
        // Few distinct keys, so buckets grow long; key 0 (the table's empty marker) included.
        let keySpace: [UInt64] = [0, 1, 2, 0x9E37_79B9_7F4A_7C15] + (0..<40).map { _ in random.next() }
        for doc in 0..<3000 {
            buckets.appendUnfiled()
            if random.next() % 7 == 0 { continue }  // stored but never a candidate
            let keys = (0..<bands).map { _ in keySpace[Int(random.next() % UInt64(keySpace.count))] }
            buckets.file(doc, keys: keys[...])
            for band in 0..<bands { reference[band][keys[band], default: []].append(doc) }
        }
        #expect(buckets.count == 3000)
        for band in 0..<bands {
            for key in keySpace {
                var members: [Int] = []
                var member = buckets.newest(key, band: band)
                while member >= 0 {
                    members.append(Int(member))
                    member = buckets.previous(Int(member), band: band)
                }
                var expected = Array((reference[band][key] ?? []).reversed())
                // The table files key 0 under a substitute, so 0 and the substitute share a bucket.
                if key == 0 || key == 0x9E37_79B9_7F4A_7C15 {
                    expected = ((reference[band][0] ?? []) + (reference[band][0x9E37_79B9_7F4A_7C15] ?? [])).sorted(by: >)
                }
                #expect(members == expected, "band \(band), key \(key)")
            }
        }
    }
}
